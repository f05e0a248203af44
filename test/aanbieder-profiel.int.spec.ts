import type { Express } from "express";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { waitForMail } from "../scripts/inbox/mailbox";
import { aanbiederEntity } from "../workflows/aanbieder/definition";
import { as, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, engine, stack, temporalClient, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * Who may change an aanbieder's profile, and a new e-mail address only after the code mailed to it
 * (issue 10, item 2), through the API on the real engine.
 */
describe("profiel van een aanbieder: wie wijzigt, en een nieuw e-mailadres pas na bevestiging", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "inkoper.profiel" };
  const a: Actor = { rol: "aanbieder", id: "profiel", kvk: uniqueKvk() };
  const oud = `info-${a.kvk}@brug.example`;
  const nieuw = `nieuw-${a.kvk}@brug.example`;
  const registratie = { kvk: a.kvk, naam: "Jeugdhulp De Brug B.V.", email: oud };
  /** The memo is what `aanbiederContacten` reads: the address besluiten go to. */
  const memoEmail = async () => ((await temporalClient().workflow.getHandle(`aanbieder:${a.kvk}`).describe()).memo?.summary as { email?: string } | undefined)?.email;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    const first = await as(app, a).post("/api/v1/aanbieders", registratie);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject(registratie);
  });
  afterAll(closeEngine);

  it("de aanbieder registreert zich nogmaals met dezelfde gegevens: 201 met het profiel, niets gewijzigd", async () => {
    const again = await as(app, a).post("/api/v1/aanbieders", registratie);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject(registratie);
    const log = await as(app, a).get(`/api/v1/aanbieders/${a.kvk}/logboek`);
    expect(log.body.map((e: { type: string }) => e.type)).toEqual(["AanbiederRegistered"]);
  });

  it("een inkoper registreert een nieuwe aanbieder (201), maar overschrijft geen bestaand profiel (409, profiel ongewijzigd)", async () => {
    const uitgenodigd = uniqueKvk();
    expect((await as(app, inkoper).post("/api/v1/aanbieders", { kvk: uitgenodigd, naam: "Uitgenodigde Zorg", email: `u-${uitgenodigd}@zorg.example` })).status).toBe(201);

    const overwrite = await as(app, inkoper).post("/api/v1/aanbieders", { ...registratie, email: "kaper@elders.example" });
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.detail).toMatch(/e-mailadres/);
    expect(overwrite.body.veld).toBe("email");
    const profiel = await as(app, inkoper).get(`/api/v1/aanbieders/${a.kvk}`);
    expect(profiel.body).toMatchObject(registratie);
    expect(await memoEmail()).toBe(oud);
  });

  it("de aanbieder wijzigt het e-mailadres: het oude blijft gelden tot de code uit de mail aan het nieuwe adres bevestigd is", async () => {
    const changed = await as(app, a).post("/api/v1/aanbieders", { ...registratie, email: nieuw });
    expect(changed.status).toBe(201);
    expect(changed.body).toMatchObject({ email: oud, emailInBehandeling: { email: nieuw } });
    expect(changed.body.emailInBehandeling.code).toBeUndefined();

    // Besluiten still go to the old address: the profile and the memo keep it.
    expect((await as(app, a).get(`/api/v1/aanbieders/${a.kvk}`)).body).toMatchObject({ email: oud });
    expect(await memoEmail()).toBe(oud);

    const mail = await waitForMail(stack().mailDir, (m) => m.to.includes(nieuw));
    expect(mail.to).not.toContain(oud);
    expect(mail.subject).toMatch(/Bevestig uw nieuwe e-mailadres/);
    const code = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/.exec(mail.text)?.[0];
    expect(code).toBeDefined();

    // The code is not readable anywhere but in that mail.
    const log = await as(app, a).get(`/api/v1/aanbieders/${a.kvk}/logboek`);
    expect(JSON.stringify(log.body)).not.toContain(code);

    const inkoperConfirms = await as(app, inkoper).post(`/api/v1/aanbieders/${a.kvk}/email-bevestiging`, { code });
    expect(inkoperConfirms.status).toBe(403);

    const wrong = await as(app, a).post(`/api/v1/aanbieders/${a.kvk}/email-bevestiging`, { code: "00000000-0000-4000-8000-000000000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/bevestigingscode klopt niet/);
    expect((await as(app, a).get(`/api/v1/aanbieders/${a.kvk}`)).body.email).toBe(oud);

    const right = await as(app, a).post(`/api/v1/aanbieders/${a.kvk}/email-bevestiging`, { code });
    expect(right.status).toBe(201);
    expect(right.body.email).toBe(nieuw);
    expect(right.body.emailInBehandeling).toBeUndefined();
    expect((await as(app, inkoper).get(`/api/v1/aanbieders/${a.kvk}`)).body.email).toBe(nieuw);
    expect(await memoEmail()).toBe(nieuw);

    const events = (await as(app, a).get(`/api/v1/aanbieders/${a.kvk}/logboek`)).body as { type: string; data: Record<string, unknown>; actor: Actor }[];
    expect(events.map((e) => e.type)).toEqual(["AanbiederRegistered", "EmailWijzigingAangevraagd", "EmailGewijzigd"]);
    expect(events[1]).toMatchObject({ data: { email: nieuw }, actor: { rol: "aanbieder", kvk: a.kvk } });
    expect(events[2]).toMatchObject({ data: { email: nieuw, vorigEmail: oud } });

    const nothingPending = await as(app, a).post(`/api/v1/aanbieders/${a.kvk}/email-bevestiging`, { code });
    expect(nothingPending.status).toBe(409);
  });

  it("een inschrijving daarna draagt naam en bevestigd adres uit de samenvatting van de aanbieder (zonder worker gelezen)", async () => {
    // What a submission reads of the aanbieder: its memo, through describe; an unknown KvK number is not found.
    expect(await engine().summary(aanbiederEntity, a.kvk!)).toEqual({ found: true, summary: { kvk: a.kvk, naam: registratie.naam, email: nieuw } });
    expect(await engine().summary(aanbiederEntity, uniqueKvk())).toEqual({ found: false });

    const id = uniqueId("oh-profiel");
    const publicatie = { id, contractId: "ambulant-jeugd", titel: "Open House profiel (test)", publicatieAt: new Date(Date.now() - 1000).toISOString(), sluitingAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect((await as(app, inkoper).post("/api/v1/procedures", publicatie)).status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
    const ingediend = await as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(offeredProducts("ambulant-jeugd").slice(0, 1)));
    expect(ingediend.status).toBe(201);
    const eigen = await until("eigen inschrijving", async () => {
      const res = await as(app, a).get(`/api/v1/procedures/${id}/inschrijvingen/${a.kvk}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(eigen).toMatchObject({ kvk: a.kvk, naam: registratie.naam, email: nieuw });

    // Not registered: the same refusal as before, naming the field.
    const onbekend = uniqueKvk();
    const geweigerd = await as(app, { rol: "aanbieder", id: "onbekend", kvk: onbekend }).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving(offeredProducts("ambulant-jeugd").slice(0, 1)));
    expect([geweigerd.status, geweigerd.body.veld, geweigerd.body.detail]).toEqual([400, "kvk", expect.stringMatching(/niet geregistreerd als aanbieder/)]);
  });

  it("de route staat in het OpenAPI-document", async () => {
    const doc = await as(app, a).get("/api/v1/openapi.json");
    expect(doc.body.paths["/api/v1/aanbieders/{kvk}/email-bevestiging"].post.requestBody.content["application/json"].schema.required).toEqual(["code"]);
  });
});
