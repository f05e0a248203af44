import { EngineClient } from "../engine/client";
import { askQuestion, submitInschrijving } from "../engine/commands";
import type { Actor } from "../domain/shared/actor";
import { aanbiederEntity } from "../workflows/aanbieder/definition";
import { procedureEntity } from "../workflows/procedure/definition";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, stack, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * A long life in a short test: this engine client starts entities that continue as new after 60
 * history events. The procedure keeps its state, its log and its idempotency answers across runs:
 * a submission retried with the same Idempotency-Key after the new run began gets the first receipt.
 */
jest.setTimeout(120_000);

describe("een procedure die als nieuwe run doorgaat (continueAsNew)", () => {
  afterAll(closeEngine);

  it("houdt staat, logboek en idempotentie vast over de runs heen", async () => {
    const engine = new EngineClient(temporalClient(), stack().taskQueue, 60);
    const id = uniqueId("oh-can");
    const inkoper: Actor = { rol: "inkoper", id: "i.can" };
    const aanbieder: Actor = { rol: "aanbieder", id: "can", kvk: uniqueKvk() };
    const product = offeredProducts("ambulant-jeugd")[0]!;
    const procedure = engine.entity(procedureEntity, id);
    await procedure.create({
      actor: inkoper,
      procedure: { id, contractId: "ambulant-jeugd", titel: "Lang leven", publicatieAt: new Date(Date.now() - 1000).toISOString(), sluitingAt: new Date(Date.now() + 3600_000).toISOString(), producten: [product] },
    });
    await procedure.publish({ actor: inkoper });
    await engine.entity(aanbiederEntity, aanbieder.kvk!).register({ actor: aanbieder, registratie: { kvk: aanbieder.kvk!, naam: "Lang Leven Zorg", email: "can@aanbieder.example" } });
    const submit = () => submitInschrijving(engine, id, { actor: aanbieder, kvk: aanbieder.kvk!, inschrijving: completeInschrijving([product]) }, { idempotencyKey: `aanbieder:${aanbieder.kvk}:sleutel-1` });
    const first = await submit();

    const handle = temporalClient().workflow.getHandle(`procedure:${id}`);
    const firstRun = (await handle.describe()).runId;
    let vragen = 0;
    while ((await handle.describe()).runId === firstRun && vragen < 60) {
      await askQuestion(engine, id, { actor: aanbieder, vraag: `Vraag ${++vragen}: geldt de termijn ook voor onderaannemers?` });
    }
    expect((await handle.describe()).runId).not.toBe(firstRun);
    // The new run starts with the summary the lists and the API read, before its own first task.
    const started = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
    expect(Object.keys(started?.memo?.fields ?? {})).toEqual(["summary"]);

    expect(await submit()).toEqual(first);
    const view = await procedure.get({ actor: inkoper });
    expect(view.aantalInschrijvingen).toBe(1);
    expect(view.vragen).toHaveLength(vragen);
    const log = (await procedure.events({ actor: inkoper })) as { seq: number; type: string }[];
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((e) => e.type === "InschrijvingReceived")).toHaveLength(1);
    expect(log[0]!.type).toBe("ProcedureCreated");
  });
});
