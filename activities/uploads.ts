import { writeOnce } from "./content-store";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { dataDir } from "./config";

/*
 * The upload store: evidence an aanbieder sends with an inschrijving, herstel or hoor en wederhoor.
 * A file's name is the SHA-256 of its bytes (`<dataDir>/uploads/<sha256>`), so storing the same file
 * twice changes nothing and a stored file can never be half of something: the engine only learns the
 * id once the bytes are in place. Only the content decides the type; the name an aanbieder gave is
 * not kept here (two parties uploading the same bytes must not learn each other's file names).
 *
 * Who uploaded a file is kept beside it, in `<sha256>.owners.json`: the KvK-nummers that uploaded
 * exactly these bytes. The hash alone is no proof of anything (it shows in a receipt, a link, a
 * log), so an aanbieder may refer to or download an upload only when its own KvK is in that record;
 * the same bytes uploaded by two aanbieders belong to both.
 */

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadType = "pdf" | "png" | "jpeg" | "docx" | "xlsx";

export const uploadTypes: Record<UploadType, { mediaType: string; extensies: string[]; label: string }> = {
  pdf: { mediaType: "application/pdf", extensies: [".pdf"], label: "PDF" },
  png: { mediaType: "image/png", extensies: [".png"], label: "PNG" },
  jpeg: { mediaType: "image/jpeg", extensies: [".jpg", ".jpeg"], label: "JPEG" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensies: [".docx"], label: "Word (DOCX)" },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensies: [".xlsx"], label: "Excel (XLSX)" },
};

export const ACCEPT_ATTRIBUTE = Object.values(uploadTypes)
  .flatMap((t) => [...t.extensies, t.mediaType])
  .join(",");

export interface StoredUpload {
  id: `upl-${string}`;
  sha256: string;
  bytes: number;
  naam: string;
  mediaType: string;
}

const ID_PATTERN = /^upl-([0-9a-f]{64})$/;

export const isUploadId = (s: string): boolean => ID_PATTERN.test(s);

function uploadsDir(): string {
  return join(dataDir(), "uploads");
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/**
 * The type by magic bytes. PDF: `%PDF-` within the first 1024 bytes (as the PDF standard allows);
 * PNG and JPEG: their signatures; DOCX and XLSX: a ZIP whose entries include the Office content
 * types and the main part of a Word document resp. an Excel workbook.
 */
export function sniffUploadType(b: Buffer): UploadType | null {
  if (b.subarray(0, 1024).includes("%PDF-")) return "pdf";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes("[Content_Types].xml")) {
    if (b.includes("word/document.xml")) return "docx";
    if (b.includes("xl/workbook.xml")) return "xlsx";
  }
  return null;
}

/** The type a file name claims by its extension, or null for any other extension. */
export function typeOfName(naam: string): UploadType | null {
  const ext = extname(naam).toLowerCase();
  const hit = (Object.entries(uploadTypes) as [UploadType, (typeof uploadTypes)[UploadType]][]).find(([, t]) => t.extensies.includes(ext));
  return hit ? hit[0] : null;
}

/**
 * Why a file is refused, in Dutch, or null when it is accepted: its size, an extension that is not
 * allowed, or content that is not what the extension says (an .exe renamed .pdf).
 */
export function refuseUpload(bytes: Buffer | number, naam: string): string | null {
  const size = typeof bytes === "number" ? bytes : bytes.length;
  if (size > MAX_UPLOAD_BYTES)
    return `Het bestand ${naam} is te groot (${(size / (1024 * 1024)).toFixed(1).replace(".", ",")} MB); een bestand mag maximaal 10 MB zijn.`;
  if (size === 0) return `Het bestand ${naam} is leeg.`;
  const claimed = typeOfName(naam);
  const allowed = Object.values(uploadTypes).map((t) => t.label).join(", ");
  if (!claimed) return `Het bestand ${naam} heeft een soort die niet wordt aanvaard; toegestaan zijn ${allowed}.`;
  if (typeof bytes === "number") return null;
  const actual = sniffUploadType(bytes);
  if (actual !== claimed)
    return `De inhoud van ${naam} is geen ${uploadTypes[claimed].label}${actual ? ` maar ${uploadTypes[actual].label}` : ""}; toegestaan zijn ${allowed}, en de inhoud moet bij de bestandsnaam passen.`;
  return null;
}

const KVK = /^\d{8}$/;
const ownersFile = (hash: string) => join(uploadsDir(), `${hash}.owners.json`);

async function readOwners(hash: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(ownersFile(hash), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string" && KVK.test(k)) : [];
}

/*
 * Adding an owner reads, extends and rewrites the record; two uploads of the same bytes at once (two
 * aanbieders, or one double click) must not lose one another's KvK. The web process is the only one
 * that stores uploads, so a queue per hash in this process is enough; the write itself goes to a
 * temporary name and is renamed, so a reader never sees half a record.
 */
const ownerQueues = new Map<string, Promise<unknown>>();

async function addOwner(hash: string, kvk: string): Promise<void> {
  const previous = ownerQueues.get(hash) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => {
    const owners = await readOwners(hash);
    if (owners.includes(kvk)) return;
    const dir = uploadsDir();
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${hash}.owners.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, JSON.stringify([...owners, kvk].sort()), { flag: "wx" });
      await rename(tmp, ownersFile(hash));
    } finally {
      await rm(tmp, { force: true });
    }
  });
  ownerQueues.set(hash, next);
  try {
    await next;
  } finally {
    if (ownerQueues.get(hash) === next) ownerQueues.delete(hash);
  }
}

/**
 * Whether this KvK uploaded the bytes of this id itself. False for anything that is not an upload id,
 * for bytes nobody recorded, and for an empty KvK.
 */
export async function uploadedBy(id: string, kvk: string | undefined): Promise<boolean> {
  const hash = ID_PATTERN.exec(id)?.[1];
  if (hash === undefined || !kvk || !KVK.test(kvk)) return false;
  return (await readOwners(hash)).includes(kvk);
}

/**
 * Stores the bytes under their SHA-256 after checking them once more (size, extension, magic bytes):
 * whoever calls this cannot store what the pages would refuse. `kvk` is the aanbieder that uploads
 * them; it becomes one of the file's owners only after the bytes are in place, so an owner record
 * never promises a file that is not there.
 */
export async function storeUpload(buffer: Buffer, originalName: string, mediaType: string, kvk: string): Promise<StoredUpload> {
  if (!KVK.test(kvk)) throw new Error("Een upload hoort bij een aanbieder: het KvK-nummer ontbreekt of is ongeldig.");
  const refused = refuseUpload(buffer, originalName);
  if (refused) throw new Error(refused);
  const type = sniffUploadType(buffer)!;
  if (uploadTypes[type].mediaType !== mediaType) throw new Error(`${originalName}: mediatype ${mediaType} past niet bij de inhoud (${uploadTypes[type].mediaType}).`);
  const hash = sha256(buffer);
  const dir = uploadsDir();
  await writeOnce(dir, hash, buffer);
  await addOwner(hash, kvk);
  return { id: `upl-${hash}`, sha256: hash, bytes: buffer.length, naam: originalName, mediaType };
}

/** The stored bytes with their type, or null for an unknown or malformed id or bytes that no longer match it. */
export async function readUpload(id: string): Promise<{ id: string; sha256: string; inhoud: Buffer; mediaType: string; extensie: string } | null> {
  const hash = ID_PATTERN.exec(id)?.[1];
  if (hash === undefined) return null;
  let inhoud: Buffer;
  try {
    inhoud = await readFile(join(uploadsDir(), hash));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  if (sha256(inhoud) !== hash) return null;
  const type = sniffUploadType(inhoud);
  if (!type) return null;
  return { id, sha256: hash, inhoud, mediaType: uploadTypes[type].mediaType, extensie: uploadTypes[type].extensies[0]! };
}
