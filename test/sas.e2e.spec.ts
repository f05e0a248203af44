import type { Express } from "express";
import { createApp } from "../api/app";
import { toAmsterdamDate } from "../domain/calendar";
import { EngineClient } from "../engine/client";
import { readMailbox, waitForMail, type ReceivedMail } from "../scripts/inbox/mailbox";
import { as, sleepUntil, until } from "./api-client";
import { akkoordBesluit, judgeKnockOuts, sasAanbieder, sasActors, sasAanmelding, sasView, scoreSas, type SasAanbieder } from "./fixtures/sas";
import { stack, uniqueId } from "./harness/stack";
import { timeSkippingWorker, useTimeSkippingEnv } from "./harness/time-skipping";
import { pdfText as rawPdfText } from "./pdf-text";

/**
 * Two SAS-aanbestedingen through the API, on the project's real workflow bundle and activities, with
 * real SMTP and parsed PDFs. On Temporal's time-skipping server, because the standstill is 20 calendar
 * days: everything before it runs in real time with instants a few seconds ahead, then the test skips
 * the term. The one stand-in: the test server has no visibility API, so the aanbieders' addresses come
 * from the test's own register instead of a list query.
 */
jest.setTimeout(300_000);

const pdfText = async (buf: Buffer) => (await rawPdfText(buf)).replace(/\s+/g, " ");
const { inkoper, inkoper2, b1, b2, directeur, bosd } = sasActors;
type Aanbieder = SasAanbieder;
const aanbieder = sasAanbieder;

describe("SAS-aanbesteding van aanmelding tot contract (engine met overgeslagen tijd, SMTP en PDF echt)", () => {
  const testEnv = useTimeSkippingEnv();

  async function withStack(body: (app: Express, register: Aanbieder[]) => Promise<void>): Promise<void> {
    const env = testEnv();
    const taskQueue = uniqueId("sas");
    const register: Aanbieder[] = [];
    const worker = await timeSkippingWorker(env, taskQueue, async (kvks?: string[]) =>
      register.filter((a) => !kvks || kvks.includes(a.kvk)).map((a) => ({ kvk: a.kvk, naam: a.naam, email: a.email })),
    );
    const app = createApp({ engine: new EngineClient(env.client, taskQueue), roleHeaders: true });
    await worker.runUntil(body(app, register));
  }

  const mails = async (to: string, subject: RegExp) => (await readMailbox(stack().mailDir)).filter((m) => m.to.includes(to) && subject.test(m.subject));
  const attachment = async (m: ReceivedMail) => pdfText(m.attachments[0]!.content);
  const ok = (res: { status: number; body: { detail?: string } }, status = 201) => expect([res.status, res.body.detail]).toEqual([status, undefined]);

  /** The aanmelding through the fixtures, with the aanbieders in this test's address register. */
  async function aanmelding(app: Express, register: Aanbieder[], p: { id: string; contractId: string; sas: object; aanmelders: { a: Aanbieder; percelen?: string[] }[] }) {
    register.push(...p.aanmelders.map((x) => x.a));
    const { product } = await sasAanmelding(app, { ...p, ingangsdatum: toAmsterdamDate(new Date(Date.now() + 40 * 86_400_000)) });
    const status = async (a: Aanbieder) => (await as(app, inkoper).get(`/api/v1/procedures/${p.id}/inschrijvingen/${a.kvk}`)).body;
    const judge = (a: Aanbieder, fails: Record<string, string> = {}) => judgeKnockOuts(app, p.id, a, product, fails);
    return { status, judge, product };
  }

  const score = scoreSas;
  const akkoord = akkoordBesluit;

  it("Hoog-specialistisch Jeugd: zes kandidaten, één valt af op een knock-out na hoor en wederhoor, vier door, dialoog, vier ogen, bezwaar, vier contracten 4+4+2", async () => {
    await withStack(async (app, register) => {
      const id = uniqueId("sas-hs");
      const perceel = "hoog-specialistisch-jeugd";
      const [A, B, C, D, E, F] = ["Horizon Jeugdzorg", "Stichting Kwadraad", "Jeugdhulp Gouda", "Zorggroep Rijnmond", "Expertisecentrum Eiland", "Flex Zorg"].map(aanbieder) as [Aanbieder, Aanbieder, Aanbieder, Aanbieder, Aanbieder, Aanbieder];
      const { status, judge } = await aanmelding(app, register, {
        id,
        contractId: perceel,
        sas: { percelen: [{ maxKandidaten: 4, selectiecriteria: [{ naam: "Aanbod en plaatsen in de regio", gewicht: 60 }, { naam: "Visie op de verwijstafel", gewicht: 40 }] }] },
        aanmelders: [A, B, C, D, E, F].map((a) => ({ a })),
      });

      // Knock-outs: five pass; Flex Zorg fails TC05, is heard, replies, and still fails.
      for (const a of [A, B, C, D, E]) await judge(a);
      await judge(F, { TC05: "Geen bewijs van lidmaatschap van een branche- of beroepsvereniging." });
      const termijnEinde = new Date(Date.now() + 3_000);
      ok(await as(app, b1).post(`/api/v1/procedures/${id}/inschrijvingen/${F.kvk}/hoor-en-wederhoor`, { termijnEinde: termijnEinde.toISOString() }));
      await waitForMail(stack().mailDir, (m) => m.to.includes(F.email) && /Hoor en wederhoor/.test(m.subject));
      ok(await as(app, F).post(`/api/v1/procedures/${id}/inschrijvingen/${F.kvk}/hoor-en-wederhoor/reactie`, { toelichting: "Ons lidmaatschap loopt nog in aanvraag.", documenten: [] }));
      await sleepUntil(termijnEinde);
      await until("herbeoordeling", async () => ((await status(F)).status === "herbeoordeling" ? true : undefined));
      ok(await as(app, b1).post(`/api/v1/procedures/${id}/inschrijvingen/${F.kvk}/beoordelingen`, { item: "TC05", oordeel: "voldoet-niet", motivering: "Een lidmaatschap in aanvraag is geen lidmaatschap." }));

      // The BOSD sets the gunningssystematiek (7.2) before the gunningsfase.
      const gs = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/gunningssystematiek`, {
        wegingen: ["G1", "G2", "G3", "G4"].map((criterium, i) => ({ perceel, criterium, gewicht: [30, 30, 20, 20][i] })),
        schaal: { min: 1, max: 5 },
        motivering: "Plaatsen en de verwijstafel wegen het zwaarst: daar zit het tekort in de regio.",
      });
      ok(gs);
      expect((await as(app, directeur).post(`/api/v1/besluiten/${gs.body.besluitId}/beslissing`, { akkoord: true, motivering: "x" })).status).toBe(403);
      await akkoord(app, gs.body.besluitId, bosd);

      // Selectie: a beoordelaar sees a colleague's score only after its own; consensus needs both.
      await until("uitkomst Flex Zorg", async () => ((await sasView(app, id)).selectieKandidaten?.[0]?.kandidaten.length === 5 ? true : undefined));
      ok(await as(app, b1).post(`/api/v1/procedures/${id}/sas/scores`, { ronde: "selectie", kvk: A.kvk, perceel, criterium: "S1", score: 9, motivering: "Veel plaatsen in de regio." }));
      expect((await sasView(app, id, b2)).scores).toEqual([]);
      expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/consensus`, { ronde: "selectie", kvk: A.kvk, perceel, criterium: "S1", score: 9, motivering: "Consensus na bespreking van beide scores." })).status).toBe(409);
      expect((await as(app, b1).post(`/api/v1/procedures/${id}/sas/scores`, { ronde: "selectie", kvk: F.kvk, perceel, criterium: "S1", score: 9, motivering: "Afgevallen op de knock-out." })).status).toBe(404);
      const selectie: [Aanbieder, number, number][] = [
        [A, 9, 8],
        [B, 8, 8],
        [C, 8, 6],
        [D, 7, 5],
        [E, 5, 8],
      ];
      for (const [a, s1, s2] of selectie) await score(app, id, "selectie", perceel, a.kvk, { S1: s1, S2: s2 });
      const sel = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/selectie`, { toelichting: "Selectie op de twee selectiecriteria; bij gelijke stand telt S1." });
      ok(sel);
      const voorstel = await waitForMail(stack().mailDir, (m) => m.to.includes("programmadirecteur@regio-midden-holland.example") && m.subject.includes(sel.body.besluitId));
      const voorstelText = await attachment(voorstel);
      expect(voorstelText).toMatch(/Voorstel selectiebeslissing/);
      expect(voorstelText).toContain("beslist door S1");
      expect(voorstelText).toContain(F.naam);
      await akkoord(app, sel.body.besluitId);

      const brief = async (a: Aanbieder, subject: RegExp) => attachment(await waitForMail(stack().mailDir, (m) => m.to.includes(a.email) && subject.test(m.subject)));
      expect(await brief(A, /Selectiebeslissing/)).toMatch(/geselecteerd/);
      expect(await brief(E, /Selectiebeslissing/)).toMatch(/niet geselecteerd/i);
      expect(await brief(F, /Selectiebeslissing/)).toMatch(/lidmaatschap in aanvraag|toelatingscriteria/);
      await until("dialoog", async () => ((await sasView(app, id)).fase === "dialoog" ? true : undefined));
      expect((await sasView(app, id, D)).geselecteerdVoor).toEqual([perceel]);
      expect((await sasView(app, id, E)).geselecteerdVoor).toEqual([]);

      // Dialoog: a session with each, one change of the requirements to all four at once.
      for (const a of [A, B, C, D])
        ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/dialoogsessies`, { kvk: a.kvk, datum: toAmsterdamDate(new Date()), deelnemers: ["M. de Vries (regio)", `${a.naam}`], verslag: "Bezetting van de verwijstafel en de financiering van de consultatiefunctie besproken." }));
      expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/dialoogsessies`, { kvk: E.kvk, datum: toAmsterdamDate(new Date()), deelnemers: ["x"], verslag: "Niet geselecteerd, dus geen dialoog." })).status).toBe(404);
      ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/wijzigingen`, { onderwerp: "Verwijstafel", wijziging: "De verwijstafel komt wekelijks bijeen in plaats van maandelijks; elke deelnemer levert een gedragswetenschapper." }));
      for (const a of [A, B, C, D]) expect(await brief(a, /Nota van wijzigingen/)).toMatch(/wekelijks bijeen/);
      expect(await mails(E.email, /Nota van wijzigingen/)).toHaveLength(0);

      // Inschrijving: sealed until closing; a late offer is refused.
      const sluiting = new Date(Date.now() + 6_000);
      ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/dialoog-sluiting`, { sluitingAt: sluiting.toISOString() }));
      const antwoorden = ["G1", "G2", "G3", "G4"].map((criterium) => ({ criterium, antwoord: `Ons antwoord op ${criterium}, met onderbouwing.` }));
      for (const a of [A, B, C, D]) ok(await as(app, a).post(`/api/v1/procedures/${id}/sas/offertes`, { antwoorden }));
      expect((await as(app, E).post(`/api/v1/procedures/${id}/sas/offertes`, { antwoorden })).status).toBe(403);
      const sealed = await sasView(app, id);
      expect(sealed.offertes).toMatchObject({ aantal: 4, ontvangen: [] });
      expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/opening`, {})).status).toBe(409);
      await sleepUntil(sluiting);
      const laat = await as(app, D).post(`/api/v1/procedures/${id}/sas/offertes`, { antwoorden });
      expect(laat.status).toBe(409);
      expect(laat.body.detail).toMatch(/niet aanvaard/);

      // Opening with four eyes: two different inkopers.
      await until("opening", async () => ((await sasView(app, id)).fase === "opening" ? true : undefined));
      ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/opening`, {}));
      expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/opening`, {})).status).toBe(409);
      expect((await as(app, b1).post(`/api/v1/procedures/${id}/sas/opening`, {})).status).toBe(403);
      expect((await sasView(app, id)).offertes.ontvangen).toEqual([]);
      ok(await as(app, inkoper2).post(`/api/v1/procedures/${id}/sas/opening`, {}));
      const geopend = await sasView(app, id);
      expect(geopend.offertes.ontvangen).toHaveLength(4);
      const pvDoc = await until("proces-verbaal opening", async () => {
        const v = (await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body;
        return v.documenten.find((d: { doel: string }) => d.doel === "proces-verbaal-opening");
      });
      const pv = await pdfText((await as(app, inkoper).get(`/api/v1/procedures/${id}/documenten/${pvDoc.id}`).buffer(true)).body as Buffer);
      expect(pv).toContain("i.jansen");
      expect(pv).toContain("i.devries");

      // Gunning on the BOSD's scale; the programmadirecteur agrees; the standstill runs.
      const gunning: [Aanbieder, number[]][] = [
        [A, [5, 5, 4, 4]],
        [B, [4, 4, 4, 4]],
        [C, [3, 4, 3, 4]],
        [D, [3, 3, 3, 3]],
      ];
      for (const [a, s] of gunning) await score(app, id, "gunning", perceel, a.kvk, { G1: s[0]!, G2: s[1]!, G3: s[2]!, G4: s[3]! });
      const vg = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/voorlopige-gunning`, { toelichting: "Gunning op kwaliteit volgens de gunningssystematiek van het BOSD." });
      ok(vg);
      await akkoord(app, vg.body.besluitId);
      const vgD = await brief(D, /Voorlopige gunningsbeslissing/);
      expect(vgD).toMatch(/Opschortende termijn/);
      expect(vgD).toContain(A.naam);
      const standstill = await until("standstill", async () => {
        const v = await sasView(app, id);
        return v.fase === "standstill" ? v.standstillEinde : undefined;
      });

      // A bezwaar suspends the procedure until the inkoper records its settlement.
      const bezwaar = await as(app, D).post(`/api/v1/procedures/${id}/sas/bezwaren`, { motivering: "De score op G3 is niet gemotiveerd in vergelijking met Jeugdhulp Gouda." });
      ok(bezwaar);
      expect((await sasView(app, id)).fase).toBe("opgeschort");
      const geblokkeerd = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/definitieve-gunning`, {});
      expect(geblokkeerd.status).toBe(409);
      expect(geblokkeerd.body.detail).toMatch(/opgeschort/);
      ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/bezwaren/${bezwaar.body.nr}/afhandeling`, { uitkomst: "ongegrond", motivering: "De motivering van G3 staat in het consensusverslag en is gelijk toegepast." }));
      await waitForMail(stack().mailDir, (m) => m.to.includes(D.email) && /Bezwaar/i.test(m.subject) && /afgehandeld/i.test(m.subject + m.text));
      expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/definitieve-gunning`, {})).status).toBe(409);

      // Skip the standstill: then the definitive gunning and four contracts with 4+4+2.
      await testEnv().sleep(new Date(standstill).getTime() - (await testEnv().currentTimeMs()) + 60_000);
      const dg = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/definitieve-gunning`, {});
      ok(dg);
      await akkoord(app, dg.body.besluitId);
      for (const a of [A, B, C, D]) {
        expect(await brief(a, /Gunningsbesluit/)).toMatch(/definitief/);
        const contract = await until(`contract ${a.naam}`, async () => {
          const res = await as(app, inkoper).get(`/api/v1/contracten/${perceel}/${a.kvk}`);
          return res.status === 200 ? res.body : undefined;
        });
        const jaren = (t: { start: string; eind: string }) => Math.round((Date.parse(t.eind) - Date.parse(t.start)) / (365.25 * 86_400_000));
        expect(contract.termijnen.map(jaren)).toEqual([4, 4, 2]);
        expect(contract.termijnen.slice(1).map((t: { wijze: string }) => t.wijze)).toEqual(["voorwaardelijk-na-evaluatie", "voorwaardelijk-na-evaluatie"]);
      }
      expect((await as(app, inkoper).get(`/api/v1/contracten/${perceel}/${E.kvk}`)).status).toBe(404);
      expect((await sasView(app, id)).fase).toBe("gegund");
    });
  });

  it("Wonen Wmo: wie voor beide percelen kwalificeert, krijgt gegund als kernpartner (6.7.1)", async () => {
    await withStack(async (app, register) => {
      const id = uniqueId("sas-wmo");
      const [K, L, M] = ["Beschermd Thuis Midden-Holland", "Stichting Kernwonen", "Kleinschalig Wonen Waddinxveen"].map(aanbieder) as [Aanbieder, Aanbieder, Aanbieder];
      const criteria = { maxKandidaten: 2, selectiecriteria: [{ naam: "Aanbod in de regio", gewicht: 1 }], gunningscriteria: [{ naam: "Kwaliteit van het woonaanbod", gewicht: 1 }] };
      const { judge } = await aanmelding(app, register, {
        id,
        contractId: "wonen-wmo",
        sas: { percelen: [{ perceel: "kernpartners", ...criteria }, { perceel: "niet-kernpartners", ...criteria }] },
        aanmelders: [
          { a: K, percelen: ["kernpartners", "niet-kernpartners"] },
          { a: L, percelen: ["kernpartners"] },
          { a: M, percelen: ["niet-kernpartners"] },
        ],
      });
      for (const a of [K, L, M]) await judge(a);
      await until("kandidaten", async () => ((await sasView(app, id)).selectieKandidaten?.every((p: { kandidaten: unknown[] }) => p.kandidaten.length === 2) ? true : undefined));
      for (const [a, perceel] of [
        [K, "kernpartners"],
        [L, "kernpartners"],
        [K, "niet-kernpartners"],
        [M, "niet-kernpartners"],
      ] as const)
        await score(app, id, "selectie", perceel, a.kvk, { S1: 7 });
      const sel = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/selectie`, { toelichting: "Allen door: binnen het maximum per perceel." });
      ok(sel);
      await akkoord(app, sel.body.besluitId);
      await until("dialoog", async () => ((await sasView(app, id)).fase === "dialoog" ? true : undefined));
      for (const a of [K, L, M]) ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/dialoogsessies`, { kvk: a.kvk, datum: toAmsterdamDate(new Date()), deelnemers: ["regio", a.naam], verslag: "Ontwikkelopgave ambulantisering en pilots besproken." }));
      const sluiting = new Date(Date.now() + 4_000);
      ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/dialoog-sluiting`, { sluitingAt: sluiting.toISOString() }));
      const antwoord = (perceel: string) => ({ perceel, criterium: "G1", antwoord: "Ons woonaanbod en de kwaliteit ervan." });
      ok(await as(app, K).post(`/api/v1/procedures/${id}/sas/offertes`, { percelen: ["kernpartners", "niet-kernpartners"], antwoorden: [antwoord("kernpartners"), antwoord("niet-kernpartners")] }));
      expect((await as(app, L).post(`/api/v1/procedures/${id}/sas/offertes`, { percelen: ["niet-kernpartners"], antwoorden: [antwoord("niet-kernpartners")] })).status).toBe(403);
      ok(await as(app, L).post(`/api/v1/procedures/${id}/sas/offertes`, { percelen: ["kernpartners"], antwoorden: [antwoord("kernpartners")] }));
      ok(await as(app, M).post(`/api/v1/procedures/${id}/sas/offertes`, { percelen: ["niet-kernpartners"], antwoorden: [antwoord("niet-kernpartners")] }));
      await sleepUntil(sluiting);
      await until("opening", async () => ((await sasView(app, id)).fase === "opening" ? true : undefined));
      ok(await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/opening`, {}));
      ok(await as(app, inkoper2).post(`/api/v1/procedures/${id}/sas/opening`, {}));
      for (const [a, perceel] of [
        [K, "kernpartners"],
        [L, "kernpartners"],
        [K, "niet-kernpartners"],
        [M, "niet-kernpartners"],
      ] as const)
        await score(app, id, "gunning", perceel, a.kvk, { G1: 8 });
      const vg = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/voorlopige-gunning`, { toelichting: "Alle inschrijvers voldoen; gunning per perceel." });
      ok(vg);
      await akkoord(app, vg.body.besluitId);
      expect(await attachment(await waitForMail(stack().mailDir, (m) => m.to.includes(K.email) && /Voorlopige gunningsbeslissing/.test(m.subject)))).toMatch(/kernpartner/i);
      const standstill = await until("standstill", async () => {
        const v = await sasView(app, id);
        return v.fase === "standstill" ? v.standstillEinde : undefined;
      });
      await testEnv().sleep(new Date(standstill).getTime() - (await testEnv().currentTimeMs()) + 60_000);
      const dg = await as(app, inkoper).post(`/api/v1/procedures/${id}/sas/definitieve-gunning`, {});
      ok(dg);
      await akkoord(app, dg.body.besluitId);
      const perceelVan = async (a: Aanbieder) =>
        until(`contract ${a.naam}`, async () => {
          const res = await as(app, inkoper).get(`/api/v1/contracten/wonen-wmo/${a.kvk}`);
          return res.status === 200 ? (res.body.perceel as string) : undefined;
        });
      expect(await perceelVan(K)).toBe("kernpartners");
      expect(await perceelVan(L)).toBe("kernpartners");
      expect(await perceelVan(M)).toBe("niet-kernpartners");
      expect((await sasView(app, id, K)).gegundPerceel).toBe("kernpartners");
    });
  });
});
