import { resolve } from "node:path";

/** Where inkoop keeps its files. Read on every call, so a test can point it elsewhere after import. */
export function dataDir(): string {
  return resolve(process.env.INKOOP_DATA_DIR ?? "data");
}
