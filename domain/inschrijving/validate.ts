import { findProduct, toelatingscriteria, type Toelatingscriterium } from "../catalogue";
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
}

const productNaam = (id: string) => findProduct(id)?.naam ?? id;

function nietInRonde(productId: string, ronde: AangebodenInRonde): string {
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
