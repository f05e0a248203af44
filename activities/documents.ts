import { writeOnce } from "./content-store";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { renderPdf, type PdfRenderer } from "../templates/pdf/render";
import type { DocumentKind, DocumentTypes, StoredDocument } from "../templates/types";
import { dataDir } from "./config";
import { isAlleenDatum, nederlandseDatums } from "../domain/besluit/teksten";

/*
 * The document store: a file's name is the SHA-256 of its bytes. Rendering is deterministic, so a
 * retried activity produces the same file and storing it again changes nothing.
 */

const ID_PATTERN = /^doc-([0-9a-f]{64})$/;

/** In this thread unless the worker process hands rendering to threads of its own (useRenderer). */
let render: PdfRenderer = renderPdf;

/** The worker process renders in threads of its own (activities/render-threads); tests render in-process. */
export function useRenderer(renderer: PdfRenderer): void {
  render = renderer;
}

function documentsDir(): string {
  return join(dataDir(), "documents");
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function store(bytes: Buffer, hash: string): Promise<void> {
  await writeOnce(documentsDir(), `${hash}.pdf`, bytes);
}

/**
 * Every date a reader sees is Dutch: a field that is only a date or instant is formatted by its template;
 * a date inside a sentence (a besluittekst built elsewhere, e.g. "Inschrijven kan tot 2026-11-29T20:13:49.988Z")
 * is written in Dutch here, in Amsterdam time, before rendering.
 */
export function metNederlandseDatums<T>(data: T): T {
  if (typeof data === "string") return (isAlleenDatum(data) ? data : nederlandseDatums(data)) as T;
  if (Array.isArray(data)) return data.map((x: unknown) => metNederlandseDatums(x)) as T;
  if (data !== null && typeof data === "object") return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, metNederlandseDatums(v)])) as T;
  return data;
}

export async function renderAndStore<K extends DocumentKind>(
  kind: K,
  data: DocumentTypes[K],
  bestandsnaam: string,
  gemaaktOp: string,
): Promise<StoredDocument> {
  const bytes = await render(kind, metNederlandseDatums(data));
  const hash = sha256(bytes);
  await store(bytes, hash);
  return { id: `doc-${hash}`, sha256: hash, bytes: bytes.length, kind, bestandsnaam, mediaType: "application/pdf", gemaaktOp };
}

/** The stored bytes, or null for an unknown or malformed id, or a file whose content no longer matches it. */
export async function readDocument(id: string): Promise<Buffer | null> {
  const match = ID_PATTERN.exec(id);
  const hash = match?.[1];
  if (hash === undefined) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(documentsDir(), `${hash}.pdf`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  return sha256(bytes) === hash ? bytes : null;
}
