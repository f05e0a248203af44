import type { Express } from "express";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { openInschrijvingen } from "./fixtures/opening";
import { closeEngine, engine, uniqueId, uniqueKvk } from "./harness/stack";
import { pdfText } from "./pdf-text";
import { sessionFor, webApp } from "./web-session";

/**
 * Withdrawing and replacing an inschrijving before the closing instant (issue 13), on the real engine:
 * a receipt per version and only the last one counts; a withdrawn one is not judged and the
 * proces-verbaal lists it apart; after the closing instant both are refused. Through the API and, for
 * one aanbieder, through its pages.
 */
jest.setTimeout(90_000);

describe("Inschrijving vervangen en intrekken vóór de sluiting (echte engine)", () => {
  let app: Express;
  let web: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const [alfa, beta, gamma, delta] = ["Alfa Zorg", "Beta Jeugd", "Gamma Hulp", "Delta Pagina"].map((naam) => {
    const kvk = uniqueKvk();
    return { naam, kvk, actor: { rol: "aanbieder", id: `a-${kvk}`, kvk } as Actor };
  }) as [{ naam: string; kvk: string; actor: Actor }, { naam: string; kvk: string; actor: Actor }, { naam: string; kvk: string; actor: Actor }, { naam: string; kvk: string; actor: Actor }];
  const id = uniqueId("oh-wijzig");
  const producten = offeredProducts("ambulant-jeugd");
  let sluitingAt: Date;
  const url = (x: { kvk: string }, wat: string) => `/api/v1/procedures/${id}/inschrijvingen/${x.kvk}/${wat}`;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    web = webApp(engine());
    for (const x of [alfa, beta, gamma, delta]) expect((await as(app, x.actor).post("/api/v1/aanbieders", { kvk: x.kvk, naam: x.naam, email: `w-${x.kvk}@aanbieder.example` })).status).toBe(201);
    sluitingAt = new Date(Date.now() + 12_000);
    expect(
      (await as(app, inkoper).post("/api/v1/procedures", { id, contractId: "ambulant-jeugd", titel: "Open House wijzigen (test)", publicatieAt: new Date(Date.now() - 1000).toISOString(), sluitingAt: sluitingAt.toISOString() })).status,
    ).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
  });
  afterAll(closeEngine);

  it("vervangen: elke versie een eigen ontvangstbewijs; alleen de laatste telt", async () => {
    const v1 = await as(app, alfa.actor).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)));
    expect(v1.status).toBe(201);
    const nogEens = await as(app, alfa.actor).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)));
    expect([nogEens.status, nogEens.body.detail]).toEqual([409, expect.stringMatching(/vervangen door een nieuwe versie of intrekken/)]);
    const v2 = await as(app, alfa.actor).post(url(alfa, "vervanging"), completeInschrijving(producten.slice(0, 1)));
    expect([v2.status, v2.body.detail]).toEqual([201, undefined]);
    expect(v2.body).toMatchObject({ inschrijvingId: v1.body.inschrijvingId, versie: 2 });
    expect(v2.body.ontvangstbewijsId).not.toBe(v1.body.ontvangstbewijsId);
    expect(v2.body.sha256).not.toBe(v1.body.sha256);
    // Another aanbieder cannot replace or withdraw alfa's, and learns nothing of it.
    const vreemd = await as(app, beta.actor).post(url(alfa, "vervanging"), completeInschrijving(producten.slice(0, 1)));
    expect(vreemd.status).toBe(404);
    expect((await as(app, beta.actor).post(url(alfa, "intrekking"), {})).status).toBe(404);
    const eigen = await until("versie 2 in de inschrijving", async () => {
      const res = await as(app, alfa.actor).get(`/api/v1/procedures/${id}/inschrijvingen/${alfa.kvk}`);
      return res.body.ontvangstbewijs?.versie === 2 ? res.body : undefined;
    });
    expect(eigen.inhoud.producten).toEqual(producten.slice(0, 1));
    expect(eigen.vorigeVersies.map((v: { ontvangstbewijsId: string }) => v.ontvangstbewijsId)).toEqual([v1.body.ontvangstbewijsId]);
  });

  it("intrekken, en opnieuw inschrijven na intrekken; de regio ziet vóór de opening niet wie", async () => {
    expect((await as(app, beta.actor).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(0, 1)))).status).toBe(201);
    const weg = await as(app, beta.actor).post(url(beta, "intrekking"), { toelichting: "Wij kunnen de capaciteit niet leveren." });
    expect([weg.status, weg.body.detail]).toEqual([201, undefined]);
    expect(weg.body).toMatchObject({ kvk: beta.kvk, ronde: 1 });
    expect((await as(app, beta.actor).post(url(beta, "intrekking"), {})).status).toBe(409);

    expect((await as(app, gamma.actor).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(0, 1)))).status).toBe(201);
    expect((await as(app, gamma.actor).post(url(gamma, "intrekking"), {})).status).toBe(201);
    const terug = await as(app, gamma.actor).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(1, 2)));
    expect([terug.status, terug.body.versie]).toEqual([201, 2]);

    const view = (await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body;
    expect(view.aantalInschrijvingen).toBe(2);
    expect(view.inschrijvingen).toEqual([]);
    const log = (await as(app, inkoper).get(`/api/v1/procedures/${id}/logboek`)).body as { type: string; actor: { id: string }; data: Record<string, unknown> }[];
    const gevoelig = log.filter((e) => ["InschrijvingReceived", "InschrijvingVervangen", "InschrijvingIngetrokken"].includes(e.type));
    expect(gevoelig.length).toBeGreaterThanOrEqual(6);
    for (const kvk of [alfa.kvk, beta.kvk, gamma.kvk]) expect(JSON.stringify(gevoelig)).not.toContain(kvk);
  });

  it("de aanbieder vervangt en trekt in via zijn pagina's", async () => {
    const agent = (await sessionFor(engine(), { gebruikersnaam: `a-${delta.kvk}`, naam: "Dirk Delta", rol: "aanbieder", kvk: delta.kvk })).agent(web);
    expect((await as(app, delta.actor).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)))).status).toBe(201);
    const bewijs = await until("ontvangstbewijs", async () => {
      const res = await agent.get(`/aanbieder/procedures/${id}/inschrijving`);
      return res.text.includes("Nieuwe versie indienen") ? res.text : undefined;
    });
    expect(bewijs).toContain(`action="/aanbieder/procedures/${id}/intrekking"`);
    const formulier = await agent.get(`/aanbieder/procedures/${id}/inschrijving?vervang=1`);
    expect(formulier.status).toBe(200);
    expect(formulier.text).toContain("U dient een nieuwe versie in.");
    expect(formulier.text).toContain(`action="/aanbieder/procedures/${id}/inschrijving?vervang=1"`);
    // The form starts from the current version: both products chosen.
    for (const p of producten.slice(0, 2)) expect(formulier.text).toMatch(new RegExp(`value="${p}"[^>]*checked`));
    // A new version with one product, sent as the browser sends the form.
    const sleutel = /name="sleutel" value="([^"]+)"/.exec(formulier.text)![1]!;
    const gekozen = producten[0]!;
    const velden: Record<string, string> = { sleutel, producten: gekozen };
    for (const a of completeInschrijving([gekozen]).antwoorden) velden[`${a.productId ? `${a.criterium}:${a.productId}` : a.criterium}.verklaring`] = a.verklaring;
    const v2 = await agent.multipart(`/aanbieder/procedures/${id}/inschrijving?vervang=1`, velden);
    expect([v2.status, v2.status === 303 ? "" : v2.text.slice(0, 2000)]).toEqual([303, ""]);
    const na = await until("versie 2 via de pagina", async () => {
      const res = await as(app, delta.actor).get(`/api/v1/procedures/${id}/inschrijvingen/${delta.kvk}`);
      return res.body.ontvangstbewijs?.versie === 2 ? res.body : undefined;
    });
    expect(na.inhoud.producten).toEqual([gekozen]);
    const weg = await agent.form(`/aanbieder/procedures/${id}/intrekking`, { toelichting: "Toch niet." });
    expect(weg.status).toBe(303);
    const status = await until("ingetrokken", async () => {
      const res = await as(app, delta.actor).get(`/api/v1/procedures/${id}/inschrijvingen/${delta.kvk}`);
      return res.body.status === "ingetrokken" ? res.body : undefined;
    });
    expect(status.ingetrokken).toMatchObject({ toelichting: "Toch niet." });
  });

  it("na de sluiting: vervangen en intrekken geweigerd; het proces-verbaal telt de laatste versies en noemt de ingetrokkene apart", async () => {
    await sleepUntil(sluitingAt);
    await until("gesloten", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body.opening ? true : undefined));
    const laat = await as(app, alfa.actor).post(url(alfa, "vervanging"), completeInschrijving(producten.slice(0, 2)));
    expect([laat.status, laat.body.detail]).toEqual([409, expect.stringMatching(/^Vervangen kan tot het sluitingstijdstip/)]);
    expect((await as(app, alfa.actor).post(url(alfa, "intrekking"), {})).body.detail).toMatch(/^Intrekken kan tot het sluitingstijdstip/);

    await openInschrijvingen(app, id);
    const pv = (await as(app, inkoper).get(`/api/v1/procedures/${id}/proces-verbaal`)).body;
    expect(pv.aantal).toBe(2);
    expect(pv.inschrijvingen.map((a: { kvk: string; versie?: number }) => [a.kvk, a.versie ?? 1])).toEqual([
      [alfa.kvk, 2],
      [gamma.kvk, 2],
    ]);
    expect(pv.ingetrokken.map((a: { kvk: string }) => a.kvk).sort()).toEqual([beta.kvk, delta.kvk].sort());
    const doc = (await as(app, inkoper).get(`/api/v1/procedures/${id}`)).body.documenten.find((d: { doel: string }) => d.doel === "proces-verbaal");
    const text = (await pdfText((await as(app, inkoper).get(`/api/v1/procedures/${id}/documenten/${doc.id}`).buffer(true)).body as Buffer)).replace(/\s+/g, " ");
    expect(text).toContain("Ingetrokken vóór de sluiting");
    expect(text).toContain(beta.naam);

    // Only the last versions are judged; the withdrawn one stays closed, even to the inkoper.
    const alfaInhoud = await until("alfa in beoordeling", async () => {
      const res = await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${alfa.kvk}`);
      return res.body.status === "beoordeling" ? res.body : undefined;
    });
    expect(alfaInhoud.inhoud.producten).toEqual(producten.slice(0, 1));
    const betaInhoud = await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${beta.kvk}`);
    expect([betaInhoud.status, betaInhoud.body.detail]).toEqual([403, expect.stringMatching(/ingetrokken/)]);
  });
});
