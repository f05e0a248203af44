import type { Client } from "@temporalio/client";
import type { DocumentKind, DocumentTypes, StoredDocument } from "../templates/types";
import { renderAndStore } from "./documents";
import { startEntities, type EntityStart } from "./entities";
import { messageIdFor } from "./mail";
import type { Notification } from "./notify";
import { spoolMail } from "./outbox";

export interface DocumentSpec<K extends DocumentKind = DocumentKind> {
  kind: K;
  data: DocumentTypes[K];
  bestandsnaam: string;
}

export interface AanbiederContact {
  kvk: string;
  naam: string;
  email: string;
}

/** Puts one mail in the outbox under the Message-ID its parts give; answers that Message-ID. */
async function spool(idParts: string[], n: Omit<Notification, "messageId">): Promise<string> {
  const messageId = messageIdFor(idParts);
  await spoolMail({ ...n, messageId });
  return messageId;
}

/**
 * Everything a workflow may not do itself, as Temporal activities: rendering and storing PDFs,
 * sending mail, and reading what other entities published. Each is safe to retry: documents are
 * content-addressed and a mail's Message-ID, derived from its entity and event, is sent once.
 */
export function createActivities(deps: { client: Client; eagerStart?: boolean }) {
  return {
    async renderDocument(spec: DocumentSpec, gemaaktOp: string): Promise<StoredDocument> {
      return renderAndStore(spec.kind, spec.data, spec.bestandsnaam, gemaaktOp);
    },

    /**
     * Hands one mail to the outbox (activities/outbox): from there the relay sends it exactly once.
     * Answers its Message-ID, which the entity records as proof of sending.
     */
    async sendNotification(idParts: string[], n: Omit<Notification, "messageId">): Promise<string> {
      return spool(idParts, n);
    },

    /**
     * Renders and stores a document and hands the mail that carries it to the outbox, in one go: a
     * besluit that is issued at once needs no engine round trip between its PDF and its mail. Safe to
     * repeat for the same reasons as the two activities it joins.
     */
    async documentMakenEnVerzenden(spec: DocumentSpec, gemaaktOp: string, mail?: { idParts: string[]; notification: Omit<Notification, "messageId" | "documenten"> }): Promise<{ document: StoredDocument; messageId?: string }> {
      const document = await renderAndStore(spec.kind, spec.data, spec.bestandsnaam, gemaaktOp);
      if (!mail) return { document };
      return { document, messageId: await spool(mail.idParts, { ...mail.notification, documenten: [document] }) };
    },

    /** Starts entity workflows (or hands each its creating command when it exists), a few at a time. */
    async startEntities(starts: EntityStart[]): Promise<void> {
      await startEntities(deps.client, starts, deps.eagerStart ?? false);
    },

    /** Registered aanbieders with their mail address, from what each aanbieder entity published. */
    async aanbiederContacten(kvks?: string[]): Promise<AanbiederContact[]> {
      const wanted = kvks ? new Set(kvks) : null;
      const out: AanbiederContact[] = [];
      for await (const wf of deps.client.workflow.list({ query: "WorkflowType = 'aanbieder' AND ExecutionStatus = 'Running'" })) {
        const s = wf.memo?.summary as Partial<AanbiederContact> | undefined;
        if (!s || typeof s.kvk !== "string" || typeof s.email !== "string") continue;
        if (wanted && !wanted.has(s.kvk)) continue;
        out.push({ kvk: s.kvk, naam: s.naam ?? s.kvk, email: s.email });
      }
      return out;
    },
  };
}
export type Activities = ReturnType<typeof createActivities>;
