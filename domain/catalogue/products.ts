// The products, generated from the productenboek and the oplegger by `npm run catalogue:generate`
// (scripts/catalogue/generate.ts) and parsed through the zod schema on load.
import data from "./products.generated.json";
import { type GeneratedProductsFile, GeneratedProductsFileSchema, type Product } from "./schema";

const generated: GeneratedProductsFile = GeneratedProductsFileSchema.parse(data);

/**
 * All products: the 58 entries of the productenboek (bron "productenboek") followed by the rows of the
 * oplegger's was-wordt lists that are not in the productenboek (bron "alleen-oplegger", mostly "stoppen").
 */
export const products: readonly Product[] = generated.products;

/** Only the productenboek entries, in document order. */
export const productenboekProducts: readonly Product[] = products.filter((p) => p.bron === "productenboek");

/** Only the oplegger rows without a productenboek entry. */
export const opleggerOnlyProducts: readonly Product[] = products.filter((p) => p.bron === "alleen-oplegger");

/** Counts as generated: productenboek (58), alleenOplegger, productenboek per contract. */
export const productCounts: GeneratedProductsFile["aantallen"] = generated.aantallen;

/** Anomalies derived from the products by the generator. */
export const productAnomalies: GeneratedProductsFile["anomalies"] = generated.anomalies;
