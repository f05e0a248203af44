import type { DataConverter } from "@temporalio/common";
import { AesGcmPayloadCodec, type PayloadKeyRing } from "./payload-codec";
import { keyRingFromEnv } from "./payload-keys";

/** Loaded by path, because the workflow sandbox loads it itself; the bundle is built with the same path. */
export const FAILURE_CONVERTER_PATH = require.resolve("./failure-converter");

/** For clients, workers and replay alike: encrypts what goes to the engine, decrypts what comes back. */
export function encryptedDataConverter(ring: PayloadKeyRing = keyRingFromEnv()): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(ring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
