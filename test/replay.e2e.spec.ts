import { DefaultLogger, Runtime, Worker } from "@temporalio/worker";
import { historyFromJSON } from "@temporalio/common/lib/proto-utils";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { encryptedDataConverter } from "../engine/data-converter";
import { readKeyFile } from "../engine/payload-keys";
import { HISTORY_FIXTURE_KEYS, HISTORY_FIXTURES as FIXTURES } from "./harness/record-histories";
import { fetchHistoryPaged } from "./harness/history";
import { closeEngine, engine, stack, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";
import { openInschrijvingen } from "./fixtures/opening";

/**
 * Determinism: the histories the engine recorded are replayed against the workflow code as it is now.
 * Those of this run (every workflow the suite made so far, and a procedure made here), and those kept in
 * test/fixtures/histories from an earlier version, so a change that would break running workflows fails CI.
 * `INKOOP_RECORD_HISTORIES=1 npx jest` refreshes the kept ones at the end of the run (test/harness/record-histories.ts).
 */
jest.setTimeout(180_000);


const MAX_LIVE = 400;
// The replay workers log every start and stop at INFO; only problems matter here. (An earlier test file
// in the same jest worker may have made the runtime already; then its logger stays.)
try {
  Runtime.install({ logger: new DefaultLogger("WARN") });
} catch {
  // keep the existing runtime
}

/** Histories hold ciphertext: the replay decrypts them with the keys they were written under. */
async function replay(histories: { workflowId: string; history: ReturnType<typeof historyFromJSON> }[], keyFile: string) {
  const failures: string[] = [];
  const dataConverter = encryptedDataConverter(readKeyFile(keyFile));
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: stack().bundlePath }, dataConverter }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  return failures;
}

describe("replay van opgenomen geschiedenissen", () => {
  afterAll(closeEngine);

  it("speelt de geschiedenissen van deze testrun opnieuw af zonder afwijking", async () => {
    const app = createApp({ engine: engine(), roleHeaders: true });
    const inkoper: Actor = { rol: "inkoper", id: "i.replay" };
    const aanbieder: Actor = { rol: "aanbieder", id: "replay", kvk: uniqueKvk() };
    const id = uniqueId("oh-replay");
    const product = offeredProducts("ambulant-jeugd")[0]!;
    const sluitingAt = new Date(Date.now() + 4_000);
    expect((await as(app, aanbieder).post("/api/v1/aanbieders", { kvk: aanbieder.kvk, naam: "Replay Zorg", email: "replay@aanbieder.example" })).status).toBe(201);
    expect((await as(app, inkoper).post("/api/v1/procedures", { id, contractId: "ambulant-jeugd", titel: "Replay", publicatieAt: new Date(Date.now() - 1000).toISOString(), sluitingAt: sluitingAt.toISOString(), producten: [product] })).status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
    expect((await as(app, aanbieder).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving([product]))).status).toBe(201);
    await sleepUntil(sluitingAt);
    await openInschrijvingen(app, id);
    await until("beoordeling gestart", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${aanbieder.kvk}`)).body.status === "beoordeling" ? true : undefined));

    const histories: { workflowId: string; history: ReturnType<typeof historyFromJSON>; type: string }[] = [];
    for await (const wf of temporalClient().workflow.list({ query: "ExecutionStatus = 'Running' OR ExecutionStatus = 'Completed' OR ExecutionStatus = 'ContinuedAsNew'" })) {
      if (histories.length >= MAX_LIVE) break;
      histories.push({ workflowId: wf.workflowId, type: wf.type, history: (await fetchHistoryPaged(temporalClient(), wf.workflowId, wf.runId)) as ReturnType<typeof historyFromJSON> });
    }
    expect(histories.some((h) => h.workflowId === `procedure:${id}`)).toBe(true);
    expect(histories.some((h) => h.type === "inschrijving")).toBe(true);
    expect(await replay(histories, stack().payloadKeyFile)).toEqual([]);
  });

  it("speelt de bewaarde geschiedenissen van een eerdere versie opnieuw af", async () => {
    const files = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith(".json")) : [];
    expect(files.length).toBeGreaterThan(0);
    const kept = files.map((f) => ({ workflowId: `fixture:${f}`, history: historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, f), "utf8"))) }));
    expect(await replay(kept, HISTORY_FIXTURE_KEYS)).toEqual([]);
  });
});
