import type * as restate from "@restatedev/restate-sdk";
import { renderAndStore } from "../activities/documents";
import { messageIdFor } from "../activities/mail";
import { notify, type Notification } from "../activities/notify";
import type { DocumentKind, DocumentTypes, StoredDocument } from "../templates/types";

/**
 * The workflows' only doors to I/O: each is a named, journaled step, so a replay never renders or
 * mails again, and a retried step is safe (documents are content-addressed, mails carry a stable id).
 */
export function renderDocument<K extends DocumentKind>(
  ctx: restate.Context,
  spec: { kind: K; data: DocumentTypes[K]; bestandsnaam: string },
  gemaaktOp: string,
): Promise<StoredDocument> {
  return ctx.run(`render ${spec.kind}`, () => renderAndStore(spec.kind, spec.data, spec.bestandsnaam, gemaaktOp));
}

export async function sendNotification(ctx: restate.Context, name: string, idParts: string[], n: Omit<Notification, "messageId">): Promise<string> {
  const messageId = messageIdFor(idParts);
  // A mail server hiccup is retried quickly at first; the ledger in activities/mail makes a retry safe.
  await ctx.run(`mail ${name}`, () => notify({ ...n, messageId }), { initialRetryInterval: { milliseconds: 100 } });
  return messageId;
}
