import type { Payload } from "@temporalio/common";
import { defaultPayloadConverter } from "@temporalio/common";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_FIELD } from "./payload-codec";
import { ensureKeyFile, ensurePayloadKeys, keyRingFromEnv, parseKeyList, readKeyFile, rotateKeyFile } from "./payload-keys";

const text = new TextDecoder();
const bid = { kvk: "12345678", motivatie: "Onze tarieven: € 61,20 per uur; contactpersoon J. de Vries" };
const payloadOf = (v: unknown): Payload => defaultPayloadConverter.toPayload(v);
const valueOf = (p: Payload): unknown => defaultPayloadConverter.fromPayload(p);

describe("versleuteling van workflowgegevens (AES-256-GCM)", () => {
  const dir = mkdtempSync(join(tmpdir(), "inkoop-keys-"));

  it("versleutelt elke payload zo dat de inhoud nergens leesbaar is, en ontsleutelt hem weer", async () => {
    const codec = new AesGcmPayloadCodec(readKeyFile(ensureKeyFile(join(dir, "a.json"))));
    const [sealed] = await codec.encode([payloadOf(bid)]);
    expect(text.decode(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    const raw = Buffer.from(sealed!.data!).toString("latin1");
    expect(raw).not.toContain("12345678");
    expect(raw).not.toContain("Vries");
    expect(raw).not.toContain("json/plain");
    const [opened] = await codec.decode([sealed!]);
    expect(valueOf(opened!)).toEqual(bid);
  });

  it("gebruikt voor elke payload een nieuwe IV: dezelfde inhoud geeft verschillende cijfertekst", async () => {
    const codec = new AesGcmPayloadCodec(readKeyFile(ensureKeyFile(join(dir, "b.json"))));
    const [x, y] = await codec.encode([payloadOf(bid), payloadOf(bid)]);
    expect(Buffer.from(x!.data!).equals(Buffer.from(y!.data!))).toBe(false);
  });

  it("weigert een gewijzigde cijfertekst en een omgezette sleutel-id", async () => {
    const file = ensureKeyFile(join(dir, "c.json"));
    rotateKeyFile(file);
    const ring = readKeyFile(file);
    const codec = new AesGcmPayloadCodec(ring);
    const [sealed] = await codec.encode([payloadOf(bid)]);
    const tampered = Buffer.from(sealed!.data!);
    tampered[20] = tampered[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: tampered }])).rejects.toThrow();
    const other = [...ring.keys.keys()].find((id) => id !== ring.current)!;
    await expect(codec.decode([{ ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_FIELD]: new TextEncoder().encode(other) } }])).rejects.toThrow();
  });

  it("rotatie: nieuwe gegevens onder de nieuwe sleutel, oude blijven leesbaar; zonder de oude sleutel niet", async () => {
    const file = ensureKeyFile(join(dir, "d.json"));
    const before = readKeyFile(file);
    const [old] = await new AesGcmPayloadCodec(before).encode([payloadOf(bid)]);
    const { current, retired } = rotateKeyFile(file);
    expect(retired).toEqual([before.current]);
    const after = readKeyFile(file);
    expect(after.current).toBe(current);
    const codec = new AesGcmPayloadCodec(after);
    const [fresh] = await codec.encode([payloadOf(bid)]);
    expect(text.decode(fresh!.metadata![KEY_ID_FIELD]!)).toBe(current);
    expect(valueOf((await codec.decode([old!]))[0]!)).toEqual(bid);
    const withoutOld = new AesGcmPayloadCodec({ current, keys: new Map([[current, after.keys.get(current)!]]) });
    await expect(withoutOld.decode([old!])).rejects.toThrow(/ontbreekt in de sleutelring/);
  });

  it("laat payloads van vóór de versleuteling ongemoeid bij het lezen", async () => {
    const codec = new AesGcmPayloadCodec(readKeyFile(ensureKeyFile(join(dir, "e.json"))));
    const plain = payloadOf(bid);
    expect(valueOf((await codec.decode([plain]))[0]!)).toEqual(bid);
  });

  it("bewaart de sleutels alleen leesbaar voor de eigenaar, en maakt een bestaand bestand niet opnieuw", () => {
    const file = ensureKeyFile(join(dir, "f.json"));
    const first = readFileSync(file, "utf8");
    expect(statSync(file).mode & 0o077).toBe(0);
    ensureKeyFile(file);
    expect(readFileSync(file, "utf8")).toBe(first);
  });

  it("leest sleutels uit INKOOP_PAYLOAD_KEYS (de eerste is de huidige) en weigert zonder sleutels", () => {
    const k1 = Buffer.alloc(32, 1).toString("base64");
    const k2 = Buffer.alloc(32, 2).toString("base64");
    const ring = keyRingFromEnv({ INKOOP_PAYLOAD_KEYS: `nieuw:${k2}, oud:${k1}` });
    expect(ring.current).toBe("nieuw");
    expect([...ring.keys.keys()]).toEqual(["nieuw", "oud"]);
    expect(() => parseKeyList(`kort:${Buffer.alloc(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() => keyRingFromEnv({})).toThrow(/INKOOP_PAYLOAD_KEYS/);
    expect(() => ensurePayloadKeys({}, join(dir, "g.json"), true)).toThrow(/production/);
    const env: NodeJS.ProcessEnv = {};
    ensurePayloadKeys(env, join(dir, "g.json"), false);
    expect(env.INKOOP_PAYLOAD_KEY_FILE).toBe(join(dir, "g.json"));
  });
});
