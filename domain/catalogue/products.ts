// The products, generated from the productenboek and the oplegger by `npm run catalogue:generate`
// (scripts/catalogue/generate.ts), which checks them against the zod schema before it writes the file;
// catalogue.unit.spec.ts checks the committed file again. Not parsed on load: every worker and API
// process loads it, and parsing 270 KB through the schema cost CPU and a second copy in memory.
import data from "./products.generated.json";
import type { GeneratedProductsFile, Product } from "./schema";

const generated = data as GeneratedProductsFile;

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
