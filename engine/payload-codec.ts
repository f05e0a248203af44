import type { Payload, PayloadCodec } from "@temporalio/common";
import { temporal } from "@temporalio/proto";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Every payload the API and the worker hand to the engine (bids, personal data, password hashes,
 * workflow state, memos, failure messages) leaves this process encrypted with AES-256-GCM. The engine,
 * its database, its UI and whoever reads a history see ciphertext and the id of the key, nothing else.
 */
export const ENCRYPTED_ENCODING = "binary/encrypted";
export const KEY_ID_FIELD = "encryption-key-id";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKeyRing {
  /** The key new payloads are encrypted with. */
  current: string;
  /** Every key that may still be needed to read a history: the current one and the retired ones. */
  keys: ReadonlyMap<string, Buffer>;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly ring: PayloadKeyRing) {
    const key = ring.keys.get(ring.current);
    if (!key) throw new Error(`De huidige payloadsleutel '${ring.current}' staat niet in de sleutelring.`);
    for (const [id, k] of ring.keys) if (k.length !== 32) throw new Error(`Payloadsleutel '${id}' is geen 256-bits sleutel (${k.length} bytes).`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.current;
    const key = this.ring.keys.get(keyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      // The key id is authenticated too: a payload cannot be passed off as encrypted under another key.
      cipher.setAAD(utf8.encode(keyId));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_FIELD]: utf8.encode(keyId) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Histories written before encryption was switched on stay readable; everything new is encrypted.
      if (!payload.metadata?.encoding || text.decode(payload.metadata.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata[KEY_ID_FIELD];
      if (!keyIdBytes) throw new Error("Versleutelde payload zonder sleutel-id.");
      const keyId = text.decode(keyIdBytes);
      const key = this.ring.keys.get(keyId);
      if (!key) throw new Error(`Payloadsleutel '${keyId}' ontbreekt in de sleutelring: een ingetrokken sleutel is nog nodig voor deze geschiedenis.`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error("Versleutelde payload is te kort.");
      const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES));
      decipher.setAAD(utf8.encode(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}
