import type { Express } from "express";
import request from "supertest";
import { createApp } from "../app";
import { findContract, toelatingscriteria } from "../../domain/catalogue";
import { toAmsterdamDate } from "../../domain/calendar";
import { as, sleepUntil, until } from "../../test/api-client";
import { akkoordBesluit, hsInDialoog, sasAanbieder, sasActors, sasView, scoreSas, untilFase, type SasAanbieder } from "../../test/fixtures/sas";
import { offeredProducts } from "../../test/fixtures/inschrijving";
import { closeEngine, engine, uniqueId } from "../../test/harness/stack";
import { sessionFor, webApp } from "../../test/web-session";

/**
 * The aanbieder's pages of a SAS on the real engine, posted as a browser posts them (urlencoded or
 * multipart with the CSRF field first, session cookie, flash cookie after a redirect). The region's
 * steps go through the JSON API with role headers, via test/fixtures/sas.ts.
 */
jest.setTimeout(240_000);

type Session = Awaited<ReturnType<typeof sessionFor>>;

const flashOf = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers["set-cookie"] as string[] | string | undefined) ?? [])
    .filter((c) => c.startsWith("inkoop_melding="))
    .map((c) => c.split(";")[0]!);

describe("De SAS-pagina's van de aanbieder", () => {
  let web: Express;
  let api: Express;
  const sessions = new Map<string, Session>();
  const session = async (a: SasAanbieder) => {
    if (!sessions.has(a.kvk)) sessions.set(a.kvk, await sessionFor(engine(), { gebruikersnaam: `${a.id}@aanbieder.example`, naam: `Medewerker ${a.naam}`, rol: "aanbieder", kvk: a.kvk }));
    return sessions.get(a.kvk)!;
  };
  const get = async (a: SasAanbieder, path: string) => request(web).get(path).set("Cookie", (await session(a)).cookie);
  const form = async (a: SasAanbieder, path: string, fields: Record<string, string | string[]>) => {
    const s = await session(a);
    return request(web).post(path).set("Cookie", s.cookie).type("form").send({ _csrf: s.csrf, ...fields });
  };
  const follow = async (a: SasAanbieder, res: { status: number; headers: Record<string, unknown>; text: string }) => {
    expect([res.status, res.text.slice(0, 300)]).toEqual([303, expect.any(String)]);
    expect(flashOf(res)).toHaveLength(1);
    return request(web)
      .get(String(res.headers.location))
      .set("Cookie", [(await session(a)).cookie, ...flashOf(res)].join("; "));
  };

  beforeAll(() => {
    web = webApp(engine());
    api = createApp({ engine: engine(), roleHeaders: true });
  });
  afterAll(closeEngine);

  describe("Wonen Wmo: de aanmelding met percelen", () => {
    const id = uniqueId("sas-wmo-web");
    const K = sasAanbieder("Beschermd Thuis Web");
    const product = offeredProducts("wonen-wmo")[0]!;
    const criteria = { maxKandidaten: 2, selectiecriteria: [{ naam: "Aanbod in de regio", gewicht: 1 }], gunningscriteria: [{ naam: "Kwaliteit van het woonaanbod", gewicht: 1 }] };

    beforeAll(async () => {
      expect((await as(api, K).post("/api/v1/aanbieders", { kvk: K.kvk, naam: K.naam, email: K.email })).status).toBe(201);
      const created = await as(api, sasActors.inkoper).post("/api/v1/procedures", {
        id,
        contractId: "wonen-wmo",
        titel: "SAS Wonen Wmo (paginatest)",
        publicatieAt: new Date(Date.now() - 1000).toISOString(),
        sluitingAt: new Date(Date.now() + 3600_000).toISOString(),
        sas: { percelen: [{ perceel: "kernpartners", ...criteria }, { perceel: "niet-kernpartners", ...criteria }] },
      });
      expect([created.status, created.body.detail]).toEqual([201, undefined]);
      expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
    });

    const multipart = async (fields: [string, string][]) => {
      const s = await session(K);
      let r = request(web).post(`/aanbieder/procedures/${id}/inschrijving`).set("Cookie", s.cookie).field("_csrf", s.csrf);
      for (const [k, v] of fields) r = r.field(k, v);
      return r;
    };
    const answers = (sleutel: string): [string, string][] => [
      ["sleutel", sleutel],
      ["producten", product],
      ...toelatingscriteria.map((c): [string, string] => [`${c.perProduct ? `${c.code}:${product}` : c.code}.verklaring`, "voldoet"]),
    ];

    it("noemt de procedure een SAS en vraagt om een aanmelding, niet een inschrijving", async () => {
      const detail = await get(K, `/aanbieder/procedures/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.text).toContain("Selectieprocedure met aanmelding en dialoog (SAS)");
      expect(detail.text).toContain("Aanmelding invullen");
      expect(detail.text).toContain(`href="/aanbieder/procedures/${id}/sas"`);

      // Step 2 of the form, as step 1 sends it back with the product chosen.
      const res = await get(K, `/aanbieder/procedures/${id}/inschrijving?producten=${encodeURIComponent(product)}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain("<h1 class=\"utrecht-heading-1\">Aanmelden: SAS Wonen Wmo (paginatest)</h1>");
      expect(res.text).toContain("Aanmelding indienen");
      expect(res.text).not.toContain("Inschrijving indienen");
      expect(res.text).toContain("Percelen waarvoor u zich aanmeldt</legend>");
      expect(res.text).toContain(findContract("wonen-wmo")!.percelen!.regel);
      for (const perceel of ["kernpartners", "niet-kernpartners"]) expect(res.text).toMatch(new RegExp(`type="checkbox" id="[^"]+" name="percelen" value="${perceel}"`));
    });

    it("weigert een aanmelding zonder perceel in het Nederlands (400) en houdt het formulier", async () => {
      const res = await multipart(answers("sleutel-zonder-perceel-0001"));
      expect(res.status).toBe(400);
      expect(res.text).toContain("Kies minstens één perceel waarvoor u zich aanmeldt.");
      expect(res.text).toContain('href="#veld-percelen"');
      expect(res.text).toContain("Aanmelding indienen");
    });

    it("neemt de aanmelding met beide percelen aan en toont het ontvangstbewijs", async () => {
      const res = await multipart([...answers("sleutel-met-percelen-00001"), ["percelen", "kernpartners"], ["percelen", "niet-kernpartners"]]);
      const receipt = await follow(K, res);
      expect(receipt.status).toBe(200);
      expect(receipt.text).toContain("Uw aanmelding is ontvangen.");
      expect(receipt.text).toContain(`${id}/${K.kvk}`);
      expect(receipt.text).toMatch(/Percelen: Kernpartners?[^.]*; Niet-kernpartners?/i);
      const arrivals = (await as(api, K).get(`/api/v1/procedures/${id}`)).body.inschrijvingen;
      expect(arrivals.map((a: { percelen?: string[] }) => a.percelen)).toEqual([["kernpartners", "niet-kernpartners"]]);
      // Again: the receipt, in the aanmelding's words.
      const again = await get(K, `/aanbieder/procedures/${id}/inschrijving`);
      expect(again.text).toContain("U heeft zich al aangemeld.");
    });

    it("toont vóór de selectie de fase en dat er nog niet is besloten", async () => {
      const res = await get(K, `/aanbieder/procedures/${id}/sas`);
      expect(res.status).toBe(200);
      expect(res.text).toContain("<h1 class=\"utrecht-heading-1\">SAS: SAS Wonen Wmo (paginatest)</h1>");
      expect(res.text).toContain("De aanmeldingstermijn loopt tot");
      expect(res.text).toContain("Over de selectie is nog niet besloten.");
      expect(res.text).not.toContain("Definitieve inschrijving indienen");
    });
  });

  describe("Hoog-specialistisch: selectie, dialoog, definitieve inschrijving en bezwaar", () => {
    const id = uniqueId("sas-hs-web");
    const [A, B, C, D, E] = ["Horizon Web", "Kwadraad Web", "Jeugdhulp Web", "Rijnmond Web", "Eiland Web"].map(sasAanbieder) as [SasAanbieder, SasAanbieder, SasAanbieder, SasAanbieder, SasAanbieder];
    const perceel = "hoog-specialistisch-jeugd";
    const gunningscriteria = findContract(perceel)!.gunningscriteria;
    const antwoordVan = (a: SasAanbieder, c: string) => `Antwoord van ${a.naam} op ${c}: plaatsen, verwijstafel en onderbouwing.`;
    const offerte = (a: SasAanbieder, sleutel: string): Record<string, string> => ({
      sleutel,
      percelen: perceel,
      ...Object.fromEntries(["G1", "G2", "G3", "G4"].map((c) => [`antwoord.${perceel}.${c}`, antwoordVan(a, c)])),
    });
    let sluiting: Date;

    beforeAll(async () => {
      // Five apply; the four best are selected (maxKandidaten 4), Eiland Web is not.
      await hsInDialoog(api, id, [A, B, C, D, E]);
    });

    it("toont na de selectie wie geselecteerd is, met een verwijzing naar Mijn besluiten", async () => {
      const res = await get(A, `/aanbieder/procedures/${id}/sas`);
      expect(res.status).toBe(200);
      expect(res.text).toContain("Dialoog met de geselecteerde kandidaten");
      expect(res.text).toContain("<strong>U bent geselecteerd</strong>");
      expect(res.text).toContain('href="/aanbieder/besluiten"');
      const e = await get(E, `/aanbieder/procedures/${id}/sas`);
      expect(e.text).toContain("<strong>U bent niet geselecteerd.</strong>");
      expect(e.text).toContain('href="/aanbieder/besluiten"');
    });

    it("toont elke aanbieder alleen zijn eigen dialoogsessies, en de wijzigingen alleen aan geselecteerden", async () => {
      // The dialogue closes only after a session with every selected candidate.
      for (const a of [A, B, C, D])
        expect(
          (
            await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/dialoogsessies`, {
              kvk: a.kvk,
              datum: toAmsterdamDate(new Date()),
              deelnemers: ["M. de Vries (regio)", `Directeur ${a.naam}`],
              verslag: `Verslag van de sessie met ${a.naam}: verwijstafel besproken.`,
            })
          ).status,
        ).toBe(201);
      expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/wijzigingen`, { onderwerp: "Verwijstafel", wijziging: "De verwijstafel komt wekelijks bijeen in plaats van maandelijks." })).status).toBe(201);

      const a = await get(A, `/aanbieder/procedures/${id}/sas`);
      expect(a.text).toContain(`Verslag van de sessie met ${A.naam}`);
      expect(a.text).toContain(`Directeur ${A.naam}`);
      expect(a.text).not.toContain(`Verslag van de sessie met ${B.naam}`);
      expect(a.text).toContain("Wijziging 1: Verwijstafel");
      expect(a.text).toContain("wekelijks bijeen");
      const b = await get(B, `/aanbieder/procedures/${id}/sas`);
      expect(b.text).toContain(`Verslag van de sessie met ${B.naam}`);
      expect(b.text).not.toContain(`Verslag van de sessie met ${A.naam}`);
      const e = await get(E, `/aanbieder/procedures/${id}/sas`);
      expect(e.text).not.toContain("wekelijks bijeen");
      expect(e.text).not.toContain("Verslag van de sessie");
      // The nota's PDF, once rendered, is linked through the procedure's document route.
      const nota = await until("nota van wijzigingen", async () => {
        const t = (await get(A, `/aanbieder/procedures/${id}/sas`)).text;
        return /href="(\/api\/v1\/procedures\/[^"]+\/documenten\/[^"]+)">nota-van-wijzigingen-1-/.exec(t)?.[1];
      });
      const pdf = await request(web).get(nota).set("Cookie", (await session(A)).cookie);
      expect(pdf.status).toBe(200);
      expect(pdf.headers["content-type"]).toMatch(/pdf/);
    });

    it("neemt de definitieve inschrijving via het formulier aan, toont het ontvangstbewijs en weigert een tweede", async () => {
      sluiting = new Date(Date.now() + 12_000);
      expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/dialoog-sluiting`, { sluitingAt: sluiting.toISOString() })).status).toBe(201);
      await untilFase(api, id, "inschrijving");

      const page = await get(A, `/aanbieder/procedures/${id}/sas`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Definitieve inschrijving indienen");
      expect(page.text).toContain('action="/aanbieder/procedures/' + id + '/sas/offerte"');
      for (const [i, naam] of gunningscriteria.entries()) expect(page.text).toContain(`for="veld-antwoord-${perceel}-G${i + 1}">G${i + 1} ${naam}`);
      const sleutel = /name="sleutel" value="([^"]+)"/.exec(page.text)![1]!;

      // The page checks what it can: an empty answer is named on its field, in Dutch.
      const leeg = await form(A, `/aanbieder/procedures/${id}/sas/offerte`, { ...offerte(A, sleutel), [`antwoord.${perceel}.G2`]: "  " });
      expect(leeg.status).toBe(400);
      expect(leeg.text).toContain(`Beantwoord G2 (${gunningscriteria[1]})`);
      expect(leeg.text).toContain(antwoordVan(A, "G1"));

      const res = await form(A, `/aanbieder/procedures/${id}/sas/offerte`, offerte(A, sleutel));
      const receipt = await follow(A, res);
      expect(receipt.status).toBe(200);
      const mijn = (await sasView(api, id, A)).mijnOfferte;
      expect(receipt.text).toContain("Uw definitieve inschrijving is ontvangen.");
      expect(receipt.text).toContain(mijn.ontvangstbewijsId);
      expect(receipt.text).toContain(mijn.sha256);
      expect(receipt.text).not.toContain("Definitieve inschrijving indienen");
      // Reloading shows the receipt from the engine, without the flash.
      const reload = await get(A, `/aanbieder/procedures/${id}/sas`);
      expect(reload.text).toContain(mijn.ontvangstbewijsId);
      expect(reload.text).not.toContain("Uw definitieve inschrijving is ontvangen. Ontvangstbewijs");

      // A second offer (a new form) is refused by the engine, in Dutch, never 5xx.
      const tweede = await form(A, `/aanbieder/procedures/${id}/sas/offerte`, offerte(A, "een-andere-sleutel-000001"));
      expect(tweede.status).toBe(409);
      expect(tweede.text).toContain("heeft al ingeschreven");
      // The same form sent twice (double click) gives the same receipt.
      const dubbel = await form(A, `/aanbieder/procedures/${id}/sas/offerte`, offerte(A, sleutel));
      expect(dubbel.status).toBe(303);
    });

    it("weigert een niet-geselecteerde kandidaat en toont hem geen formulier", async () => {
      const page = await get(E, `/aanbieder/procedures/${id}/sas`);
      expect(page.text).not.toContain("Definitieve inschrijving indienen");
      expect(page.text).toContain("Alleen geselecteerde kandidaten doen een definitieve inschrijving.");
      const res = await form(E, `/aanbieder/procedures/${id}/sas/offerte`, offerte(E, "sleutel-van-eiland-0000001"));
      expect(res.status).toBe(403);
      expect(res.text).toContain("Alleen geselecteerde kandidaten kunnen een inschrijving doen.");
    });

    it("laat een aanbieder nooit het antwoord of ontvangstbewijs van een ander zien", async () => {
      const mijnA = (await sasView(api, id, A)).mijnOfferte;
      for (const x of [B, E]) {
        const t = (await get(x, `/aanbieder/procedures/${id}/sas`)).text;
        expect(t).not.toContain(antwoordVan(A, "G1"));
        expect(t).not.toContain(mijnA.ontvangstbewijsId);
        expect(t).not.toContain(mijnA.sha256);
      }
      // B has not offered yet: its own form stands.
      expect((await get(B, `/aanbieder/procedures/${id}/sas`)).text).toContain("Definitieve inschrijving indienen");
      expect((await form(B, `/aanbieder/procedures/${id}/sas/offerte`, offerte(B, "sleutel-van-kwadraad-00001"))).status).toBe(303);
    });

    it("weigert een te late inschrijving in het Nederlands", async () => {
      await sleepUntil(new Date(sluiting.getTime() + 200));
      const page = await get(C, `/aanbieder/procedures/${id}/sas`);
      expect(page.text).not.toContain("Definitieve inschrijving indienen");
      expect(page.text).toContain("De inschrijvingstermijn is gesloten op");
      const res = await form(C, `/aanbieder/procedures/${id}/sas/offerte`, offerte(C, "sleutel-van-jeugdhulp-0001"));
      expect(res.status).toBe(409);
      expect(res.text).toContain("wordt niet aanvaard");
    });

    it("toont in de opschortende termijn het einde en neemt een bezwaar aan, met de afhandeling", async () => {
      await untilFase(api, id, "opening");
      expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/opening`, {})).status).toBe(201);
      expect((await as(api, sasActors.inkoper2).post(`/api/v1/procedures/${id}/sas/opening`, {})).status).toBe(201);
      await scoreSas(api, id, "gunning", perceel, A.kvk, { G1: 5, G2: 5, G3: 4, G4: 4 });
      await scoreSas(api, id, "gunning", perceel, B.kvk, { G1: 3, G2: 3, G3: 3, G4: 3 });
      const vg = await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/voorlopige-gunning`, { toelichting: "Gunning op kwaliteit volgens de gunningssystematiek." });
      expect([vg.status, vg.body.detail]).toEqual([201, undefined]);
      await akkoordBesluit(api, String(vg.body.besluitId));
      await untilFase(api, id, "standstill");
      const einde = (await sasView(api, id, B)).standstillEinde as string;

      const page = await get(B, `/aanbieder/procedures/${id}/sas`);
      expect(page.text).toContain("Opschortende termijn (standstill)");
      expect(page.text).toContain("Einde opschortende termijn");
      expect(page.text).toContain("Bezwaar indienen");
      expect(einde).toBeDefined();
      // E never offered: no bezwaar form for it.
      expect((await get(E, `/aanbieder/procedures/${id}/sas`)).text).not.toContain("Bezwaar indienen");

      const kort = await form(B, `/aanbieder/procedures/${id}/sas/bezwaar`, { motivering: "Oneens." });
      expect(kort.status).toBe(400);
      expect(kort.text).toContain("Motiveer het bezwaar (minstens 20 tekens).");
      const motivering = "De score op G3 is niet gemotiveerd in vergelijking met Horizon Web.";
      const ok = await follow(B, await form(B, `/aanbieder/procedures/${id}/sas/bezwaar`, { motivering }));
      expect(ok.text).toContain("Uw bezwaar (nummer 1) is ontvangen.");
      expect(ok.text).toContain(motivering);
      expect(ok.text).toContain("In behandeling");
      expect(ok.text).not.toContain("Bezwaar indienen");
      // A does not see B's bezwaar.
      expect((await get(A, `/aanbieder/procedures/${id}/sas`)).text).not.toContain(motivering);

      expect((await as(api, sasActors.inkoper).post(`/api/v1/procedures/${id}/sas/bezwaren/1/afhandeling`, { uitkomst: "ongegrond", motivering: "De motivering van G3 staat in het consensusverslag." })).status).toBe(201);
      const na = await get(B, `/aanbieder/procedures/${id}/sas`);
      expect(na.text).toContain("Ongegrond.");
      expect(na.text).toContain("De motivering van G3 staat in het consensusverslag.");
    });
  });
});
