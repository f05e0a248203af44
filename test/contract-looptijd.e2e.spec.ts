import type { ContractEvent } from "../domain/contract/contract";
import type { Recorded } from "../domain/shared/audit";
import type { Actor } from "../domain/shared/actor";
import { readMailbox } from "../scripts/inbox/mailbox";
import { rondeKey } from "../domain/contract/contract";
import { EngineClient } from "../engine/client";
import { besluitEntity } from "../workflows/besluit/definition";
import { contractEntity, type StartInput } from "../workflows/contract/definition";
import { verlengingsrondeEntity } from "../workflows/verlengingsronde/definition";
import type { ContractView } from "../workflows/contract/view";
import type { Answer } from "../workflows/runtime/definitions";
import { until } from "./api-client";
import { stack, uniqueKvk } from "./harness/stack";
import { timeSkippingWorker, useTimeSkippingEnv } from "./harness/time-skipping";

/**
 * Ten years in seconds: a contract of Ambulant Jeugd (3+2+2+2+1, tacit) on Temporal's time-skipping test
 * server, with the project's real workflow bundle and activities. Each verlengingssignaal goes out (by the
 * outbox and the harness's SMTP inbox), every term starts on its day, the contract ends when its looptijd
 * is over; on the way the entity continues as new and keeps its log.
 */
jest.setTimeout(240_000);

describe("een contract door zijn hele looptijd, met overgeslagen tijd", () => {
  const testEnv = useTimeSkippingEnv();

  const inkoper: Actor = { rol: "inkoper", id: "i.looptijd" };

  /**
   * A contract entity started as the procedure starts it, on a worker with the real bundle and activities.
   * The one exception: the time-skipping server has no visibility API, so the lookup of aanbieders'
   * addresses (a list query) answers from the test's own aanbieder.
   */
  async function runContract(
    contractId: string,
    body: (c: { kvk: string; naam: string; taskQueue: string; at: At; log: () => Promise<Recorded<ContractEvent>[]>; runId: () => Promise<string>; firstRunId: string }) => Promise<void>,
  ) {
    const taskQueue = `looptijd-${contractId}`;
    const kvk = uniqueKvk();
    const key = `${contractId}/${kvk}`;
    const naam = `Looptijd Zorg ${kvk}`;
    const env = testEnv();
    const worker = await timeSkippingWorker(env, taskQueue, async () => [{ kvk, naam, email: `looptijd-${kvk}@aanbieder.example` }]);
    const start: StartInput = { contractId, kvk, naam, procedureId: "oh-looptijd", besluitId: `GUN-LT-${kvk}`, producten: ["x"], ingangsdatum: "2027-01-01" };
    await worker.runUntil(async () => {
      // Continue as new every few terms: ten years are several runs, as they would be in production.
      const handle = await env.client.workflow.start("contract", { taskQueue, workflowId: `contract:${key}`, args: [{ key, historyLimit: 40, init: { name: "start", input: start } }] });
      const view = async (): Promise<ContractView> => {
        const answer = (await handle.query(contractEntity.queries.get, { actor: inkoper, now: new Date(await env.currentTimeMs()).toISOString() })) as Answer<ContractView>;
        if (!answer.ok) throw new Error(answer.refusal.melding);
        return answer.value;
      };
      const at: At = async (iso, expectation, what) => {
        const ms = new Date(iso).getTime() - (await env.currentTimeMs());
        if (ms > 0) await env.sleep(ms);
        return until(what, async () => {
          const v = await view();
          return expectation(v) ? v : undefined;
        });
      };
      const log = async () => {
        const answer = (await handle.query(contractEntity.queries.events, { actor: inkoper })) as Answer<Recorded<ContractEvent>[]>;
        if (!answer.ok) throw new Error(answer.refusal.melding);
        return answer.value;
      };
      await body({ kvk, naam, taskQueue, at, log, runId: async () => (await handle.describe()).runId, firstRunId: handle.firstExecutionRunId });
    });
  }

  it("Ambulant Jeugd 3+2+2+2+1: vier signalen, vier stilzwijgende verlengingen en het einde na tien jaar", async () => {
    let kvk = "";
    await runContract("ambulant-jeugd", async (c) => {
      kvk = c.kvk;
      const at = c.at;

      const t1 = await at("2028-06-01T12:00:00+02:00", (v) => v.huidigeTermijn?.nr === 1, "termijn 1");
      expect(t1).toMatchObject({ status: "actief", volgendeWekker: { soort: "verlengingssignaal" }, huidigeTermijn: { start: "2027-01-01", eind: "2029-12-31", soort: "initieel" } });
      expect(t1.termijnen.map((t) => `${t.start}/${t.eind}`)).toEqual(["2027-01-01/2029-12-31", "2030-01-01/2031-12-31", "2032-01-01/2033-12-31", "2034-01-01/2035-12-31", "2036-01-01/2036-12-31"]);

      for (const [nr, eind] of [[2, "2031-12-31"], [3, "2033-12-31"], [4, "2035-12-31"], [5, "2036-12-31"]] as const) {
        const v = await at(`${eind.slice(0, 4)}-06-01T12:00:00+02:00`, (x) => x.huidigeTermijn?.nr === nr, `termijn ${nr}`);
        expect(v.huidigeTermijn).toMatchObject({ nr, eind, soort: "verlenging", wijze: "stilzwijgend" });
      }
      const eindstand = await at("2037-03-01T12:00:00+01:00", (v) => v.status !== "actief", "einde van de looptijd");
      expect(eindstand).toMatchObject({ status: "afgelopen", volgendeWekker: null, huidigeTermijn: null });

      const log = await c.log();
      expect(log.filter((e) => e.type === "VerlengingSignaal")).toHaveLength(4);
      expect(log.filter((e) => e.type === "VerlengingIngegaan").map((e) => (e.data as { hoe: string }).hoe)).toEqual(["stilzwijgend", "stilzwijgend", "stilzwijgend", "stilzwijgend"]);
      expect(log.at(-1)).toMatchObject({ type: "ContractAfgelopen", data: { reden: "looptijd-voorbij", einddatum: "2036-12-31" }, actor: { rol: "systeem" } });
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      expect(await c.runId()).not.toBe(c.firstRunId);
    });

    // Each signal is one real mail to the region's inkoop address, sent by the harness's relay.
    const signalen = await until("vier verlengingssignalen", async () => {
      const mails = (await readMailbox(stack().mailDir)).filter((m) => m.to.includes("inkoop@regio-midden-holland.example") && m.text.includes(`KvK ${kvk}`));
      return mails.length >= 4 ? mails : undefined;
    });
    expect(signalen).toHaveLength(4);
    expect(new Set(signalen.map((m) => m.messageId)).size).toBe(4);
  });

  it("JeugdzorgPlus door al zijn verlengingsrondes: zeven jaarlijkse verlengingsbesluiten van RWO, dan het einde na tien jaar", async () => {
    const directeur: Actor = { rol: "programmadirecteur", id: "p.looptijd" };
    let aanbieder = "";
    await runContract("jeugdzorgplus", async ({ kvk, naam, taskQueue, at, log }) => {
      aanbieder = `looptijd-${kvk}@aanbieder.example`;
      const engine = new EngineClient(testEnv().client, taskQueue);
      const t2 = await at("2029-10-15T12:00:00+02:00", (v) => v.huidigeTermijn?.nr === 2, "het stilzwijgende jaar");
      let termijnEinde = t2.huidigeTermijn!.eind;
      for (let nr = 3; nr <= 9; nr++) {
        // Each year RWO decides on the next: the round opens three months before the term ends.
        const key = rondeKey("jeugdzorgplus", termijnEinde);
        const ronde = await engine
          .entity(verlengingsrondeEntity, key)
          .open({ actor: inkoper, contractId: "jeugdzorgplus", termijnEinde, contracten: [{ kvk, naam, status: "actief", ingangsdatum: "2027-01-01", contractId: "jeugdzorgplus" }] });
        expect(ronde).toMatchObject({ status: "open", aanbieders: [{ kvk }] });
        const { besluitId } = await engine.entity(verlengingsrondeEntity, key).proposeBesluit({ actor: inkoper, motivering: `Jaarlijkse verlenging van JeugdzorgPlus na termijn ${nr - 1}: zorg geleverd, geen tekortkomingen.` });
        const besluit = await engine.entity(besluitEntity, besluitId).beslissen({ actor: directeur, akkoord: true, motivering: "Akkoord." });
        expect(besluit.status).toBe("vastgesteld");
        const jaar = Number(termijnEinde.slice(0, 4));
        const v = await at(`${jaar + 1}-10-15T12:00:00+02:00`, (x) => x.huidigeTermijn?.nr === nr, `termijn ${nr} na het besluit`);
        expect(v.huidigeTermijn).toMatchObject({ start: `${jaar + 1}-01-01`, eind: `${jaar + 1}-12-31`, wijze: "besluit-vooraf" });
        termijnEinde = v.huidigeTermijn!.eind;
      }
      const eind = await at("2037-03-01T12:00:00+01:00", (v) => v.status !== "actief", "einde van de looptijd");
      expect(eind.status).toBe("afgelopen");
      const events = await log();
      expect(events.filter((e) => e.type === "VerlengingIngegaan").map((e) => (e.data as { hoe: string }).hoe)).toEqual(["stilzwijgend", ...Array(7).fill("besluit")]);
      expect(events.at(-1)).toMatchObject({ type: "ContractAfgelopen", data: { reden: "looptijd-voorbij", einddatum: "2036-12-31" } });
    });
    // Each round's verlengingsbesluit reaches the aanbieder once, as a real mail with its PDF.
    const mails = await until("zeven verlengingsbesluiten", async () => {
      const found = (await readMailbox(stack().mailDir)).filter((m) => m.to.includes(aanbieder));
      return found.length >= 7 ? found : undefined;
    });
    expect(mails).toHaveLength(7);
    expect(mails.every((m) => m.attachments.length === 1)).toBe(true);
  });

  it("JeugdzorgPlus 2 + 1 stilzwijgend, daarna jaarlijks met besluit vooraf: zonder besluit eindigt het na drie jaar", async () => {
    await runContract("jeugdzorgplus", async ({ at, log }) => {
      const t2 = await at("2029-06-01T12:00:00+02:00", (v) => v.huidigeTermijn?.nr === 2, "het stilzwijgende jaar");
      expect(t2.huidigeTermijn).toMatchObject({ start: "2029-01-01", eind: "2029-12-31", wijze: "stilzwijgend" });
      expect(t2.volgendeWekker).toMatchObject({ soort: "verlengingssignaal" });
      const eind = await at("2030-02-01T12:00:00+01:00", (v) => v.status !== "actief", "einde zonder verlengingsbesluit");
      expect(eind.status).toBe("afgelopen");
      expect((await log()).at(-1)).toMatchObject({ type: "ContractAfgelopen", data: { reden: "geen-verlengingsbesluit", einddatum: "2029-12-31" } });
    });
  });
});

type At = (iso: string, expectation: (v: ContractView) => boolean, what: string) => Promise<ContractView>;
