import { renderPdf } from "../templates/pdf/render";
import type { DocumentKind, DocumentTypes } from "../templates/types";

/** Runs in a worker thread of the render pool (activities/render-pool.ts): one document in, its PDF bytes out. */
export default async function render({ kind, data }: { kind: DocumentKind; data: DocumentTypes[DocumentKind] }): Promise<Uint8Array> {
  return new Uint8Array(await renderPdf(kind, data));
}
