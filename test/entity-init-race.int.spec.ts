import { toelatingscriteria } from "../domain/catalogue";
import { trajectEntity, type TrajectStart } from "../workflows/traject/definition";
import { EngineClient } from "../engine/client";
import { ownWorker } from "./harness/own-worker";
import { closeEngine, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * An entity created by another entity (a besluit, a trajectory) exists from its start, but its creating
 * command runs in its first task. A command that is already waiting when that task runs is handed to its
 * handler when the handler is registered, before the creating command: it must not be judged against the
 * empty entity (it was: 404 "bestaat niet" under load), but wait for the creating command.
 * Made certain here: the entity starts on a task queue without a worker, the command waits, then a
 * worker starts and takes both in one task.
 */
jest.setTimeout(60_000);
afterAll(closeEngine);

describe("een entiteit die net is aangemaakt", () => {
  it("neemt een opdracht aan die al wacht wanneer haar aanmaak wordt verwerkt", async () => {
    const taskQueue = uniqueId("race");
    const kvk = uniqueKvk();
    const key = `${uniqueId("race")}/${kvk}`;
    const start: TrajectStart = {
      procedureId: key.split("/")[0]!,
      procedureTitel: "Race",
      contractId: "jeugdzorgplus",
      kvk,
      naam: "Race Zorg",
      email: `race-${kvk}@aanbieder.example`,
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      vraagtLandelijkTarief: false,
    };
    await temporalClient().workflow.start("traject", { taskQueue, workflowId: `traject:${key}`, args: [{ key, init: { name: "start", input: start } }] });
    const engine = new EngineClient(temporalClient(), taskQueue);
    const dienst = "Verblijf";
    const antwoorden = toelatingscriteria.map((c) => ({ criterium: c.code, ...(c.perProduct ? { productId: dienst } : {}), verklaring: "voldoet" as const, documentRef: `${c.code}.pdf` }));
    const actor = { rol: "aanbieder" as const, id: "race", kvk };
    const offerte = engine.entity(trajectEntity, key).dienOfferteIn({ actor, diensten: [{ naam: dienst, tarief: 600, eenheid: "etmaal" }], toelichting: "Direct na de uitnodiging.", antwoorden, sha256: "h" });
    // Let the update reach the server and wait there, then let a worker take the first task.
    await new Promise((r) => setTimeout(r, 500));
    const { worker, connection } = await ownWorker(taskQueue);
    try {
      await worker.runUntil(async () => {
        expect(await offerte).toMatchObject({ status: "ingediend", offertes: [{ versie: 1 }] });
        // A refusal is still a refusal: a second first offer.
        await expect(engine.entity(trajectEntity, key).dienOfferteIn({ actor, diensten: [{ naam: dienst, tarief: 600, eenheid: "etmaal" }], toelichting: "Nog eens.", sha256: "h" })).rejects.toMatchObject({
          refusal: { status: 409 },
        });
      });
    } finally {
      // Nothing of this test may outlive it on the shared engine: no worker polls its task queue afterwards.
      for (const id of [`traject:${key}`, `inschrijving:${key}`]) await temporalClient().workflow.getHandle(id).terminate("einde van de test").catch(() => undefined);
      await connection.close();
    }
  });
});
