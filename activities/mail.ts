import { dataDir } from "./config";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import nodemailer, { type SMTPPoolSentMessageInfo, type Transporter } from "nodemailer";

export interface OutgoingMail {
  /** Derived by the caller from the entity and the event, e.g. "<besluit.BES-123.toelating.1@inkoop.regio-midden-holland.nl>"; the same mail always has the same id. */
  messageId: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
  headers?: Record<string, string>;
}

export interface SendResult {
  messageId: string;
  status: "verzonden" | "al-verzonden";
  at: string;
}

/** What the outbox ledger keeps per sent message; only its existence decides, the rest is for people. */
interface LedgerEntry {
  messageId: string;
  at: string;
  to: string[];
  cc: string[];
  subject: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

const DEFAULT_SMTP_URL = "smtp://127.0.0.1:2525";
const DEFAULT_FROM = "Inkoop Regio Midden-Holland <inkoop@regio-midden-holland.example>";
/**
 * A constant, not configuration: workflows compute message ids while replaying their journal, so the
 * same entity and event must give the same id in every process, whatever its environment.
 */
export const MESSAGE_ID_DOMAIN = "inkoop.regio-midden-holland.nl";

// activities/config.ts (dataDir) did not exist yet when this module was written; same rule as there.

/**
 * Builds "<part1.part2...@domain>". Each part is encoded injectively rather than squashed: characters
 * outside [A-Za-z0-9_-] (including "." and "=") become "=XX" per UTF-8 byte. Replacing "/" by "-" would
 * let "oh-1/123" and "oh-1-123" share an id, and then the ledger would silently swallow the second mail.
 */
export function messageIdFor(parts: string[], domain: string = MESSAGE_ID_DOMAIN): string {
  if (parts.length === 0) throw new Error("messageIdFor: geen onderdelen opgegeven");
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain)) throw new Error(`messageIdFor: ongeldig domein '${domain}'`);
  const encoded = parts.map((part, i) => {
    if (part === "") throw new Error(`messageIdFor: onderdeel ${i + 1} is leeg`);
    let out = "";
    for (const byte of Buffer.from(part, "utf8")) {
      const ch = String.fromCharCode(byte);
      out += /[A-Za-z0-9_-]/.test(ch) ? ch : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
  });
  return `<${encoded.join(".")}@${domain}>`;
}

// One transport per URL: tests and dev setups point INKOOP_SMTP_URL elsewhere at run time.
const transports = new Map<string, Transporter<SMTPPoolSentMessageInfo>>();

function transportFor(url: string): Transporter<SMTPPoolSentMessageInfo> {
  let t = transports.get(url);
  if (t === undefined) {
    t = nodemailer.createTransport({ pool: true, url });
    transports.set(url, t);
  }
  return t;
}

/** Closes the pooled SMTP connections (shutdown, end of a test file); later sends open new ones. */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

function ledgerPath(messageId: string): string {
  const hash = createHash("sha256").update(messageId, "utf8").digest("hex");
  return join(dataDir(), "outbox", `${hash}.json`);
}

async function readLedger(file: string, messageId: string): Promise<SendResult | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  // The entry is only ever written after the SMTP server accepted the message, so its presence is the
  // fact that counts; unreadable content (not expected: the write is atomic) must not cause a resend.
  try {
    const entry = JSON.parse(raw) as Partial<LedgerEntry>;
    if (typeof entry.at === "string") return { messageId, status: "al-verzonden", at: entry.at };
  } catch {
    // fall through to the file time
  }
  const { mtime } = await stat(file);
  return { messageId, status: "al-verzonden", at: mtime.toISOString() };
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(content, "utf8");
    // Without fsync a power cut after the rename can leave an empty file where the fact "sent" should be.
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

/**
 * INKOOP_FAIL_AFTER_SEND=1 makes the first accepted send of each message id throw after the ledger entry
 * is written: the moment where the mail left but its sender never learned it (process killed, connection
 * lost). Tests use it to prove the retry then answers "al-verzonden"
 * instead of mailing the recipient a second time; it is never set in production.
 */
const simulatedFailures = new Set<string>();

// Serialises sends of the same id within this process, so that an engine retry that overlaps a still
// running earlier attempt waits for it and then finds its ledger entry.
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Sends a mail at most once per messageId (per data directory): the outbox ledger remembers every
 * message the SMTP server accepted. Safe to call again from a retried send.
 */
export async function sendMail(mail: OutgoingMail, opts: { failAfterSend?: boolean } = {}): Promise<SendResult> {
  if (!/^<[^<>\s@]+@[^<>\s@]+>$/.test(mail.messageId)) {
    throw new Error(`ongeldige Message-ID '${mail.messageId}': verwacht <deel@domein>, zie messageIdFor`);
  }
  if (mail.to.length === 0) throw new Error(`mail ${mail.messageId} heeft geen geadresseerden`);

  const previous = inFlight.get(mail.messageId) ?? Promise.resolve();
  const attempt = previous.catch(() => undefined).then(() => sendOnce(mail, opts.failAfterSend ?? process.env.INKOOP_FAIL_AFTER_SEND === "1"));
  inFlight.set(mail.messageId, attempt);
  try {
    return await attempt;
  } finally {
    if (inFlight.get(mail.messageId) === attempt) inFlight.delete(mail.messageId);
  }
}

async function sendOnce(mail: OutgoingMail, failAfterSend: boolean): Promise<SendResult> {
  const file = ledgerPath(mail.messageId);
  const known = await readLedger(file, mail.messageId);
  if (known !== undefined) return known;

  // The id is the idempotency key; a caller header must not contradict the one the ledger is keyed on.
  const headers = Object.fromEntries(
    Object.entries(mail.headers ?? {}).filter(([k]) => k.toLowerCase() !== "message-id"),
  );
  const info = await transportFor(process.env.INKOOP_SMTP_URL ?? DEFAULT_SMTP_URL).sendMail({
    from: process.env.INKOOP_MAIL_FROM ?? DEFAULT_FROM,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    headers,
    messageId: mail.messageId,
  });

  const at = new Date().toISOString();
  const entry: LedgerEntry = {
    messageId: mail.messageId,
    at,
    to: mail.to,
    cc: mail.cc ?? [],
    subject: mail.subject,
    accepted: info.accepted,
    rejected: info.rejected,
    response: info.response,
  };
  await writeAtomically(file, `${JSON.stringify(entry, null, 2)}\n`);

  if (failAfterSend && !simulatedFailures.has(mail.messageId)) {
    simulatedFailures.add(mail.messageId);
    throw new Error("gesimuleerde storing na verzending");
  }
  return { messageId: mail.messageId, status: "verzonden", at };
}
