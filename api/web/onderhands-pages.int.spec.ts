import type { Express } from "express";
import { atAmsterdam, toAmsterdamDate, toAmsterdamTime } from "../../domain/calendar";
import { toelatingscriteria } from "../../domain/catalogue";
import type { Actor } from "../../domain/shared/actor";
import { createApp } from "../app";
import { as, until } from "../../test/api-client";
import { closeEngine, engine, uniqueKvk } from "../../test/harness/stack";
import { sessionFor, webApp } from "../../test/web-session";
import type { WebUser } from "./layout";

/**
 * The onderhandse pages on the real engine, posted as a browser posts them (urlencoded forms with the
 * CSRF field, the confirmation in the flash cookie): the inkoper starts a JB/JR procedure and invites
 * through the forms, an aanbieder offers and revises through its form, the inkoper records a round and
 * proposes agreement; another aanbieder sees nothing of it; JeugdzorgPlus asks its motivation on the field.
 */
jest.setTimeout(60_000);

type Agent = Awaited<ReturnType<typeof sessionFor>>["agent"] extends (app: Express) => infer A ? A : never;

const local = (d: Date) => `${toAmsterdamDate(d)}T${toAmsterdamTime(d)}`;
const locationOf = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? "");
const flashOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers["set-cookie"] as string[] | string | undefined) ?? []).filter((c) => c.startsWith("inkoop_melding=")).map((c) => c.split(";")[0]!);
const follow = (who: Agent, res: { headers: Record<string, unknown> }) => who.get(locationOf(res)).set("Cookie", [who.cookie, ...flashOf(res)].join("; "));
const see = (res: { status: number; text: string }, status = 303) => expect([res.status, res.status === status ? "" : res.text]).toEqual([status, ""]);

describe("Onderhandse procedures via de pagina's (echte engine)", () => {
  let api: Express;
  let web: Express;
  let inkoper: Agent;
  const aanbieders = ["GI Pagina West", "Leger des Heils Pagina", "Buitenstaander Zorg"].map((naam) => {
    const kvk = uniqueKvk();
    return { naam, kvk, actor: { rol: "aanbieder", id: `a-${kvk}`, kvk } as Actor, agent: undefined as unknown as Agent };
  });
  const [g1, g2, vreemd] = aanbieders as [(typeof aanbieders)[0], (typeof aanbieders)[0], (typeof aanbieders)[0]];
  const deadline = new Date(Date.now() + 3600_000);
  deadline.setSeconds(0, 0);
  let id = "";

  beforeAll(async () => {
    api = createApp({ engine: engine(), roleHeaders: true });
    web = webApp(engine());
    const login = async (user: WebUser) => (await sessionFor(engine(), user)).agent(web);
    inkoper = await login({ gebruikersnaam: "i.devries", naam: "Ingrid de Vries", rol: "inkoper" });
    for (const a of aanbieders) {
      expect((await as(api, a.actor).post("/api/v1/aanbieders", { kvk: a.kvk, naam: a.naam, email: `oh-${a.kvk}@aanbieder.example` })).status).toBe(201);
      a.agent = await login({ gebruikersnaam: `a-${a.kvk}`, naam: `Medewerker ${a.naam}`, rol: "aanbieder", kvk: a.kvk });
    }
  });
  afterAll(closeEngine);

  it("de inkoper start een JB/JR-procedure en nodigt twee aanbieders uit via de formulieren", async () => {
    const lijst = await inkoper.get("/inkoper/onderhands");
    expect(lijst.status).toBe(200);
    expect(lijst.text).toContain('href="/inkoper/onderhands/nieuw?contract=jb-jr"');
    expect(lijst.text).toContain('href="/inkoper/onderhands"');
    const form = await inkoper.get("/inkoper/onderhands/nieuw?contract=jeugdzorgplus");
    expect(form.text).toMatch(/<option value="jeugdzorgplus" selected>/);
    expect(form.text).not.toContain('value="ambulant-jeugd"');
    expect(form.text).toMatch(/<textarea[^>]*name="motivering"[^>]* required/);

    const titel = `JB/JR via pagina ${uniqueKvk()}`;
    const started = await inkoper.form("/inkoper/onderhands/nieuw", { contractId: "jb-jr", titel, motivering: "", contractIngangsdatum: "" });
    see(started);
    id = /^\/inkoper\/onderhands\/([a-z0-9-]+)$/.exec(locationOf(started))![1]!;
    const page = await follow(inkoper, started);
    expect(page.text).toContain("De procedure is gestart");
    expect(page.text).toContain(titel);
    expect(page.text).toContain("Lopend: aanbieders uitnodigen");
    expect(page.text).not.toContain("Motivering voorleggen aan het BOSD");

    for (const a of [g1, g2]) {
      const res = await inkoper.form(`/inkoper/onderhands/${id}/uitnodigingen`, { kvk: a.kvk, deadline: local(deadline) });
      see(res);
      expect((await follow(inkoper, res)).text).toContain(`${a.naam} is uitgenodigd`);
    }
    const onbekend = await inkoper.form(`/inkoper/onderhands/${id}/uitnodigingen`, { kvk: uniqueKvk(), deadline: local(deadline) });
    expect(onbekend.status).toBe(400);
    expect(onbekend.text).toMatch(/id="veld-kvk-fout">KvK-nummer \d{8} is niet geregistreerd als aanbieder/);
    const dubbel = await inkoper.form(`/inkoper/onderhands/${id}/uitnodigingen`, { kvk: g1.kvk, deadline: local(deadline) });
    expect(dubbel.status).toBe(409);
    expect(dubbel.text).toContain("is al uitgenodigd");

    const view = (await as(api, { rol: "inkoper", id: "i.devries" }).get(`/api/v1/onderhands/${id}`)).body;
    const [datum, tijd] = local(deadline).split("T");
    expect(view.uitnodigingen.map((u: { kvk: string; deadline: string }) => [u.kvk, u.deadline])).toEqual([g1, g2].map((a) => [a.kvk, atAmsterdam(datum!, tijd!).toISOString()]));
    const detail = await inkoper.get(`/inkoper/onderhands/${id}`);
    expect(detail.text).toContain(`href="/inkoper/onderhands/${id}/trajecten/${g1.kvk}"`);
    expect(detail.text).toContain("Uitgenodigd, wacht op offerte");
  });

  const offerte = (pad: [string, string][], extra: Record<string, string> = {}) => ({
    "dienst-1-naam": "Ondertoezichtstelling",
    "dienst-1-tarief": "4.210,50",
    "dienst-1-eenheid": "jaar",
    "dienst-2-naam": "",
    "dienst-2-tarief": "",
    "dienst-2-eenheid": "",
    "dienst-3-naam": "Jeugdreclassering",
    "dienst-3-tarief": "3120",
    "dienst-3-eenheid": "jaar",
    landelijk: "nee",
    ...Object.fromEntries(pad.flatMap(([jaar, pct], i) => [[`ingroeipad-${i + 1}-jaar`, jaar], [`ingroeipad-${i + 1}-percentage`, pct]])),
    toelichting: "Wij groeien in naar het landelijk tarief.",
    ...extra,
  });

  /** The toelatingscriteria with the first offer: "voldoet" on each; TC02 and TC07 per dienst row (rows 1 and 3 are filled). */
  const criteria = Object.fromEntries(
    toelatingscriteria.flatMap((c) => [...(c.perProduct ? [1, 3].map((n) => [`${c.code}.verklaring.${n}`, "voldoet"]) : [[`${c.code}.verklaring`, "voldoet"]]), [`${c.code}.toelichting`, `Toelichting bij ${c.code}.`]]),
  );
  const DIENSTEN = ["Ondertoezichtstelling", "Jeugdreclassering"];

  it("de aanbieder doet een offerte via zijn formulier; een ingroeipad dat niet op 100% eindigt krijgt een Nederlandse 400", async () => {
    const lijst = await until("uitnodiging bij de aanbieder", async () => {
      const res = await g1.agent.get("/aanbieder/onderhands");
      return res.text.includes(`href="/aanbieder/onderhands/${id}"`) ? res.text : undefined;
    });
    expect(lijst).toContain("Uitgenodigd: doe uw offerte");
    const page = await until("traject", async () => {
      const res = await g1.agent.get(`/aanbieder/onderhands/${id}`);
      return res.status === 200 ? res.text : undefined;
    });
    expect(page).toContain(`action="/aanbieder/onderhands/${id}/offerte"`);
    expect(page).toContain("Aanvaardt u de landelijke tarieven meteen?");
    expect(page).toContain("Het inkoopplan noemt geen onderhandelingsrondes");

    expect(page).toContain("Toelatingscriteria (bij uw eerste offerte)");
    const zonderCriteria = await g1.agent.form(`/aanbieder/onderhands/${id}/offerte`, offerte([["2027", "92"], ["2028", "100"]]));
    expect(zonderCriteria.status).toBe(400);
    expect(zonderCriteria.text).toMatch(/id="veld-TC01-verklaring-fout">Kies bij TC01/);
    const { ["TC07.verklaring.3"]: _weg, ...zonderDienst3 } = criteria;
    const perDienst = await g1.agent.form(`/aanbieder/onderhands/${id}/offerte`, offerte([["2027", "92"], ["2028", "100"]], zonderDienst3));
    expect(perDienst.status).toBe(400);
    expect(perDienst.text).toMatch(/Kies bij TC07 .* of u voldoet voor dienst 3 \(Jeugdreclassering\)/);
    // The form is multipart: evidence goes with the answers, and a refused form keeps the files it stored.
    expect(page).toMatch(/<form method="post" action="\/aanbieder\/onderhands\/[^"]+\/offerte" enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf"/);
    expect(page).toContain('name="TC04.bestand"');
    expect(page).toContain('name="TC07.bestand.3"');
    const pdf = Buffer.from(`%PDF-1.4\n% jaarrekening ${uniqueKvk()}\n%%EOF\n`);
    const fout = await g1.agent.multipart(`/aanbieder/onderhands/${id}/offerte`, offerte([["2027", "90"], ["2028", "95"]], criteria), [
      ["TC04.bestand", pdf, "jaarrekening.pdf"],
      ["TC07.bestand.3", Buffer.from("geen pdf"), "diploma.exe"],
    ]);
    expect(fout.status).toBe(400);
    expect(fout.text).toMatch(/id="veld-TC07-bestand-3-fout">[^<]*diploma\.exe/);
    expect(fout.text).toMatch(/Al geüpload: <strong>jaarrekening\.pdf<\/strong>/);
    const bewaard = /name="TC04\.upload" value="([^"]+)"/.exec(fout.text)![1]!;
    // The engine's refusal of the ingroeipad lands on its field and the kept file stays kept.
    const pad = await g1.agent.multipart(`/aanbieder/onderhands/${id}/offerte`, offerte([["2027", "90"], ["2028", "95"]], { ...criteria, "TC04.upload": bewaard }));
    expect(pad.status).toBe(400);
    expect(pad.text).toMatch(/id="veld-ingroeipad-fout">Het ingroeipad eindigt op 100% van het landelijk tarief\./);
    expect(pad.text).toContain('value="4.210,50"');
    expect(pad.text).toMatch(/Al geüpload: <strong>jaarrekening\.pdf<\/strong>/);

    const ok = await g1.agent.multipart(`/aanbieder/onderhands/${id}/offerte`, offerte([["2027", "92"], ["2028", "100"]], { ...criteria, "TC04.upload": bewaard }));
    see(ok);
    const na = await follow(g1.agent, ok);
    expect(na.text).toContain("Uw offerte is ontvangen");
    expect(na.text).toContain("Versie 1, de eerste offerte");
    expect(na.text).toMatch(/€\s4\.210,50/);
    expect(na.text).not.toContain(`action="/aanbieder/onderhands/${id}/offerte"`);
    expect(na.text).toContain("Een herziene offerte kunt u doen na een gespreksronde");

    const json = (await as(api, g1.actor).get(`/api/v1/onderhands/${id}/trajecten/${g1.kvk}`)).body;
    expect(json.offertes[0].diensten).toEqual([
      { naam: "Ondertoezichtstelling", tarief: 4210.5, eenheid: "jaar" },
      { naam: "Jeugdreclassering", tarief: 3120, eenheid: "jaar" },
    ]);
    expect(json.offertes[0].antwoorden).toHaveLength(toelatingscriteria.reduce((n, c) => n + (c.perProduct ? DIENSTEN.length : 1), 0));
    expect(json.offertes[0].landelijkTarief).toEqual({ geaccepteerd: false, ingroeipad: [{ jaar: 2027, percentage: 92 }, { jaar: 2028, percentage: 100 }] });
    const ref = json.offertes[0].antwoorden.find((a: { criterium: string }) => a.criterium === "TC04").documentRef as string;
    expect(ref).toMatch(/^upl-/);
    // The aanbieder finds its evidence on its trajectory and downloads its own bytes.
    const link = /href="(\/aanbieder\/uploads\/upl-[^"]+)"/.exec(na.text)![1]!.replace(/&amp;/g, "&");
    const download = await g1.agent.get(link);
    expect([download.status, Buffer.from(download.body as Buffer).equals(pdf)]).toEqual([200, true]);
    expect((await g2.agent.get(link)).status).toBe(404);
    // The toets's own pages lead back to the trajectory, not to an Open House procedure page.
    const geenHerstel = await until("toets aangemaakt", async () => {
      const res = await g1.agent.get(`/aanbieder/procedures/${id}/herstel`);
      return res.status === 409 ? res.text : undefined;
    });
    expect(geenHerstel).toContain(`href="/aanbieder/onderhands/${id}"`);
    expect(geenHerstel).toContain("Terug naar uw traject");
  });

  it("de inkoper legt een gespreksronde vast, de aanbieder herziet zijn offerte, de inkoper stelt overeenstemming voor", async () => {
    const url = `/inkoper/onderhands/${id}/trajecten/${g1.kvk}`;
    const traject = await inkoper.get(url);
    expect(traject.status).toBe(200);
    expect(traject.text).toContain("Versie 1, de eerste offerte");
    expect(traject.text).toContain("Het inkoopplan noemt geen onderhandelingsrondes");
    expect(traject.text).toContain("Geen overeenstemming bereikt");

    const kort = await inkoper.form(`${url}/gespreksronde`, { "ronde-datum": "2027-02-10", "ronde-deelnemers": "M. de Vries (regio)", "ronde-verslag": "Te kort." });
    expect(kort.status).toBe(400);
    expect(kort.text).toMatch(/id="veld-ronde-verslag-fout">Het verslag is te kort/);
    const ronde = await inkoper.form(`${url}/gespreksronde`, {
      "ronde-datum": "2027-02-10",
      "ronde-deelnemers": `M. de Vries (regio)\r\n\r\nJ. Jansen (${g1.naam})`,
      "ronde-verslag": "Ingroeipad besproken: de regio vraagt 100% in 2027.",
    });
    see(ronde);
    expect((await follow(inkoper, ronde)).text).toContain("Gespreksronde 1 is vastgelegd");

    const aanbieder = await g1.agent.get(`/aanbieder/onderhands/${id}`);
    expect(aanbieder.text).toContain("Ingroeipad besproken: de regio vraagt 100% in 2027.");
    expect(aanbieder.text).toContain(`J. Jansen (${g1.naam})`);
    expect(aanbieder.text).toContain('value="Ondertoezichtstelling"');
    const herzien = await g1.agent.form(`/aanbieder/onderhands/${id}/offerte`, offerte([], { landelijk: "ja", "dienst-1-tarief": "4310" }));
    see(herzien);
    expect((await follow(g1.agent, herzien)).text).toContain("herziene offerte (versie 2)");

    // Agreement only after the toets on the toelatingscriteria admitted the aanbieder (judged here through the API).
    const voorToets = await inkoper.get(url);
    expect(voorToets.text).not.toContain(`action="${url}/overeenstemming"`);
    expect(voorToets.text).toContain("Overeenstemming voorstellen kan zodra de toets");
    const regio = { rol: "inkoper", id: "i.devries" } as Actor;
    const toets = `/api/v1/procedures/${id}/inschrijvingen/${g1.kvk}`;
    // The form carries no evidence files: the volledigheidstoets signals them, and the inkoper declares it complete.
    const eerst = await until("toets gestart", async () => {
      const st = (await as(api, regio).get(toets)).body.status as string;
      return ["volledigheidstoets", "beoordeling"].includes(st) ? st : undefined;
    });
    if (eerst === "volledigheidstoets") expect((await as(api, regio).post(`${toets}/volledig`, { motivering: "Bewijs ligt al bij de regio (gecertificeerde instelling)." })).status).toBe(201);
    await until("toets open", async () => ((await as(api, regio).get(toets)).body.status === "beoordeling" ? true : undefined));
    for (const item of toelatingscriteria.flatMap((c) => (c.perProduct ? DIENSTEN.map((d) => `${c.code}:${d}`) : [c.code])))
      expect((await as(api, { rol: "beoordelaar", id: "b.bakker" }).post(`/api/v1/procedures/${id}/inschrijvingen/${g1.kvk}/beoordelingen`, { item, oordeel: "voldoet", motivering: `Aangetoond voor ${item}.` })).status).toBe(201);
    await until("toets in het traject", async () => ((await inkoper.get(url)).text.includes(`action="${url}/overeenstemming"`) ? true : undefined));
    expect((await inkoper.get(url)).text).toContain("Toegelaten");

    const zonder = await inkoper.form(`${url}/overeenstemming`, { "overeenstemming-motivering": "" });
    expect(zonder.status).toBe(400);
    const ov = await inkoper.form(`${url}/overeenstemming`, { "overeenstemming-motivering": "Overeenstemming over de landelijke tarieven na één ronde." });
    see(ov);
    const na = await follow(inkoper, ov);
    expect(na.text).toContain("De overeenstemming is voorgelegd aan de programmadirecteur");
    expect(na.text).toMatch(/href="\/besluiten\/OV-[A-Z0-9]+"/);
    expect(na.text).toContain("Overeenstemming voorgelegd aan de programmadirecteur");
    expect(na.text).toContain("Versie 2, na gespreksronde 1");
    expect(na.text).toContain("Landelijk tarief: meteen aanvaard.");
    expect(na.text).not.toContain(`action="${url}/gespreksronde"`);
  });

  it("een andere aanbieder ziet het traject niet", async () => {
    const eigen = await until("traject g2", async () => {
      const res = await g2.agent.get(`/aanbieder/onderhands/${id}`);
      return res.status === 200 ? res.text : undefined;
    });
    expect(eigen).not.toContain("Ondertoezichtstelling");
    expect(eigen).not.toContain("Ingroeipad besproken");
    const buiten = await vreemd.agent.get(`/aanbieder/onderhands/${id}`);
    expect(buiten.status).toBe(404);
    expect(buiten.text).toContain("Dit inkooptraject bestaat niet.");
    expect((await vreemd.agent.form(`/aanbieder/onderhands/${id}/offerte`, offerte([["2028", "100"]]))).status).toBe(404);
    expect((await vreemd.agent.get(`/inkoper/onderhands/${id}/trajecten/${g1.kvk}`)).status).toBe(403);
    expect((await vreemd.agent.get("/aanbieder/onderhands")).text).not.toContain(id);
  });

  it("JeugdzorgPlus zonder motivering: de Nederlandse 400 op het veld", async () => {
    const res = await inkoper.form("/inkoper/onderhands/nieuw", { contractId: "jeugdzorgplus", titel: "JeugdzorgPlus 2027 (pagina)", motivering: "Kort.", contractIngangsdatum: "" });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="veld-motivering-fout">Motiveer de keuze voor de onderhandelingsprocedure zonder voorafgaande bekendmaking gedegen/);
    expect(res.text).toMatch(/<textarea[^>]*name="motivering"[^>]* required aria-invalid="true"/);
    expect(res.text).toContain(">Kort.</textarea>");
    expect(res.text).toMatch(/<option value="jeugdzorgplus" selected>/);
  });
});
