import { findProduct, toelatingscriteria, type Gebieden, type Toelatingscriterium } from "../catalogue";
import { refuse, type Refusal } from "../shared/refusal";
import type { CriteriumAntwoord, InschrijvingInput } from "./inschrijving";

const antwoordVeld = (criterium: string, productId?: string) =>
  productId === undefined ? `antwoorden.${criterium}` : `antwoorden.${criterium}.${productId}`;

/**
 * What a round offers, when the caller knows more than the list: the products of the contract (so a
 * product of the contract that is not open in this round is refused as exactly that) and the kind of round.
 */
export interface AangebodenInRonde {
  producten: readonly string[];
  contractProducten: readonly string[];
  soort?: "initieel" | "heropening" | "toetreding";
  /** The contract's gebieden from the catalogue; with `inschrijvenPerPlaats` an inschrijving names its plaatsen per product. */
  gebieden?: Gebieden | null | undefined;
  /** A heropening for some plaatsen only (capaciteitstekort): the plaatsen open in this round; absent: all of the contract's. */
  plaatsen?: readonly string[] | undefined;
}

const productNaam = (id: string) => findProduct(id)?.naam ?? id;

/** "In deze heropening staat alleen open: Zuidplas, product Hulp bij huishouden." */
export function alleenOpen(producten: readonly string[], plaatsen: readonly string[]): string {
  return `In deze heropening staat alleen open: ${plaatsen.join(", ")}, ${producten.length === 1 ? "product" : "producten"} ${producten.map(productNaam).join(", ")}.`;
}

function nietInRonde(productId: string, ronde: AangebodenInRonde): string {
  if (ronde.plaatsen && ronde.plaatsen.length > 0) return `Product '${productNaam(productId)}' staat niet open in deze ronde. ${alleenOpen(ronde.producten, ronde.plaatsen)}`;
  const open = ronde.producten.map(productNaam).join(", ");
  const wat = ronde.soort === "heropening" ? `heropening voor: ${open}` : `deze ronde staat open voor: ${open}`;
  return `Product '${productNaam(productId)}' staat niet open in deze ronde (${wat}).`;
}

/**
 * Checks an inschrijving against the products the procedure offers and the toelatingscriteria:
 * every criterion answered once, the per-product criteria once for each chosen product, and an
 * exemption only where the criterion grants one. Returns the first refusal, or null.
 */
export function validateInschrijving(
  input: InschrijvingInput,
  aangeboden: readonly string[] | AangebodenInRonde,
  criteria: readonly Toelatingscriterium[] = toelatingscriteria,
): Refusal | null {
  const ronde = isRonde(aangeboden) ? aangeboden : null;
  const aangebodenProducten = ronde ? ronde.producten : (aangeboden as readonly string[]);
  const seen = new Set<string>();
  for (const [i, productId] of input.producten.entries()) {
    if (!aangebodenProducten.includes(productId)) {
      if (ronde?.contractProducten.includes(productId)) return refuse("OnbekendProduct", 400, nietInRonde(productId, ronde), `producten.${i}`);
      return refuse("OnbekendProduct", 400, `Product '${productId}' hoort niet bij deze procedure.`, `producten.${i}`);
    }
    if (seen.has(productId))
      return refuse("OngeldigeInvoer", 400, `Product '${productId}' staat twee keer in de inschrijving.`, `producten.${i}`);
    seen.add(productId);
  }
  const plaatsRefusal = checkPlaatsen(input, ronde);
  if (plaatsRefusal) return plaatsRefusal;

  const answers = new Map<string, CriteriumAntwoord>();
  for (const [i, a] of input.antwoorden.entries()) {
    const criterium = criteria.find((c) => c.code === a.criterium);
    if (!criterium)
      return refuse("OngeldigeInvoer", 400, `Onbekend toelatingscriterium '${a.criterium}'.`, `antwoorden.${i}.criterium`);
    if (criterium.perProduct && a.productId === undefined)
      return refuse("OngeldigeInvoer", 400, `${criterium.code} (${criterium.titel}) wordt per product beantwoord: geef productId op.`, `antwoorden.${i}.productId`);
    if (!criterium.perProduct && a.productId !== undefined)
      return refuse("OngeldigeInvoer", 400, `${criterium.code} (${criterium.titel}) geldt voor de hele organisatie, niet per product.`, `antwoorden.${i}.productId`);
    if (a.productId !== undefined && !seen.has(a.productId))
      return refuse("OngeldigeInvoer", 400, `Antwoord voor product '${a.productId}', maar dat product is niet gekozen.`, `antwoorden.${i}.productId`);
    const key = antwoordVeld(a.criterium, a.productId);
    if (answers.has(key)) return refuse("OngeldigeInvoer", 400, `${key} is twee keer beantwoord.`, `antwoorden.${i}`);
    const exemptionRefusal = checkVrijstelling(a, criterium, i);
    if (exemptionRefusal) return exemptionRefusal;
    answers.set(key, a);
  }

  for (const criterium of criteria) {
    const needed = criterium.perProduct ? input.producten.map((p) => antwoordVeld(criterium.code, p)) : [antwoordVeld(criterium.code)];
    for (const key of needed)
      if (!answers.has(key))
        return refuse("OntbrekendAntwoord", 400, `Het antwoord op ${criterium.code} (${criterium.titel}) ontbreekt.`, key);
  }
  return null;
}

function isRonde(a: readonly string[] | AangebodenInRonde): a is AangebodenInRonde {
  return !Array.isArray(a);
}

function checkVrijstelling(a: CriteriumAntwoord, criterium: Toelatingscriterium, i: number): Refusal | null {
  if (a.verklaring !== "vrijgesteld") {
    return a.vrijstelling === undefined
      ? null
      : refuse("OngeldigeInvoer", 400, "Een vrijstelling hoort bij de verklaring 'vrijgesteld'.", `antwoorden.${i}.vrijstelling`);
  }
  if (criterium.vrijstellingen.length === 0)
    return refuse("OngeldigeInvoer", 400, `Voor ${criterium.code} (${criterium.titel}) bestaat geen vrijstelling.`, `antwoorden.${i}.verklaring`);
  if (!criterium.vrijstellingen.some((v) => v.code === a.vrijstelling)) {
    const mogelijk = criterium.vrijstellingen.map((v) => v.code).join(" of ");
    return refuse("OngeldigeInvoer", 400, `Kies de vrijstelling voor ${criterium.code}: ${mogelijk}.`, `antwoorden.${i}.vrijstelling`);
  }
  return null;
}

/**
 * Inschrijven per plaats (inkoopplan 6.10.1): for a contract with `inschrijvenPerPlaats` every chosen product
 * names at least one plaats of the contract, and in a heropening for some plaatsen only those. For any other
 * contract `plaatsen` is refused, never silently dropped.
 */
export function checkPlaatsen(input: Pick<InschrijvingInput, "producten" | "plaatsen">, ronde: AangebodenInRonde | null): Refusal | null {
  const perPlaats = ronde?.gebieden?.inschrijvenPerPlaats === true ? ronde.gebieden : null;
  if (!perPlaats) {
    return input.plaatsen === undefined ? null : refuse("OngeldigeInvoer", 400, "Dit contract kent geen inschrijving per plaats; laat plaatsen weg.", "plaatsen");
  }
  const alle = perPlaats.plaatsen;
  const open = ronde?.plaatsen && ronde.plaatsen.length > 0 ? ronde.plaatsen : alle;
  if (input.plaatsen === undefined || input.plaatsen.length === 0)
    return refuse("OngeldigeInvoer", 400, `Bij dit contract schrijft u per plaats in: kies per product minstens één plaats (${open.join(", ")}).`, "plaatsen");
  const gedaan = new Set<string>();
  for (const [i, entry] of input.plaatsen.entries()) {
    if (!input.producten.includes(entry.productId))
      return refuse("OngeldigeInvoer", 400, `Plaatsen voor product '${productNaam(entry.productId)}', maar dat product is niet gekozen.`, `plaatsen.${i}.productId`);
    if (gedaan.has(entry.productId))
      return refuse("OngeldigeInvoer", 400, `Product '${productNaam(entry.productId)}' staat twee keer in plaatsen.`, `plaatsen.${i}.productId`);
    gedaan.add(entry.productId);
    if (entry.plaatsen.length === 0)
      return refuse("OngeldigeInvoer", 400, `Kies minstens één plaats voor product '${productNaam(entry.productId)}'.`, `plaatsen.${i}.plaatsen`);
    const gekozen = new Set<string>();
    for (const [j, plaats] of entry.plaatsen.entries()) {
      const veld = `plaatsen.${i}.plaatsen.${j}`;
      if (!alle.includes(plaats)) return refuse("OngeldigeInvoer", 400, `Onbekende plaats '${plaats}'. Kies uit: ${alle.join(", ")}.`, veld);
      if (!open.includes(plaats)) return refuse("OngeldigeInvoer", 400, `Plaats '${plaats}' staat niet open in deze ronde. ${alleenOpen(ronde?.producten ?? [], open)}`, veld);
      if (gekozen.has(plaats)) return refuse("OngeldigeInvoer", 400, `Plaats '${plaats}' staat twee keer bij product '${productNaam(entry.productId)}'.`, veld);
      gekozen.add(plaats);
    }
  }
  const zonder = input.producten.find((p) => !gedaan.has(p));
  if (zonder !== undefined)
    return refuse("OngeldigeInvoer", 400, `Kies de plaatsen waar u product '${productNaam(zonder)}' biedt (${open.join(", ")}).`, `plaatsen.${zonder}`);
  return null;
}
