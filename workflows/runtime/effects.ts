import { proxyActivities, proxyLocalActivities } from "@temporalio/workflow";
import type { Activities, DocumentSpec } from "../../activities";
import type { EntityStart } from "../../activities/entities";
import type { Notification } from "../../activities/notify";
import type { StoredDocument } from "../../templates/types";

/*
 * The workflows' only doors to I/O. Each activity is idempotent, so a retry is always safe; short
 * start-to-close timeouts make a worker that died mid-activity cost seconds, not minutes, before
 * another worker retries it. Failures are retried quickly at first, then with growing pauses.
 */
const retry = { initialInterval: "100ms", backoffCoefficient: 2, maximumInterval: "30s" } as const;
const render = proxyActivities<Pick<Activities, "renderDocument">>({ startToCloseTimeout: "30s", retry });
const quick = proxyActivities<Pick<Activities, "sendNotification" | "aanbiederContacten">>({ startToCloseTimeout: "15s", retry });

/** Heartbeats after every start, so a worker that dies halfway is noticed in seconds; the retry starts nothing twice. */
const starter = proxyActivities<Pick<Activities, "startEntities">>({ startToCloseTimeout: "5m", heartbeatTimeout: "10s", retry });

/*
 * A local activity runs inside the workflow task that asks for it: the engine records its result with
 * that task's commands, with no task of its own. Used where a workflow would otherwise wait for a PDF
 * and then for a mail in two more round trips; a worker that dies during it leaves the task to time
 * out and another worker to run it again, which the idempotent activity allows.
 */
const inTask = proxyLocalActivities<Pick<Activities, "documentMakenEnVerzenden">>({ startToCloseTimeout: "30s", retry });

export function renderDocument(spec: DocumentSpec, gemaaktOp: string): Promise<StoredDocument> {
  return render.renderDocument(spec, gemaaktOp);
}

/** Puts one mail in the outbox (activities/outbox); answers its Message-ID. */
export function sendNotification(idParts: string[], n: Omit<Notification, "messageId">): Promise<string> {
  return quick.sendNotification(idParts, n);
}

export function aanbiederContacten(kvks?: string[]) {
  return quick.aanbiederContacten(kvks);
}

/** Renders and stores a document and puts the mail that carries it in the outbox, in the calling workflow task. */
export function documentMakenEnVerzenden(spec: DocumentSpec, gemaaktOp: string, mail?: { idParts: string[]; notification: Omit<Notification, "messageId" | "documenten"> }) {
  return inTask.documentMakenEnVerzenden(spec, gemaaktOp, mail);
}

/** Starts entity workflows from outside the calling workflow (activities/entities explains why). */
export function startEntities(starts: EntityStart[]): Promise<void> {
  return starter.startEntities(starts);
}
