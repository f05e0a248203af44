import { MockActivityEnvironment } from "@temporalio/testing";
import { startEntities, type EntityStart } from "../activities/entities";
import { EngineClient } from "../engine/client";
import { trajectEntity, type TrajectStart } from "../workflows/traject/definition";
import { ownWorker } from "./harness/own-worker";
import { closeEngine, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * Entities that another entity creates in numbers (the besluiten and contracts of a gunning, the
 * inschrijvingen of a procedure) are started by an activity (activities/entities.ts). An activity can
 * run twice (a worker dies after the starts, before its answer is recorded): the second run must not
 * fail on the entities that exist, but hand each its creating command as the same message, so every
 * entity ends up as one start would leave it.
 */
jest.setTimeout(60_000);
afterAll(closeEngine);

describe("entiteiten die een activiteit start", () => {
  it("bestaan na twee keer starten één keer, zoals één start ze achterlaat", async () => {
    const taskQueue = uniqueId("starts");
    const procedureId = uniqueId("starts");
    const starts: EntityStart[] = [1, 2, 3].map(() => {
      const kvk = uniqueKvk();
      const start: TrajectStart = {
        procedureId,
        procedureTitel: "Starts",
        contractId: "jeugdzorgplus",
        kvk,
        naam: `Zorg ${kvk}`,
        email: `starts-${kvk}@aanbieder.example`,
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
        vraagtLandelijkTarief: false,
      };
      return { type: "traject", key: `${procedureId}/${kvk}`, init: { name: "start", input: start, messageId: `test:${procedureId}:${kvk}` } };
    });
    const activity = new MockActivityEnvironment({ taskQueue });
    await activity.run(startEntities, temporalClient(), starts, false);
    // The retry of an activity whose answer was lost: every entity exists already.
    await activity.run(startEntities, temporalClient(), starts, false);

    const { worker, connection } = await ownWorker(taskQueue);
    const engine = new EngineClient(temporalClient(), taskQueue);
    const actor = { rol: "inkoper" as const, id: "starts" };
    try {
      await worker.runUntil(async () => {
        for (const s of starts) {
          const events = await engine.entity(trajectEntity, s.key).events({ actor });
          expect(events.map((e) => e.type).filter((t) => t === events[0]!.type)).toHaveLength(1);
          expect(events.length).toBeGreaterThan(0);
        }
      });
    } finally {
      for (const s of starts) await temporalClient().workflow.getHandle(`traject:${s.key}`).terminate("einde van de test").catch(() => undefined);
      await connection.close();
    }
  });
});
