import type { Express } from "express";
import { createApp } from "../api/app";
import { toelatingscriteria } from "../domain/catalogue";
import { rondeKey } from "../domain/contract/contract";
import type { Actor } from "../domain/shared/actor";
import { EngineClient } from "../engine/client";
import { proposeContractBesluit } from "../engine/commands";
import { besluitEntity } from "../workflows/besluit/definition";
import { contractEntity } from "../workflows/contract/definition";
import type { ContractView } from "../workflows/contract/view";
import type { Answer } from "../workflows/runtime/definitions";
import { verlengingsrondeEntity } from "../workflows/verlengingsronde/definition";
import { as, until } from "./api-client";
import { uniqueId, uniqueKvk } from "./harness/stack";
import { timeSkippingWorker, useTimeSkippingEnv } from "./harness/time-skipping";

/**
 * JeugdzorgPlus (6.2) from its procedure to the contracts' later years, on the time-skipping server: the
 * BOSD's motivation, two trajectories with agreement, then two years, the tacit third, and a fourth
 * only where RWO decided it beforehand (7.3): the other contract ends after year three.
 */
jest.setTimeout(240_000);

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
const bosd: Actor = { rol: "bosd", id: "wethouder.gouda" };
const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
type Aanbieder = Actor & { kvk: string; naam: string; email: string };

describe("JeugdzorgPlus onderhands gegund, daarna de jaren van 6.2.2 (overgeslagen tijd)", () => {
  const testEnv = useTimeSkippingEnv();

  it("het stilzwijgende derde jaar voor beide; een vierde jaar alleen na een besluit vooraf; beëindiging wegens landelijk beleid", async () => {
    const env = testEnv();
    const taskQueue = uniqueId("jzp");
    const [a, b] = ["Schakenbosch", "Jeugdzorgplus Midden"].map((naam): Aanbieder => {
      const kvk = uniqueKvk();
      return { rol: "aanbieder", id: `a-${kvk}`, kvk, naam, email: `jzp-${kvk}@aanbieder.example` };
    }) as [Aanbieder, Aanbieder];
    const worker = await timeSkippingWorker(env, taskQueue, async (kvks?: string[]) => [a, b].filter((x) => !kvks || kvks.includes(x.kvk)).map((x) => ({ kvk: x.kvk, naam: x.naam, email: x.email })));
    const engine = new EngineClient(env.client, taskQueue);
    const app: Express = createApp({ engine, roleHeaders: true });
    const ok = (res: { status: number; body: { detail?: string } }) => expect([res.status, res.body.detail]).toEqual([201, undefined]);

    await worker.runUntil(async () => {
      for (const x of [a, b]) ok(await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: x.naam, email: x.email }));
      const id = uniqueId("jzp");
      ok(
        await as(app, inkoper).post(`/api/v1/onderhands/${id}`, {
          contractId: "jeugdzorgplus",
          titel: "JeugdzorgPlus 2027",
          contractIngangsdatum: "2027-01-01",
          motivering: "Twee aanbieders met een gesloten plaatsing in de regio; continuïteit van zorg voor deze jeugdigen weegt zwaarder dan concurrentie.",
        }),
      );
      const pk = await as(app, inkoper).post(`/api/v1/onderhands/${id}/motivering`);
      ok(pk);
      ok(await as(app, bosd).post(`/api/v1/besluiten/${pk.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
      await until("motivering vastgesteld", async () => ((await as(app, inkoper).get(`/api/v1/onderhands/${id}`)).body.status === "lopend" ? true : undefined));
      const deadline = new Date((await env.currentTimeMs()) + 3_600_000).toISOString();
      for (const x of [a, b]) {
        ok(await as(app, inkoper).post(`/api/v1/onderhands/${id}/uitnodigingen`, { kvk: x.kvk, deadline }));
        const url = `/api/v1/onderhands/${id}/trajecten/${x.kvk}`;
        await until(`traject ${x.naam}`, async () => ((await as(app, x).get(url)).status === 200 ? true : undefined));
        const dienst = "JeugdzorgPlus verblijf";
        const items = toelatingscriteria.map((c) => (c.perProduct ? { criterium: c.code, productId: dienst } : { criterium: c.code }));
        ok(await as(app, x).post(`${url}/offertes`, { diensten: [{ naam: dienst, tarief: 610, eenheid: "etmaal" }], toelichting: "Tarieven als in Haaglanden (6.2.3).", antwoorden: items.map((i) => ({ ...i, verklaring: "voldoet", documentRef: `${i.criterium}.pdf` })) }));
        await until(`toets ${x.naam}`, async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${x.kvk}`)).body.status === "beoordeling" ? true : undefined));
        for (const i of items)
          ok(await as(app, beoordelaar).post(`/api/v1/procedures/${id}/inschrijvingen/${x.kvk}/beoordelingen`, { item: i.productId ? `${i.criterium}:${i.productId}` : i.criterium, oordeel: "voldoet", motivering: `Aangetoond voor ${i.criterium}.` }));
        await until(`toets in traject ${x.naam}`, async () => ((await as(app, inkoper).get(url)).body.toets?.uitkomst?.soort === "toegelaten" ? true : undefined));
        const ov = await as(app, inkoper).post(`${url}/overeenstemming`, { motivering: "Tarieven sluiten aan op Haaglanden; overeenstemming." });
        ok(ov);
        ok(await as(app, directeur).post(`/api/v1/besluiten/${ov.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." }));
      }
      // Read at the server's (skipped) time: the API would ask with the wall clock's "now".
      const contract = async (x: Aanbieder): Promise<ContractView> => {
        const answer = (await env.client.workflow
          .getHandle(`contract:jeugdzorgplus/${x.kvk}`)
          .query(contractEntity.queries.get, { actor: inkoper, now: new Date(await env.currentTimeMs()).toISOString() })) as Answer<ContractView>;
        if (!answer.ok) throw new Error(answer.refusal.melding);
        return answer.value;
      };
      for (const x of [a, b]) await until(`contract ${x.naam}`, async () => ((await as(app, inkoper).get(`/api/v1/contracten/jeugdzorgplus/${x.kvk}`)).status === 200 ? true : undefined));

      const at = async (iso: string) => {
        const ms = new Date(iso).getTime() - (await env.currentTimeMs());
        if (ms > 0) await env.sleep(ms);
      };
      // Year three: both contracts went on tacitly.
      await at("2029-06-15T12:00:00+02:00");
      for (const x of [a, b]) {
        const v = await until(`stilzwijgend jaar ${x.naam}`, async () => {
          const c = await contract(x);
          return c.huidigeTermijn?.nr === 2 ? c : undefined;
        });
        expect(v.huidigeTermijn).toMatchObject({ start: "2029-01-01", eind: "2029-12-31", wijze: "stilzwijgend" });
      }
      // RWO decides a fourth year for b only, three months ahead.
      await at("2029-10-15T12:00:00+02:00");
      const key = rondeKey("jeugdzorgplus", "2029-12-31");
      await engine.entity(verlengingsrondeEntity, key).open({ actor: inkoper, contractId: "jeugdzorgplus", termijnEinde: "2029-12-31", contracten: [{ kvk: b.kvk, naam: b.naam, status: "actief", ingangsdatum: "2027-01-01", contractId: "jeugdzorgplus" }] });
      const { besluitId } = await engine.entity(verlengingsrondeEntity, key).proposeBesluit({ actor: inkoper, motivering: "Verlenging van JeugdzorgPlus met een jaar: zorg geleverd, geen tekortkomingen." });
      expect((await engine.entity(besluitEntity, besluitId).beslissen({ actor: directeur, akkoord: true, motivering: "Akkoord." })).status).toBe("vastgesteld");
      await at("2030-03-01T12:00:00+01:00");
      const vb = await until("vierde jaar b", async () => {
        const c = await contract(b);
        return c.huidigeTermijn?.nr === 3 ? c : undefined;
      });
      expect(vb.huidigeTermijn).toMatchObject({ start: "2030-01-01", eind: "2030-12-31", wijze: "besluit-vooraf" });
      const va = await until("a zonder besluit beëindigd", async () => {
        const c = await contract(a);
        return c.status !== "actief" ? c : undefined;
      });
      expect(va.status).toBe("afgelopen");

      // 6.2.2: national policy ends b's contract; the programmadirecteur decides (the authority of ontbinding).
      const { besluitId: beleid } = await proposeContractBesluit(engine, `jeugdzorgplus/${b.kvk}`, {
        actor: inkoper,
        soort: "landelijk-beleid",
        motivering: "JeugdzorgPlus wordt vanaf 2030 landelijk ingekocht; de regionale overeenkomst wordt daarom opgezegd.",
      });
      expect((await engine.entity(besluitEntity, beleid).beslissen({ actor: directeur, akkoord: true, motivering: "Akkoord: landelijke inkoop." })).status).toBe("vastgesteld");
      const opgezegd = await until("einde wegens landelijk beleid gepland", async () => {
        const c = await contract(b);
        return c.einde ? c : undefined;
      });
      expect(opgezegd.einde).toMatchObject({ reden: "landelijk-beleid", einddatum: "2030-04-30", besluitId: beleid });
      await at("2030-05-02T12:00:00+02:00");
      const vbEinde = await until("b beëindigd wegens landelijk beleid", async () => {
        const c = await contract(b);
        return c.status !== "actief" ? c : undefined;
      });
      expect(vbEinde.status).toBe("afgelopen");
    });
  });
});
