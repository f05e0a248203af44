import { findProduct, productWeergave, toelatingscriteria, type Toelatingscriterium } from "../catalogue";
import type { CriteriumAntwoord, InschrijvingInput } from "./inschrijving";

/**
 * What a beoordelaar judges: one item per toelatingscriterium, and for the criteria judged per
 * product (TC02 ervaring, TC07 bekwaam personeel) one item per chosen product.
 */
export interface BeoordelingsItem {
  key: string;
  criterium: string;
  productId?: string;
}

export const itemKey = (criterium: string, productId?: string): string => (productId ? `${criterium}:${productId}` : criterium);

export function itemsOf(inhoud: InschrijvingInput, criteria: readonly Toelatingscriterium[] = toelatingscriteria): BeoordelingsItem[] {
  return criteria.flatMap((c) =>
    c.perProduct
      ? inhoud.producten.map((productId) => ({ key: itemKey(c.code, productId), criterium: c.code, productId }))
      : [{ key: itemKey(c.code), criterium: c.code }],
  );
}

export function answerFor(inhoud: InschrijvingInput, item: BeoordelingsItem): CriteriumAntwoord | undefined {
  return inhoud.antwoorden.find((a) => a.criterium === item.criterium && a.productId === item.productId);
}

export function describeItem(item: BeoordelingsItem): string {
  const criterium = toelatingscriteria.find((c) => c.code === item.criterium);
  const product = item.productId ? findProduct(item.productId) : undefined;
  const base = `${item.criterium} ${criterium?.titel ?? ""}`.trim();
  return product ? `${base} (${productWeergave(product)})` : base;
}

/**
 * Completeness signals (inkoopkader 2017: only complete forms are judged): an answer that declares
 * to meet a criterion but gives no document where the criterion asks for evidence.
 */
export function volledigheidssignalen(inhoud: InschrijvingInput, criteria: readonly Toelatingscriterium[] = toelatingscriteria): string[] {
  return itemsOf(inhoud, criteria)
    .filter((item) => {
      const a = answerFor(inhoud, item);
      return a !== undefined && a.verklaring === "voldoet" && !a.documentRef;
    })
    .map((item) => item.key);
}
