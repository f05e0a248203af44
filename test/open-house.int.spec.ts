import type { Express } from "express";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, engine, uniqueId, uniqueKvk } from "./harness/stack";
import { pdfText } from "./pdf-text";

/**
 * One Open House on the real engine, from concept to closing: the closing instant is a few seconds
 * ahead, and the engine's own durable timer closes the procedure.
 */
describe("Open House van concept tot sluiting (echte Temporal-server)", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "inkoper.test" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "beoordelaar.test" };
  const a: Actor = { rol: "aanbieder", id: "a", kvk: uniqueKvk() };
  const b: Actor = { rol: "aanbieder", id: "b", kvk: uniqueKvk() };
  const unregistered: Actor = { rol: "aanbieder", id: "c", kvk: uniqueKvk() };
  const procedureId = uniqueId("oh");
  const producten = offeredProducts("ambulant-jeugd");
  let sluitingAt: Date;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    for (const [actor, naam] of [
      [a, "Jeugdhulp De Brug B.V."],
      [b, "Stichting Samen Verder"],
    ] as const) {
      const res = await as(app, actor).post("/api/v1/aanbieders", { kvk: actor.kvk, naam, email: `info@${actor.id}.example` });
      expect(res.status).toBe(201);
    }
  });
  afterAll(closeEngine);

  it("de inkoper maakt de procedure aan en publiceert haar", async () => {
    sluitingAt = new Date(Date.now() + 9_000);
    const created = await as(app, inkoper).post("/api/v1/procedures", {
      id: procedureId,
      contractId: "ambulant-jeugd",
      titel: "Open House Ambulant Jeugd (test)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "concept", contractId: "ambulant-jeugd", producten });

    const published = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/publicatie`);
    expect(published.status).toBe(201);
    expect(published.body.status).toBe("gepubliceerd");
  });

  it("weigert een aanbieder die een procedure wil aanmaken (rol)", async () => {
    const res = await as(app, a).post("/api/v1/procedures", { contractId: "ambulant-jeugd", titel: "x y z", publicatieAt: new Date().toISOString(), sluitingAt: new Date(Date.now() + 60_000).toISOString() });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/inkoper/);
  });

  it("dezelfde Idempotency-Key zonder id maakt één procedure; een andere inkoper met die sleutel maakt een andere", async () => {
    const key = uniqueId("procedure-sleutel");
    const titel = `Open House ${key}`;
    const body = { contractId: "ambulant-jeugd", titel, publicatieAt: new Date(Date.now() + 3_600_000).toISOString(), sluitingAt: new Date(Date.now() + 7_200_000).toISOString() };
    const first = await as(app, inkoper).post("/api/v1/procedures", body).set("Idempotency-Key", key);
    expect(first.status).toBe(201);
    expect(first.body.procedureId).toMatch(/^ambulant-jeugd-[0-9a-f]{8}$/);
    const again = await as(app, inkoper).post("/api/v1/procedures", body).set("Idempotency-Key", key);
    expect(again.status).toBe(201);
    expect(again.body.procedureId).toBe(first.body.procedureId);
    expect(again.body).toEqual(first.body);

    // The key is scoped to the caller: the same key from another inkoper is another request.
    const other = await as(app, { rol: "inkoper", id: "inkoper.ander" }).post("/api/v1/procedures", body).set("Idempotency-Key", key);
    expect(other.status).toBe(201);
    expect(other.body.procedureId).not.toBe(first.body.procedureId);

    // The list trails the entities (visibility): wait for both, then count the title.
    const list = await until("beide procedures in het overzicht", async () => {
      const res = await as(app, inkoper).get("/api/v1/procedures");
      const ids = (res.body as { id: string }[]).map((p) => p.id);
      return ids.includes(first.body.procedureId) && ids.includes(other.body.procedureId) ? (res.body as { id: string; titel: string }[]) : undefined;
    });
    expect(list.filter((p) => p.id === first.body.procedureId)).toHaveLength(1);
    expect(list.filter((p) => p.titel === titel)).toHaveLength(2);
  });

  let receipt: { inschrijvingId: string; ontvangenOp: string; ontvangstbewijsId: string; sha256: string };

  it("een aanbieder schrijft in en krijgt een ontvangstbewijs met tijdstip", async () => {
    const res = await as(app, a)
      .post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)))
      .set("Idempotency-Key", `inschrijving-${a.kvk}-1`);
    expect(res.status).toBe(201);
    receipt = res.body;
    expect(receipt).toMatchObject({ inschrijvingId: `${procedureId}/${a.kvk}`, procedureId, kvk: a.kvk });
    expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(receipt.ontvangenOp).getTime()).toBeLessThan(sluitingAt.getTime());
  });

  it("dezelfde inzending met dezelfde sleutel geeft hetzelfde ontvangstbewijs en maakt niets nieuws", async () => {
    const res = await as(app, a)
      .post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 2)))
      .set("Idempotency-Key", `inschrijving-${a.kvk}-1`);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(receipt);
    const list = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen`);
    expect(list.body.aantal).toBe(1);
  });

  it("een tweede inzending zonder dezelfde sleutel wordt geweigerd (409)", async () => {
    const res = await as(app, a).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 1)));
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/al een inschrijving/);
  });

  it.each([
    ["een onbekend KvK-nummer", unregistered, completeInschrijving(producten.slice(0, 1)), 400, "kvk"],
    ["een product buiten het contract", b, { ...completeInschrijving(producten.slice(0, 1)), producten: [producten[0], offeredProducts("wonen-jeugd")[0]] }, 400, "producten.1"],
    ["een ontbrekend antwoord", b, { ...completeInschrijving(producten.slice(0, 1)), antwoorden: completeInschrijving(producten.slice(0, 1)).antwoorden.filter((x) => x.criterium !== "TC06") }, 400, "antwoorden.TC06"],
    ["een lege productkeuze", b, { producten: [], antwoorden: [] }, 400, "producten"],
  ])("weigert %s en noemt het veld", async (_what, actor, body, status, veld) => {
    const res = await as(app, actor).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, body);
    expect(res.status).toBe(status);
    expect(res.body.veld).toBe(veld);
    expect(res.body.detail).toEqual(expect.any(String));
  });

  it("weigert een misvormd KvK-nummer", async () => {
    const res = await as(app, { rol: "aanbieder", id: "x", kvk: "1234" }).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 1)));
    expect(res.status).toBe(400);
    expect(res.body.veld).toBe("x-inkoop-kvk");
    expect(res.body.detail).toMatch(/8 cijfers/);
  });

  it("weigert een onbekend contract bij het aanmaken en noemt het veld", async () => {
    const res = await as(app, inkoper).post("/api/v1/procedures", { contractId: "tandzorg", titel: "Open House tandzorg", publicatieAt: new Date().toISOString(), sluitingAt: new Date(Date.now() + 60_000).toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.veld).toBe("contractId");
  });

  it("een beoordelaar kan niet inschrijven (rol)", async () => {
    const res = await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 1)));
    expect(res.status).toBe(403);
  });

  it("vóór de sluiting is de inschrijving verzegeld, ook voor de inkoper; alleen het aantal is zichtbaar", async () => {
    const b2 = await as(app, b).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 1), { vrijgesteldVan9: true }));
    expect(b2.status).toBe(201);

    const content = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}`);
    expect(content.status).toBe(403);
    expect(content.body.detail).toMatch(/verzegeld/);
    expect(content.body).not.toHaveProperty("inhoud");

    const list = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen`);
    expect(list.body).toMatchObject({ verzegeld: true, aantal: 2, inschrijvingen: [] });

    // Not even whether a KvK entered leaks before closing: a made-up KvK gets the same answer.
    const log = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}/logboek`);
    expect(log.status).toBe(403);
    const probe = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen/99999999/logboek`);
    expect([probe.status, probe.body.detail]).toEqual([403, log.body.detail]);
    const ownLog = await as(app, a).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}/logboek`);
    expect(ownLog.body[0]).toMatchObject({ type: "InschrijvingSubmitted", actor: { kvk: a.kvk } });
    const procedureLog = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/logboek`);
    const arrivals = procedureLog.body.filter((e: { type: string }) => e.type === "InschrijvingReceived");
    expect(arrivals).toHaveLength(2);
    expect(JSON.stringify(arrivals)).not.toContain(a.kvk!);
    expect(JSON.stringify(arrivals)).not.toContain("De Brug");

    const other = await as(app, b).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}`);
    expect(other.status).toBe(403);
    const own = await as(app, a).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}`);
    expect(own.status).toBe(200);
    expect(own.body.inhoud.producten).toEqual(producten.slice(0, 2));

    const pv = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/proces-verbaal`);
    expect(pv.status).toBe(409);
  });

  it("op het sluitingstijdstip sluit de engine zelf; een late inschrijving krijgt 409", async () => {
    await sleepUntil(sluitingAt);
    const late = await as(app, { rol: "aanbieder", id: "laat", kvk: unregistered.kvk }).post(
      `/api/v1/procedures/${procedureId}/inschrijvingen`,
      completeInschrijving(producten.slice(0, 1)),
    );
    // Unregistered and late: registration is checked first, so register and try again.
    expect(late.status).toBe(400);
    await as(app, unregistered).post("/api/v1/aanbieders", { kvk: unregistered.kvk, naam: "Te Laat Zorg", email: "laat@example.org" });
    const refused = await as(app, unregistered).post(`/api/v1/procedures/${procedureId}/inschrijvingen`, completeInschrijving(producten.slice(0, 1)));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/gesloten/);

    const closed = await until("procedure gesloten", async () => {
      const res = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`);
      return res.body.status === "gesloten" ? res.body : undefined;
    });
    // Closed to entries, still sealed: the opening waits for two people (issue 13).
    expect(closed.procesVerbaalBeschikbaar).toBe(false);
    expect(closed.opening).toEqual({ ronde: 1, bevestigingen: [], openingDoor: "inkoper+inkoper" });
    expect(closed.inschrijvingen).toEqual([]);
    expect(closed.aantalInschrijvingen).toBe(2);
  });

  it("na de sluiting openen twee verschillende inkopers de inschrijvingen; tot dan blijft alles verzegeld", async () => {
    const inhoud = `/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}`;
    const sealed = await as(app, inkoper).get(inhoud);
    expect([sealed.status, sealed.body.detail]).toEqual([403, "Inschrijvingen in deze ronde zijn verzegeld tot de opening: twee personen van de regio bevestigen die."]);
    // The same answer for a KvK that did not enter: the seal does not tell who entered.
    expect((await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${unregistered.kvk}`)).body.detail).toBe(sealed.body.detail);
    expect((await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/proces-verbaal`)).status).toBe(409);

    const tweede = { rol: "inkoper" as const, id: "inkoper.tweede" };
    const beoordelaar = { rol: "beoordelaar" as const, id: "beoordelaar.test" };
    const eerstBeoordelaar = await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/opening`);
    expect([eerstBeoordelaar.status, eerstBeoordelaar.body.detail]).toEqual([403, "De opening begint met de bevestiging van een inkoper."]);
    expect((await as(app, a).post(`/api/v1/procedures/${procedureId}/opening`)).status).toBe(403);
    const eerste = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/opening`);
    expect(eerste.status).toBe(201);
    expect(eerste.body.opening.bevestigingen).toEqual([expect.objectContaining({ door: "inkoper.test", rol: "inkoper" })]);
    const nogmaals = await as(app, inkoper).post(`/api/v1/procedures/${procedureId}/opening`);
    expect([nogmaals.status, nogmaals.body.detail]).toEqual([409, "U heeft de opening al bevestigd; een tweede persoon van de regio bevestigt."]);
    expect((await as(app, inkoper).get(inhoud)).status).toBe(403);
    const tweedeBeoordelaar = await as(app, beoordelaar).post(`/api/v1/procedures/${procedureId}/opening`);
    expect([tweedeBeoordelaar.status, tweedeBeoordelaar.body.detail]).toEqual([403, "De tweede bevestiging komt van een inkoper."]);

    const geopend = await as(app, tweede).post(`/api/v1/procedures/${procedureId}/opening`);
    expect(geopend.status).toBe(201);
    expect(geopend.body.opening).toBeUndefined();
    expect(geopend.body.procesVerbaalBeschikbaar).toBe(true);
    expect(geopend.body.rondes[0].opening.bevestigingen.map((b: { door: string }) => b.door)).toEqual(["inkoper.test", "inkoper.tweede"]);
    expect((await as(app, tweede).post(`/api/v1/procedures/${procedureId}/opening`)).body.detail).toMatch(/al geopend/);
  });

  it("na de sluiting leest de inkoper de inhoud, het proces-verbaal en het logboek", async () => {
    const content = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/inschrijvingen/${a.kvk}`);
    expect(content.status).toBe(200);
    expect(content.body.inhoud.producten).toEqual(producten.slice(0, 2));

    const pv = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/proces-verbaal`);
    expect(pv.status).toBe(200);
    expect(pv.body).toMatchObject({ procedureId, aantal: 2, contract: { id: "ambulant-jeugd", sectie: "6.8" } });
    expect(pv.body.inschrijvingen.map((i: { kvk: string }) => i.kvk)).toEqual([a.kvk, b.kvk]);
    expect(pv.body.inschrijvingen[0]).toMatchObject({ ontvangenOp: receipt.ontvangenOp, sha256: receipt.sha256 });
    expect(pv.body.geopend.door.map((b: { door: string }) => b.door)).toEqual(["inkoper.test", "inkoper.tweede"]);
    expect(pv.body.verklaring).toMatch(/met vier ogen/);
    const view = (await as(app, inkoper).get(`/api/v1/procedures/${procedureId}`)).body;
    const doc = view.documenten.find((d: { doel: string }) => d.doel === "proces-verbaal");
    const pdf = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/documenten/${doc.id}`).buffer(true);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, " ");
    expect(text).toContain("inkoper.test");
    expect(text).toContain("inkoper.tweede");

    const log = await as(app, inkoper).get(`/api/v1/procedures/${procedureId}/logboek`);
    expect(log.body.map((e: { type: string }) => e.type)).toEqual([
      "ProcedureCreated",
      "ProcedurePublished",
      "RondeGeopend",
      "InschrijvingReceived",
      "InschrijvingReceived",
      "ProcedureClosed",
      "OpeningBevestigd",
      "OpeningBevestigd",
      "InschrijvingenGeopend",
      "DocumentToegevoegd",
    ]);
    expect(log.body[6]).toMatchObject({ actor: { rol: "inkoper", id: "inkoper.test" }, reden: "Opening van de inschrijvingen bevestigd" });
    expect(log.body[7]).toMatchObject({ actor: { rol: "inkoper", id: "inkoper.tweede" } });
    expect(log.body[0].actor).toEqual({ rol: "inkoper", id: "inkoper.test" });
    expect(log.body[5]).toMatchObject({ actor: { rol: "systeem" }, reden: "Sluitingstijdstip bereikt" });
    expect(new Date(log.body[5].at).getTime()).toBeGreaterThanOrEqual(sluitingAt.getTime());

    const aanbiederLog = await as(app, a).get(`/api/v1/procedures/${procedureId}/logboek`);
    expect(aanbiederLog.status).toBe(403);
  });

  it("de procedure staat in het overzicht met status en aantal", async () => {
    // The index is updated by one-way messages, so it may trail the procedure by a moment.
    const entry = await until("procedure in het overzicht", async () => {
      const list = await as(app, inkoper).get("/api/v1/procedures");
      expect(list.status).toBe(200);
      return (list.body as { id: string; status: string }[]).find((p) => p.id === procedureId && p.status === "gesloten");
    });
    expect(entry).toMatchObject({ contractId: "ambulant-jeugd", aantalInschrijvingen: 2 });
  });
});
