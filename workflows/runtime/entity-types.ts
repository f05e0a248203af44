/** Workflow types by name, for entities that create or message each other without importing each other. */
export const procedureType = { type: "procedure" };
export const inschrijvingType = { type: "inschrijving" };
export const besluitType = { type: "besluit" };
export const contractType = { type: "contract" };
export const verlengingsrondeType = { type: "verlengingsronde" };
export const aanbiederType = { type: "aanbieder" };
export const gebruikerType = { type: "gebruiker" };
export const sessieType = { type: "sessie" };
export const onderhandsType = { type: "onderhands" };
export const trajectType = { type: "traject" };
