import type { StoredDocument } from "../templates/types";
import { readDocument } from "./documents";
import { sendMail, type SendResult } from "./mail";
import { addressOf, type RegionRecipient } from "./recipients";

export interface Notification {
  messageId: string;
  /** E-mail addresses, or one of the region's roles. */
  to: (string | { rol: RegionRecipient })[];
  subject: string;
  text: string;
  documenten?: StoredDocument[];
}

/** Sends one mail with the stored PDFs attached; the Message-ID makes a retried send a no-op. */
export async function notify(n: Notification, opts: { failAfterSend?: boolean } = {}): Promise<SendResult> {
  const attachments = [];
  for (const doc of n.documenten ?? []) {
    const content = await readDocument(doc.id);
    if (!content) throw new Error(`document ${doc.id} ontbreekt in de opslag`);
    attachments.push({ filename: doc.bestandsnaam, content, contentType: doc.mediaType });
  }
  const to = n.to.map((t) => (typeof t === "string" ? t : addressOf(t.rol)));
  return sendMail({ messageId: n.messageId, to, subject: n.subject, text: n.text, attachments }, opts);
}
