import { nederlandseDatums } from "../domain/besluit/teksten";
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

/** Subject and text as the reader gets them: a date inside them (a samenvatting built elsewhere) in Dutch, Amsterdam time. */
export function leesbareMail(n: Pick<Notification, "subject" | "text">): { subject: string; text: string } {
  return { subject: nederlandseDatums(n.subject), text: nederlandseDatums(n.text) };
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
  return sendMail({ messageId: n.messageId, to, ...leesbareMail(n), attachments }, opts);
}
