import { findProduct, productsOfContract } from "../catalogue";
import { validateInschrijving } from "./validate";

const ambulant = productsOfContract("ambulant-jeugd").map((p) => p.id);
const [eerste, tweede, derde] = ambulant as [string, string, string];
const naam = (id: string) => findProduct(id)?.naam ?? id;
const input = (producten: string[]) => ({ producten, antwoorden: [] });

describe("validateInschrijving: een product buiten de ronde", () => {
  it("een product van een ander contract hoort niet bij deze procedure", () =>
    expect(validateInschrijving(input([eerste, "hulp-bij-huishouden/01A04"]), { producten: [eerste], contractProducten: ambulant, soort: "heropening" })).toEqual({
      refused: "OnbekendProduct",
      status: 400,
      melding: "Product 'hulp-bij-huishouden/01A04' hoort niet bij deze procedure.",
      veld: "producten.1",
    }));

  it("een product van het contract dat in een heropening niet openstaat: zegt precies dat, met de producten van de heropening", () =>
    expect(validateInschrijving(input([tweede]), { producten: [eerste, derde], contractProducten: ambulant, soort: "heropening" })).toEqual({
      refused: "OnbekendProduct",
      status: 400,
      melding: `Product '${naam(tweede)}' staat niet open in deze ronde (heropening voor: ${naam(eerste)}, ${naam(derde)}).`,
      veld: "producten.0",
    }));

  it("in een andere ronde noemt het wat wel openstaat", () =>
    expect(validateInschrijving(input([eerste, tweede]), { producten: [eerste], contractProducten: ambulant, soort: "initieel" })?.melding).toBe(
      `Product '${naam(tweede)}' staat niet open in deze ronde (deze ronde staat open voor: ${naam(eerste)}).`,
    ));

  it("met alleen de lijst van aangeboden producten (onderhands): zoals voorheen", () =>
    expect(validateInschrijving(input([tweede]), [eerste])?.melding).toBe(`Product '${tweede}' hoort niet bij deze procedure.`));

  it("een product dat openstaat komt door de productcontrole (daarna volgen de antwoorden)", () =>
    expect(validateInschrijving(input([eerste]), { producten: [eerste], contractProducten: ambulant, soort: "heropening" })?.refused).toBe("OntbrekendAntwoord"));
});
