// Public API of the catalogue: Regio Midden-Holland's purchase 2025 as data (contracts of Inkoopplan ch. 6,
// products of the productenboek and oplegger, toelatingscriteria of 4.4.1, decision authorities of 7.2/7.3).
import { authorityFor, besluitAuthorities } from "./authorities";
import { contracts, documentAnomalies, gemeentenMiddenHolland } from "./contracts";
import { hoorEnWederhoorTekst, isMicroOnderneming, knockOutTekst, microOnderneming, toelatingscriteria } from "./criteria";
import { opleggerOnlyProducts, productAnomalies, productCounts, productenboekProducts, products } from "./products";
import type { CatalogueAnomaly, Contract, Product } from "./schema";

export * from "./schema";
export {
  authorityFor,
  besluitAuthorities,
  contracts,
  gemeentenMiddenHolland,
  hoorEnWederhoorTekst,
  isMicroOnderneming,
  knockOutTekst,
  microOnderneming,
  opleggerOnlyProducts,
  productCounts,
  productenboekProducts,
  products,
  toelatingscriteria,
};

/** Every modelled anomaly: the ones derived from the products plus the document-level ones. */
export const anomalies: readonly CatalogueAnomaly[] = [...productAnomalies, ...documentAnomalies];

export function findContract(id: string): Contract | undefined {
  return contracts.find((c) => c.id === id);
}

/** All products of a contract (productenboek entries first, then oplegger-only rows), in catalogue order. */
export function productsOfContract(contractId: string): Product[] {
  return products.filter((p) => p.contractId === contractId);
}

export function findProduct(id: string): Product | undefined {
  return products.find((p) => p.id === id);
}

/**
 * The opleidingseis of a product as an aanbieder may read it: the productenboek's placeholders ("Volgt nog",
 * "Tekst volgt", "ntb") are the region's unfinished work, not a requirement, so they give null; footnote
 * digits the conversion glued to a word ("mbo 4-niveau1 of") are dropped.
 */
export function gepubliceerdeOpleiding(opleiding: string | null | undefined): string | null {
  const tekst = opleiding?.trim();
  if (!tekst || /^(volgt nog|tekst volgt|ntb|nader te bepalen)\.?$/i.test(tekst)) return null;
  return tekst.replace(/([a-z\u00e0-\u00ff])\d(?=[\s,.;:)]|$)/g, "$1");
}

/** A product as people read it: its code as printed in the catalogue, then its name; a product without a code by its name alone. */
export function productWeergave(p: Pick<Product, "codeLabel" | "naam">): string {
  return p.codeLabel ? `${p.codeLabel} ${p.naam}` : p.naam;
}

/** All products with this code (a code is not unique: 08A03 stands in three contracts, 02A41 twice in one). */
export function productsWithCode(code: string): Product[] {
  return products.filter((p) => p.code === code);
}

export const catalogue = {
  contracts,
  products,
  toelatingscriteria,
  besluitAuthorities,
  microOnderneming,
  anomalies: [...anomalies],
};
