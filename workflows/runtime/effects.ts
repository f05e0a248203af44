import { proxyActivities } from "@temporalio/workflow";
import type { Activities, DocumentSpec } from "../../activities";
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
