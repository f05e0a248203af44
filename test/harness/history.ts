import type { Client } from "@temporalio/client";
import type { temporal } from "@temporalio/proto";

/**
 * One run's whole history in small pages. The SDK's fetchHistory asks for the server's default page,
 * which for a procedure that took long inschrijvingen is larger than a gRPC message may be (4 MiB).
 */
export async function fetchHistoryPaged(client: Client, workflowId: string, runId?: string): Promise<temporal.api.history.v1.IHistory> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({ namespace: client.options.namespace, execution: { workflowId, ...(runId ? { runId } : {}) }, maximumPageSize: 4, nextPageToken });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}
