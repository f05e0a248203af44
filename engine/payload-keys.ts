import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { PayloadKeyRing } from "./payload-codec";

/**
 * Where the payload keys come from. Never from the engine: production hands them to the API and the
 * worker through the environment (a secret store), development keeps them in a file beside, not inside,
 * the engine's data directory.
 *
 *   INKOOP_PAYLOAD_KEYS      "k2:<base64 32 bytes>,k1:<base64>" — the first is current, the rest retired
 *   INKOOP_PAYLOAD_KEY_FILE  a JSON file { "current": "k2", "keys": { "k2": "<base64>", "k1": "<base64>" } }
 */
export interface KeyFile {
  current: string;
  keys: Record<string, string>;
}

function ringOf(file: KeyFile, source: string): PayloadKeyRing {
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(file.keys)) {
    const key = Buffer.from(b64, "base64");
    if (key.length !== 32) throw new Error(`${source}: sleutel '${id}' moet 32 bytes zijn (base64), niet ${key.length}.`);
    keys.set(id, key);
  }
  if (!keys.has(file.current)) throw new Error(`${source}: de huidige sleutel '${file.current}' staat niet tussen de sleutels.`);
  return { current: file.current, keys };
}

export function parseKeyList(value: string): PayloadKeyRing {
  const entries = value.split(",").map((part) => part.trim()).filter(Boolean);
  const keys: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf(":");
    if (at <= 0) throw new Error("INKOOP_PAYLOAD_KEYS: verwacht 'id:base64sleutel' gescheiden door komma's.");
    keys[entry.slice(0, at)] = entry.slice(at + 1);
  }
  if (entries.length === 0) throw new Error("INKOOP_PAYLOAD_KEYS is leeg.");
  return ringOf({ current: entries[0]!.slice(0, entries[0]!.indexOf(":")), keys }, "INKOOP_PAYLOAD_KEYS");
}

export function readKeyFile(path: string): PayloadKeyRing {
  return ringOf(JSON.parse(readFileSync(path, "utf8")) as KeyFile, path);
}

/** The key ring of this process; refuses to run without one, so nothing is ever written to the engine in clear. */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): PayloadKeyRing {
  if (env.INKOOP_PAYLOAD_KEYS) return parseKeyList(env.INKOOP_PAYLOAD_KEYS);
  if (env.INKOOP_PAYLOAD_KEY_FILE) return readKeyFile(env.INKOOP_PAYLOAD_KEY_FILE);
  throw new Error(
    "Geen sleutel voor de versleuteling van workflowgegevens: zet INKOOP_PAYLOAD_KEYS of INKOOP_PAYLOAD_KEY_FILE (npm start maakt er lokaal een aan in data/keys).",
  );
}

function newKeyId(now: Date): string {
  return `k${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex")}`;
}

function writeKeyFile(path: string, file: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  chmodSync(path, 0o600);
}

/** A development key file with one fresh key, made once; an existing file is left as it is. */
export function ensureKeyFile(path: string, now = new Date()): string {
  if (!existsSync(path)) {
    const id = newKeyId(now);
    writeKeyFile(path, { current: id, keys: { [id]: randomBytes(32).toString("base64") } });
  }
  return path;
}

/**
 * Rotation: a new key becomes current, the old ones stay to read what they wrote. Entities re-encrypt
 * their state with the new key at their next continue-as-new; a retired key may be removed once no
 * open history (nor one within the namespace's retention) still holds payloads under it.
 */
export function rotateKeyFile(path: string, now = new Date()): { current: string; retired: string[] } {
  const file = JSON.parse(readFileSync(path, "utf8")) as KeyFile;
  const id = newKeyId(now);
  writeKeyFile(path, { current: id, keys: { [id]: randomBytes(32).toString("base64"), ...file.keys } });
  return { current: id, retired: Object.keys(file.keys) };
}

/**
 * For `npm start` and the benchmark: keys from the environment when given; otherwise, outside
 * production, a key file made once under the data directory (not under the engine's own directory).
 * Sets INKOOP_PAYLOAD_KEY_FILE so the worker process started after it uses the same keys.
 */
export function ensurePayloadKeys(env: NodeJS.ProcessEnv, defaultFile: string, production: boolean): string {
  if (env.INKOOP_PAYLOAD_KEYS) return "INKOOP_PAYLOAD_KEYS";
  if (env.INKOOP_PAYLOAD_KEY_FILE) return env.INKOOP_PAYLOAD_KEY_FILE;
  if (production) throw new Error("Met NODE_ENV=production horen de payloadsleutels uit een geheimenkluis te komen: zet INKOOP_PAYLOAD_KEYS of INKOOP_PAYLOAD_KEY_FILE.");
  env.INKOOP_PAYLOAD_KEY_FILE = ensureKeyFile(defaultFile);
  return defaultFile;
}
