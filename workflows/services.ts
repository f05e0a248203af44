import { aanbiederObject } from "./aanbieder";
import { besluitObject } from "./besluit";
import { contractObject } from "./contract";
import { gebruikerObject } from "./gebruiker";
import { inschrijvingObject } from "./inschrijving";
import { procedureObject } from "./procedure";
import { registerObject } from "./register";
import { verlengingsrondeObject } from "./verlengingsronde";
import { sessieObject } from "./sessie";

/** Everything the service endpoint serves; registered with Restate as one deployment. */
export const services = [procedureObject, inschrijvingObject, aanbiederObject, besluitObject, contractObject, registerObject, sessieObject, gebruikerObject, verlengingsrondeObject];
