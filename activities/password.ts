import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt (RFC 7914), stored as `scrypt$N$r$p$salt$hash` with salt and hash in
 * base64url. The parameters travel with the hash, so they can be raised later and old hashes still
 * verify. Runs in the API process only: the password never enters the engine or its journal.
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

// scrypt needs 128 * N * r bytes (32 MiB at N=2^15, r=8): just above Node's default limit of 32 MiB.
const maxmemFor = (N: number, r: number) => 128 * N * r * 2 + 1024 * 1024;
// A stored hash is trusted input, but a corrupted one must not make verification take minutes.
const LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16 } as const;

function derive(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFKC: the same password typed on another keyboard (composed or decomposed accents) still matches.
    scrypt(password.normalize("NFKC"), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await derive(password, salt, SCRYPT.keyBytes, { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params.N, params.r) });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,8}$/.test(x!) ? Number(x) : NaN)) as [number, number, number];
  if (![N, r, p].every(Number.isInteger) || N < 2 || (N & (N - 1)) !== 0 || N > LIMITS.maxN || r < 1 || r > LIMITS.maxR || p < 1 || p > LIMITS.maxP) return null;
  const salt = Buffer.from(parts[4]!, "base64url");
  const key = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || key.length < 16 || key.length > 128) return null;
  return { N, r, p, salt, key };
}

/** True when the password matches the stored hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await derive(password, h.salt, h.key.length, { N: h.N, r: h.r, p: h.p, maxmem: maxmemFor(h.N, h.r) });
  return timingSafeEqual(key, h.key);
}

let dummy: Promise<string> | undefined;
/**
 * For an unknown user: spend the same work as a real verification, so the response time does not
 * tell whether the account exists. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(18).toString("base64url")).catch((err: unknown) => {
    dummy = undefined;
    throw err;
  });
  await verifyPassword(password, await dummy);
  return false;
}
