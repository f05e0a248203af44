import { findContract, findProduct, productsOfContract } from "../catalogue";
import { completeInschrijving } from "../../test/fixtures/inschrijving";
import { checkPlaatsen, validateInschrijving, type AangebodenInRonde } from "./validate";

/** Inschrijven per plaats (inkoopplan 6.10.1, Hulp bij huishouden): the plaatsen per product. */
const hbh = findContract("hulp-bij-huishouden")!;
const product = productsOfContract("hulp-bij-huishouden")[0]!.id;
const naam = findProduct(product)!.naam;
const initieel: AangebodenInRonde = { producten: [product], contractProducten: [product], soort: "initieel", gebieden: hbh.gebieden };
const zuidplas: AangebodenInRonde = { ...initieel, soort: "heropening", plaatsen: ["Zuidplas"] };
const ambulant = productsOfContract("ambulant-jeugd").map((p) => p.id);
const metPlaatsen = (plaatsen: string[]) => ({ ...completeInschrijving([product]), plaatsen: [{ productId: product, plaatsen }] });

describe("validateInschrijving per plaats", () => {
  it("de catalogus noemt de vijf gemeenten als plaatsen van Hulp bij huishouden", () => expect(hbh.gebieden?.plaatsen).toContain("Zuidplas"));

  it("neemt een inschrijving voor Gouda en Waddinxveen aan", () => expect(validateInschrijving(metPlaatsen(["Gouda", "Waddinxveen"]), initieel)).toBeNull());

  it("vraagt bij een contract per plaats om plaatsen", () =>
    expect(validateInschrijving(completeInschrijving([product]), initieel)).toMatchObject({ status: 400, veld: "plaatsen", melding: expect.stringContaining("per plaats") }));

  it("vraagt minstens één plaats per gekozen product", () =>
    expect(validateInschrijving(metPlaatsen([]), initieel)).toMatchObject({ status: 400, veld: "plaatsen.0.plaatsen", melding: `Kies minstens één plaats voor product '${naam}'.` }));

  it("weigert een onbekende plaats en noemt het veld", () =>
    expect(validateInschrijving(metPlaatsen(["Gouda", "Rotterdam"]), initieel)).toEqual({
      refused: "OngeldigeInvoer",
      status: 400,
      melding: `Onbekende plaats 'Rotterdam'. Kies uit: ${hbh.gebieden!.plaatsen.join(", ")}.`,
      veld: "plaatsen.0.plaatsen.1",
    }));

  it("weigert een plaats twee keer", () => expect(validateInschrijving(metPlaatsen(["Gouda", "Gouda"]), initieel)?.veld).toBe("plaatsen.0.plaatsen.1"));

  it("weigert plaatsen voor een product dat niet is gekozen", () =>
    expect(checkPlaatsen({ producten: [product], plaatsen: [{ productId: product, plaatsen: ["Gouda"] }, { productId: "ander", plaatsen: ["Gouda"] }] }, initieel)?.veld).toBe("plaatsen.1.productId"));

  it("in een heropening voor Zuidplas: een inschrijving voor Gouda wordt geweigerd met de reden", () =>
    expect(validateInschrijving(metPlaatsen(["Gouda"]), zuidplas)).toEqual({
      refused: "OngeldigeInvoer",
      status: 400,
      melding: `Plaats 'Gouda' staat niet open in deze ronde. In deze heropening staat alleen open: Zuidplas, product ${naam}.`,
      veld: "plaatsen.0.plaatsen.0",
    }));

  it("in een heropening voor Zuidplas: een inschrijving voor Zuidplas komt door", () => expect(validateInschrijving(metPlaatsen(["Zuidplas"]), zuidplas)).toBeNull());

  it("een contract zonder plaatsen weigert plaatsen in plaats van ze te laten vallen", () =>
    expect(validateInschrijving({ ...completeInschrijving([ambulant[0]!]), plaatsen: [{ productId: ambulant[0]!, plaatsen: ["Gouda"] }] }, { producten: ambulant, contractProducten: ambulant, gebieden: null })).toEqual({
      refused: "OngeldigeInvoer",
      status: 400,
      melding: "Dit contract kent geen inschrijving per plaats; laat plaatsen weg.",
      veld: "plaatsen",
    }));

  it("een contract zonder plaatsen zonder plaatsen: zoals voorheen", () =>
    expect(validateInschrijving(completeInschrijving([ambulant[0]!]), { producten: ambulant, contractProducten: ambulant, gebieden: null })).toBeNull());
});
