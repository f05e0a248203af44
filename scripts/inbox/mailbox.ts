import { readdir, readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { simpleParser, type AddressObject, type EmailAddress } from "mailparser";

/** File names the SMTP inbox writes; also the only ids the web inbox accepts (no path traversal). */
export const MAIL_FILE = /^[A-Za-z0-9._-]+\.eml$/;

export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface ReceivedMail {
  /** The .eml file name, which is also the id in the web inbox. */
  file: string;
  /** With angle brackets, as in the header; "" when the message had none. */
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html?: string;
  /** The Date header, or the file time when the message lacks one. */
  date: Date;
  attachments: ReceivedAttachment[];
  /** Every header line as received, for the detail view. */
  headerLines: { key: string; line: string }[];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const flat = (list: EmailAddress[]): string[] =>
    list.flatMap((a) => (a.group !== undefined ? flat(a.group) : a.address !== undefined ? [a.address] : []));
  if (field === undefined) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((o) => flat(o.value));
}

// Stored messages never change (the inbox links them in whole), so a parse can be reused: polling
// waitForMail and the web list would otherwise re-parse every earlier message, megabytes of attachments
// included, on each round. Bounded by raw size so a long-running dev inbox does not grow without end.
const CACHE_LIMIT_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, { key: string; bytes: number; mail: ReceivedMail }>();
let cachedBytes = 0;

function remember(path: string, key: string, bytes: number, mail: ReceivedMail): void {
  const old = cache.get(path);
  if (old !== undefined) {
    cache.delete(path);
    cachedBytes -= old.bytes;
  }
  if (bytes > CACHE_LIMIT_BYTES) return;
  cache.set(path, { key, bytes, mail });
  cachedBytes += bytes;
  for (const [p, entry] of cache) {
    if (cachedBytes <= CACHE_LIMIT_BYTES) break;
    cache.delete(p);
    cachedBytes -= entry.bytes;
  }
}

/**
 * Parses one stored message; `file` must be a name from the inbox directory. The result may be shared
 * with other callers: treat it (attachment buffers included) as read-only.
 */
export async function readMail(dir: string, file: string): Promise<ReceivedMail> {
  if (!MAIL_FILE.test(file)) throw new Error(`ongeldige berichtnaam '${file}'`);
  const path = resolve(dir, file);
  const st = await stat(path);
  // Size and mtime guard against a file replaced by hand under the same name.
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(path);
  if (hit !== undefined && hit.key === key) return hit.mail;
  const mail = await parseMail(file, await readFile(path), st.mtime);
  remember(path, key, st.size, mail);
  return mail;
}

async function parseMail(file: string, raw: Buffer, fileTime: Date): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const date = parsed.date ?? fileTime;
  return {
    file,
    messageId: parsed.messageId ?? "",
    from: parsed.from?.text ?? "",
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    ...(typeof parsed.html === "string" ? { html: parsed.html } : {}),
    date,
    attachments: parsed.attachments.map((a, i) => ({
      filename: a.filename ?? `bijlage-${i + 1}`,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
    })),
    headerLines: parsed.headerLines.map((h) => ({ key: h.key, line: h.line })),
  };
}

/** The .eml names in arrival order (the names start with the arrival time); [] while the dir is absent. */
export async function listMailFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return names.filter((n) => MAIL_FILE.test(n) && !n.startsWith(".")).sort();
}

/** Every message in the inbox directory, oldest first. */
export async function readMailbox(dir: string): Promise<ReceivedMail[]> {
  const files = await listMailFiles(dir);
  return Promise.all(files.map((f) => readMail(dir, f)));
}

/** Polls the inbox every 100 ms until a message matches; the oldest match wins. */
export async function waitForMail(
  dir: string,
  predicate: (m: ReceivedMail) => boolean,
  timeoutMs = 15000,
): Promise<ReceivedMail> {
  const deadline = performance.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    for (const file of await listMailFiles(dir)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const mail = await readMail(dir, file);
      if (predicate(mail)) return mail;
    }
    if (performance.now() > deadline) {
      throw new Error(`geen passend bericht in ${dir} binnen ${timeoutMs} ms (${seen.size} bekeken)`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
