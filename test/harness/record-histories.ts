import { Client, Connection } from "@temporalio/client";
import { historyToJSON } from "@temporalio/common/lib/proto-utils";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encryptedDataConverter } from "../../engine/data-converter";
import { readKeyFile } from "../../engine/payload-keys";
import { fetchHistoryPaged } from "./history";
import type { StackInfo } from "./stack-file";

export const HISTORY_FIXTURES = join(__dirname, "..", "fixtures", "histories");
/**
 * The payload keys of the recorded histories. A key for test fixtures only, committed on purpose: a run
 * that records (INKOOP_RECORD_HISTORIES=1) encrypts with it, so the replay can decrypt the fixtures later.
 */
export const HISTORY_FIXTURE_KEYS = join(HISTORY_FIXTURES, "payload-keys.test-only");
const SAMPLE = 40;

/**
 * Keeps the longest history of each workflow type that a whole test run produced, as the fixtures that
 * test/replay.e2e.spec.ts replays against later versions of the workflow code.
 */
export async function recordHistories(info: StackInfo): Promise<string[]> {
  const connection = await Connection.connect({ address: info.temporalAddress });
  try {
    const client = new Client({ connection, namespace: info.namespace, dataConverter: encryptedDataConverter(readKeyFile(info.payloadKeyFile)) });
    // Visibility knows the length of closed runs only: read a sample of each type and keep the longest.
    const sample = new Map<string, { id: string; runId: string }[]>();
    for await (const wf of client.workflow.list()) {
      const seen = sample.get(wf.type) ?? [];
      if (seen.length < SAMPLE) sample.set(wf.type, [...seen, { id: wf.workflowId, runId: wf.runId }]);
    }
    mkdirSync(HISTORY_FIXTURES, { recursive: true });
    for (const [type, runs] of sample) {
      const histories = await Promise.all(runs.map((r) => fetchHistoryPaged(client, r.id, r.runId)));
      const longest = histories.reduce((a, b) => ((b.events?.length ?? 0) > (a.events?.length ?? 0) ? b : a));
      writeFileSync(join(HISTORY_FIXTURES, `${type}.json`), historyToJSON(longest as Parameters<typeof historyToJSON>[0]));
    }
    return [...sample.keys()];
  } finally {
    await connection.close();
  }
}
