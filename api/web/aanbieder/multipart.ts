import type { Request, Response } from "express";
import multer from "multer";
import { createHmac, timingSafeEqual } from "node:crypto";
import { ACCEPT_ATTRIBUTE, isUploadId, MAX_UPLOAD_BYTES, refuseUpload, sniffUploadType, storeUpload, typeOfName, uploadTypes, type StoredUpload } from "../../../activities/uploads";
import { html, type SafeHtml } from "../html";
import type { FieldErrors } from "../forms";
import { me, messagePage } from "./common";

/*
 * File uploads on the aanbieder's forms (multipart/form-data).
 *
 * Limits: at most 10 MB per file and 40 files per form, only PDF, PNG, JPEG, DOCX and XLSX, checked
 * by extension and by magic bytes (activities/uploads.ts). Files are held in memory, never on disk
 * unchecked. multer's own fileSize limit would abort the whole request at the first large file and
 * lose everything typed after it; so the storage engine below is multer's memory storage with the
 * limit applied per file: a file that grows past 10 MB is drained and reported on its own field,
 * while the rest of the form arrives intact. A request larger than 40 files of 10 MB is refused as a
 * whole before it is read.
 *
 * CSRF: the token never travels in the URL. The app-level verifyCsrf cannot read a multipart body
 * (no body parser there reads multipart), so for the routes named by isMultipartForm it leaves the
 * check to readMultipart. Browsers send the fields of a form in document order and every upload form
 * puts the hidden `_csrf` input first; busboy hands multer the parts in the order they arrive, and
 * multer adds each field to req.body as it arrives. So when the first file part begins, the token is
 * already in req.body or the form is forged: the storage engine below refuses that file before it
 * keeps a byte of it, which aborts the whole request (multer drains the rest unread). After multer,
 * the token is checked once more for forms without any file part.
 */

export const MAX_FILES = 40;
const MAX_REQUEST_BYTES = MAX_FILES * MAX_UPLOAD_BYTES + 2 * 1024 * 1024;

type Received = Express.Multer.File & { refused?: string };

/** The POST routes that read a multipart body with readMultipart (verifyCsrf leaves their check to it). */
const MULTIPART_FORMS = /^\/aanbieder\/(?:procedures\/[^/]+\/(?:inschrijving|herstel|hoor-en-wederhoor)|onderhands\/[^/]+\/offerte)\/?$/;
export const isMultipartForm = (path: string): boolean => MULTIPART_FORMS.test(path);

/** A file part that arrived before a valid `_csrf` field: the form is refused as a whole. */
class FormTokenMissing extends Error {}

const perRequest = new WeakMap<Request, { files: number; bytes: number }>();

/** multer's memory storage with a per-file limit that reports instead of aborting. */
const boundedMemory: multer.StorageEngine = {
  _handleFile(req, file, cb) {
    if (!verifyFormToken(req)) {
      file.stream.resume();
      return cb(new FormTokenMissing("CSRF token missing before the first file"));
    }
    const count = perRequest.get(req) ?? { files: 0, bytes: 0 };
    perRequest.set(req, count);
    count.files += 1;
    let refused: string | undefined =
      count.files > MAX_FILES ? `Te veel bestanden in één keer: maximaal ${MAX_FILES}. Voeg ${file.originalname} opnieuw toe.` : typeOfName(file.originalname) ? undefined : (refuseUpload(1, file.originalname) ?? undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    file.stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      count.bytes += chunk.length;
      if (count.bytes > MAX_REQUEST_BYTES) return req.destroy();
      if (refused) return;
      if (size > MAX_UPLOAD_BYTES) {
        chunks.length = 0;
        refused = "te groot";
        return;
      }
      chunks.push(chunk);
    });
    file.stream.on("error", (err) => cb(err));
    file.stream.on("end", () => {
      if (refused === "te groot") refused = refuseUpload(size, file.originalname) ?? undefined;
      cb(null, { size, ...(refused ? { refused } : { buffer: Buffer.concat(chunks) }) } as Partial<Express.Multer.File>);
    });
  },
  _removeFile(_req, file, cb) {
    (file as Partial<Express.Multer.File>).buffer = undefined;
    cb(null);
  },
};

const upload = multer({
  storage: boundedMemory,
  defParamCharset: "utf8",
  // Generous part counts: a browser sends every file input, empty ones too, and busboy counts them.
  limits: { files: 400, fields: 2000, parts: 2400, fieldSize: 64 * 1024, fieldNameSize: 300 },
}).any();

const multerReasons: Record<string, string> = {
  LIMIT_FILE_COUNT: "Het formulier bevat te veel bestandsvelden.",
  LIMIT_FIELD_COUNT: "Het formulier bevat te veel velden.",
  LIMIT_PART_COUNT: "Het formulier bevat te veel onderdelen.",
  LIMIT_FIELD_VALUE: "Een tekstveld is te lang.",
  LIMIT_FIELD_KEY: "Een veldnaam is te lang.",
};

/** The same refusal as verifyCsrf's for a form without its token. */
const refuseForm = (req: Request, res: Response) =>
  messagePage(req, res, 403, "Formulier verlopen", "Het formulier is verlopen of ongeldig. Ga terug, laad de pagina opnieuw en probeer het nog eens.");

/**
 * Reads a multipart form (multer), then checks its CSRF field. Renders the refusal and returns false
 * when the form cannot be used; afterwards req.body holds the fields and req.files the files.
 */
export async function readMultipart(req: Request, res: Response): Promise<boolean> {
  if (Number(req.get("content-length") ?? 0) > MAX_REQUEST_BYTES) {
    messagePage(req, res, 413, "Formulier te groot", `U stuurt in één keer meer dan ${MAX_FILES} bestanden van 10 MB. Verdeel de bestanden of verklein ze.`);
    return false;
  }
  try {
    await new Promise<void>((resolve, reject) => upload(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
  } catch (err) {
    if (err instanceof FormTokenMissing) {
      refuseForm(req, res);
      return false;
    }
    if (err instanceof multer.MulterError) {
      messagePage(req, res, 400, "Formulier niet verwerkt", `${multerReasons[err.code] ?? "Het formulier kon niet worden gelezen."} Ga terug en probeer het opnieuw.`);
      return false;
    }
    throw err;
  }
  if (!verifyFormToken(req)) {
    refuseForm(req, res);
    return false;
  }
  return true;
}

/** The `_csrf` field of a parsed form, compared in constant time with the session's token. */
export function verifyFormToken(req: Request): boolean {
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  const expected = Buffer.from(req.csrf ?? "");
  // Bytes, not characters: timingSafeEqual throws on buffers of unequal length.
  return typeof given === "string" && expected.length > 0 && Buffer.byteLength(given) === expected.length && timingSafeEqual(Buffer.from(given), expected);
}

export interface KeptUpload {
  id: string;
  naam: string;
}

/**
 * Stores every acceptable file of the form (content-addressed, so a repeat is harmless) and names the
 * refused ones on their field. `wanted` says which file fields count (null: ignore the file). The
 * signed-in aanbieder's KvK is recorded as an owner of each file: only it may refer to or download it.
 */
export async function storeFiles(req: Request, wanted: (fieldname: string) => boolean): Promise<{ stored: Map<string, StoredUpload[]>; errors: FieldErrors }> {
  const { kvk } = me(req);
  const stored = new Map<string, StoredUpload[]>();
  const errors: FieldErrors = {};
  for (const f of (req.files as Received[] | undefined) ?? []) {
    if (!wanted(f.fieldname)) continue;
    const refused = f.refused ?? (f.buffer ? refuseUpload(f.buffer, f.originalname) : `Het bestand ${f.originalname} kwam niet goed aan.`);
    if (refused || !f.buffer) {
      errors[f.fieldname] ??= refused ?? "";
      continue;
    }
    const type = sniffUploadType(f.buffer)!;
    const s = await storeUpload(f.buffer, f.originalname, uploadTypes[type].mediaType, kvk);
    stored.set(f.fieldname, [...(stored.get(f.fieldname) ?? []), s]);
  }
  return { stored, errors };
}

/*
 * A browser cannot keep a chosen file when the form comes back with an error. The pages keep the
 * stored upload's id in a hidden field instead, signed with the server's secret and bound to the
 * session, so a form can only refer to uploads this session stored (not to another party's file by
 * its hash). The commands check ownership once more (engine/commands.ts) before anything is sent.
 */
function mac(secret: string, sessionId: string, id: string, naam: string): string {
  return createHmac("sha256", secret).update(`upload\n${sessionId}\n${id}\n${naam}`).digest("base64url");
}

export function keptValue(secret: string, req: Request, u: KeptUpload): string {
  return `${u.id}.${Buffer.from(u.naam).toString("base64url")}.${mac(secret, req.sessionId ?? "", u.id, u.naam)}`;
}

export function parseKept(secret: string, req: Request, value: unknown): KeptUpload | null {
  if (typeof value !== "string") return null;
  const [id, naam64, sig] = value.split(".");
  if (!id || naam64 === undefined || !sig || !isUploadId(id)) return null;
  const naam = Buffer.from(naam64, "base64url").toString("utf8");
  const expected = Buffer.from(mac(secret, req.sessionId ?? "", id, naam));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { id, naam } : null;
}

export const values = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

export const acceptAttribute = ACCEPT_ATTRIBUTE;
export const uploadHint = "PDF, PNG, JPEG, DOCX of XLSX, maximaal 10 MB per bestand.";

/** The hidden fields and the visible "al geüpload" line for uploads that are kept across a refusal. */
export function keptFields(secret: string, req: Request, name: string, kept: KeptUpload[]): SafeHtml {
  if (kept.length === 0) return html``;
  return html`${kept.map((u) => html`<input type="hidden" name="${name}" value="${keptValue(secret, req, u)}">`)}
<p class="utrecht-paragraph inkoop-al-geupload">Al geüpload: ${kept.map((u, i) => html`${i > 0 ? ", " : ""}<strong>${u.naam}</strong>`)}. U hoeft ${kept.length === 1 ? "dit bestand" : "deze bestanden"} niet opnieuw te kiezen.</p>`;
}
