import express from "express";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../../api/app";
import { addCalendarDays, closingInstantOf, formatInstantNl, toAmsterdamDate } from "../../domain/calendar";
import { findContract, productsOfContract, toelatingscriteria } from "../../domain/catalogue";
import type { CriteriumAntwoord, InschrijvingInput } from "../../domain/inschrijving/inschrijving";
import type { Actor } from "../../domain/shared/actor";
import type { EngineClient } from "../../engine/client";

/**
 * A demo region for a fresh `npm start` (issue 14): three Open House procedures in different phases, so a
 * newcomer sees the system at work before creating anything.
 *
 *   1. open for entry (two demo aanbieders entered, one asked a question);
 *   2. in beoordeling, with hoor en wederhoor running for the demo login's aanbieder (Jeugdhulp De Brug);
 *   3. gegund, with contracts running (also for De Brug).
 *
 * Everything goes through the real JSON API (createApp with role headers, on a loopback port guarded by a
 * one-time secret, closed again afterwards): the engine's own rules decide, nothing is written directly.
 * Idempotent: the procedures have fixed ids; a second run reads each one's phase and only does what is
 * still missing (a run broken off half-way resumes), so a complete demo region gets nothing added.
 * Never in production (NODE_ENV=production): then it does nothing.
 */

export interface DemoAanbieder {
  kvk: string;
  naam: string;
  email: string;
}

export interface DemoRegionDeps {
  engine: EngineClient;
}

export interface DemoRegionOptions {
  /** Prefix of the procedure ids (default "demo"): tests sharing one engine pass a unique one. */
  idPrefix?: string;
  /** Exactly four demo aanbieders (names end with " (demo)"); default fixed KvK numbers. */
  aanbieders?: readonly DemoAanbieder[];
  /**
   * The aanbieder of the demo login `debrug` (seed-demo-users.ts), so that login sees its own hoorbrief
   * and contract; registered here if missing. null: leave it out.
   */
  eigenAanbieder?: DemoAanbieder | null;
  /** How far ahead the closing of the two procedures that must pass it lies (default 12 s). */
  sluitingOverMs?: number;
  /** Progress lines (Dutch); default console.log. */
  log?: (line: string) => void;
}

export interface DemoRegionSummary {
  /** "aangemaakt": something was added; "bestond-al": the demo region was complete; "overgeslagen": production. */
  status: "aangemaakt" | "bestond-al" | "overgeslagen";
  procedures: { id: string; titel: string; status: string }[];
  aanbieders: DemoAanbieder[];
  /** How many API calls changed something (0 on a run that found everything in place). */
  wijzigingen: number;
  /** Problems that did not stop the rest (a phase that could not be reached); empty when all went well. */
  waarschuwingen: string[];
  duurMs: number;
}

/** Random-looking but fixed KvK numbers; 12345678 is the demo login's own Jeugdhulp De Brug B.V. */
export const DEMO_AANBIEDERS: readonly DemoAanbieder[] = [
  { kvk: "73915046", naam: "Zorgkompas Gouda B.V. (demo)", email: "info@zorgkompas-gouda.demo.example" },
  { kvk: "81204379", naam: "Stichting Het Groene Erf (demo)", email: "secretariaat@groene-erf.demo.example" },
  { kvk: "65582913", naam: "Jeugdpraktijk Waterland (demo)", email: "praktijk@waterland.demo.example" },
  { kvk: "90467128", naam: "De Verbinding Ambulante Hulp (demo)", email: "contact@de-verbinding.demo.example" },
];
export const DEMO_EIGEN_AANBIEDER: DemoAanbieder = { kvk: "12345678", naam: "Jeugdhulp De Brug B.V.", email: "info@debrug.example" };

export const DEMO_TITEL_PREFIX = "Demo – ";

// The demo logins of seed-demo-users.ts act, so their own pages and the logs show them.
const inkoper: Actor = { rol: "inkoper", id: "inkoper" };
const beoordelaar: Actor = { rol: "beoordelaar", id: "beoordelaar" };
const directeur: Actor = { rol: "programmadirecteur", id: "programmadirecteur" };

const SEED_HEADER = "x-inkoop-demo-seed";

type Json = Record<string, unknown>;
interface Res {
  status: number;
  body: Json;
}

interface ProcedureView {
  status: string;
  titel: string;
  sluitingAt: string;
  aantalInschrijvingen: number;
  opening?: { ronde: number; bevestigingen: { door: string }[] };
  rondes: { nr: number; aantalInschrijvingen: number; aantalBeoordeeld: number }[];
  lopendBesluit?: { soort: string; besluitId: string };
}
interface InschrijvingView {
  status: string;
  beoordelingen: { item: string }[];
  hoorEnWederhoor?: { termijnEinde: string };
  uitkomst?: { soort: string };
}

/** Per inschrijving: what the beoordelaar judges. */
interface Plan {
  wie: DemoAanbieder;
  /** "alles": every item; a number: only the first n items (a beoordeling under way). */
  beoordelen: "alles" | number;
  /** The item judged "voldoet niet" (followed by hoor en wederhoor). */
  voldoetNiet?: { item: string; motivering: string };
  /** A micro-onderneming: exempt from TC09. */
  vrijgesteldVan9?: boolean;
}

interface Spec {
  id: string;
  contractId: string;
  titel: string;
  producten: string[];
  /** The product each inschrijving enters for. */
  product: string;
  deelnemers: Plan[];
  instellingen: Json;
}

class Api {
  wijzigingen = 0;
  constructor(
    private readonly base: string,
    private readonly secret: string,
  ) {}

  async call(actor: Actor, method: "GET" | "POST", path: string, body?: object): Promise<Res> {
    const headers: Record<string, string> = { [SEED_HEADER]: this.secret, "x-inkoop-rol": actor.rol, "x-inkoop-gebruiker": actor.id, accept: "application/json" };
    if (actor.kvk) headers["x-inkoop-kvk"] = actor.kvk;
    if (method === "POST") headers["content-type"] = "application/json";
    const res = await fetch(`${this.base}/api/v1${path}`, { method, headers, ...(method === "POST" ? { body: JSON.stringify(body ?? {}) } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { detail: text.slice(0, 200) };
    }
    if (method === "POST" && res.status >= 200 && res.status < 300) this.wijzigingen += 1;
    return { status: res.status, body: (parsed ?? {}) as Json };
  }

  get = (actor: Actor, path: string) => this.call(actor, "GET", path);
  post = (actor: Actor, path: string, body?: object) => this.call(actor, "POST", path, body);
}

/** The API with role headers on a loopback port only this process knows the secret for; closed afterwards. */
async function loopbackApi(engine: EngineClient): Promise<{ api: Api; close: () => Promise<void> }> {
  const secret = randomBytes(24).toString("base64url");
  const expected = Buffer.from(secret);
  const outer = express();
  outer.disable("x-powered-by");
  outer.use((req, res, next) => {
    const given = Buffer.from(req.get(SEED_HEADER) ?? "");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(403).end();
  });
  outer.use(createApp({ engine, roleHeaders: true }));
  const server: Server = await new Promise((resolve, reject) => {
    const s = outer.listen(0, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    api: new Api(`http://127.0.0.1:${port}`, secret),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function ok(what: string, res: Res, statuses: number[] = [200, 201]): Json {
  if (!statuses.includes(res.status)) throw new Error(`${what}: ${res.status} ${String(res.body.detail ?? res.body.title ?? "")}`.trim());
  return res.body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: niet bereikt binnen ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
}

function aanbiederActor(a: DemoAanbieder, eigen: DemoAanbieder | null): Actor {
  return { rol: "aanbieder", id: eigen && a.kvk === eigen.kvk ? "debrug" : `demo-${a.kvk}`, kvk: a.kvk };
}

/** Products an Open House offers by default (not marked "stoppen" in the oplegger). */
function aangeboden(contractId: string): string[] {
  return productsOfContract(contractId)
    .filter((p) => p.opleggerStatus !== "stoppen")
    .map((p) => p.id);
}

function inschrijving(product: string, vrijgesteldVan9 = false): InschrijvingInput {
  const antwoorden: CriteriumAntwoord[] = [];
  for (const c of toelatingscriteria) {
    if (c.perProduct) antwoorden.push({ criterium: c.code, productId: product, verklaring: "voldoet", documentRef: `demo-${c.code}-${product.replace(/\W+/g, "-")}.pdf` });
    else if (vrijgesteldVan9 && c.vrijstellingen.length > 0)
      antwoorden.push({ criterium: c.code, verklaring: "vrijgesteld", vrijstelling: c.vrijstellingen[0]!.code, toelichting: "Demo: wij hebben 6 medewerkers." });
    else antwoorden.push({ criterium: c.code, verklaring: "voldoet", documentRef: `demo-${c.code}.pdf` });
  }
  return { producten: [product], antwoorden };
}

const itemsFor = (product: string) => toelatingscriteria.flatMap((c) => (c.perProduct ? [`${c.code}:${product}`] : [c.code]));

/**
 * The opening is confirmed by the demo inkoper and then the demo beoordelaar; a hearing term of 20
 * werkdagen keeps the demo in its phase for four weeks.
 */
const INSTELLINGEN: Json = { openingDoor: "inkoper+beoordelaar", hoorEnWederhoorTermijnWerkdagen: 20 };

/** "Demo – Open House Ambulant Jeugd": the catalogue's "Ambulant – Jeugd" without a second dash. */
const titel = (contractId: string) => `${DEMO_TITEL_PREFIX}Open House ${(findContract(contractId)?.naam ?? contractId).replace(/\s+–\s+/g, " ")}`;

/**
 * Seeds the demo region (see the module comment). Safe to call on every start and from the background:
 * it never throws for one phase that cannot be reached (that becomes a warning); it throws only when
 * the API cannot be reached at all.
 */
export async function seedDemoRegion(deps: DemoRegionDeps, opts: DemoRegionOptions = {}): Promise<DemoRegionSummary> {
  const t0 = Date.now();
  const log = opts.log ?? ((line: string) => console.log(line));
  const say = (line: string) => log(`demo-regio: ${line}`);
  const demo = opts.aanbieders ?? DEMO_AANBIEDERS;
  const eigen = opts.eigenAanbieder === undefined ? DEMO_EIGEN_AANBIEDER : opts.eigenAanbieder;
  const alle = [...demo, ...(eigen ? [eigen] : [])];
  if (process.env.NODE_ENV === "production") {
    say("overgeslagen: NODE_ENV=production krijgt nooit demogegevens");
    return { status: "overgeslagen", procedures: [], aanbieders: [], wijzigingen: 0, waarschuwingen: [], duurMs: 0 };
  }
  if (demo.length !== 4) throw new Error("seedDemoRegion: geef precies vier demo-aanbieders op");
  const [d0, d1, d2, d3] = demo as [DemoAanbieder, DemoAanbieder, DemoAanbieder, DemoAanbieder];
  const prefix = opts.idPrefix ?? "demo";
  const waarschuwingen: string[] = [];
  const warn = (line: string) => {
    waarschuwingen.push(line);
    say(`LET OP ${line}`);
  };

  const open = "ambulant-wmo";
  const beoordeling = "dagbesteding-jeugd";
  const gegund = "ambulant-jeugd";
  const gehoord = eigen ?? d3;
  const specOpen: Spec = { id: `${prefix}-open-house`, contractId: open, titel: titel(open), producten: aangeboden(open).slice(0, 3), product: aangeboden(open)[0]!, deelnemers: [], instellingen: INSTELLINGEN };
  const specBeoordeling: Spec = {
    id: `${prefix}-in-beoordeling`,
    contractId: beoordeling,
    titel: titel(beoordeling),
    producten: aangeboden(beoordeling).slice(0, 2),
    product: aangeboden(beoordeling)[0]!,
    deelnemers: [
      { wie: gehoord, beoordelen: "alles", voldoetNiet: { item: "TC05", motivering: "Demo: er is geen bewijs van lidmaatschap van een branche- of beroepsvereniging bijgevoegd." } },
      { wie: d0, beoordelen: "alles", vrijgesteldVan9: true },
      { wie: d1, beoordelen: 4 },
    ],
    instellingen: INSTELLINGEN,
  };
  const specGegund: Spec = {
    id: `${prefix}-gegund`,
    contractId: gegund,
    titel: titel(gegund),
    producten: aangeboden(gegund).slice(0, 2),
    product: aangeboden(gegund)[0]!,
    deelnemers: [...(eigen ? [eigen] : []), d1, d2, d3].map((wie) => ({ wie, beoordelen: "alles" as const })),
    // The contracts start today, so they run at once.
    instellingen: { ...INSTELLINGEN, contractIngangsdatum: toAmsterdamDate(new Date()) },
  };

  const { api, close } = await loopbackApi(deps.engine);
  const procedure = async (id: string): Promise<ProcedureView | null> => {
    const res = await api.get(inkoper, `/procedures/${id}`);
    if (res.status === 404) return null;
    return ok(`procedure ${id} lezen`, res) as unknown as ProcedureView;
  };
  /** One phase's failure is a warning: the other procedures still get their turn. */
  const guarded = async (what: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (err) {
      warn(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  try {
    say("demoregio controleren (procedures beginnen met 'Demo – ', aanbieders eindigen op '(demo)')...");

    // 1. The aanbieders, each registering itself.
    let nieuw = 0;
    await Promise.all(
      alle.map(async (a) => {
        if ((await api.get(inkoper, `/aanbieders/${a.kvk}`)).status === 200) return;
        const res = await api.post(aanbiederActor(a, eigen), "/aanbieders", a);
        if (res.status !== 409) ok(`aanbieder ${a.naam} registreren`, res);
        nieuw += 1;
      }),
    );
    if (nieuw > 0) say(`${nieuw} aanbieder(s) geregistreerd`);

    // 2. The two procedures that must pass their closing: created and published first, so their
    //    closing runs while the open one is made.
    const sluitingAt = new Date(Date.now() + (opts.sluitingOverMs ?? 12_000));
    const gesloten: Spec[] = [specBeoordeling, specGegund];
    await Promise.all(gesloten.map((s) => guarded(s.titel, () => ensurePublished(s, sluitingAt))));
    await Promise.all(gesloten.map((s) => guarded(s.titel, () => ensureEntered(s))));

    // 3. The open Open House, closing in eight weeks.
    await guarded(specOpen.titel, async () => {
      await ensurePublished(specOpen, closingInstantOf(toAmsterdamDate(addCalendarDays(new Date(), 56))));
      const view = (await procedure(specOpen.id))!;
      if (view.status !== "gepubliceerd") return;
      for (const a of [d0, d1]) await enter(specOpen, a, specOpen.producten[a === d0 ? 0 : 1] ?? specOpen.product);
      const vrager = aanbiederActor(d2, eigen);
      const vragen = ok("vragen lezen", await api.get(vrager, `/procedures/${specOpen.id}/vragen`)) as unknown as { eigenVraag?: boolean }[];
      if (!vragen.some((v) => v.eigenVraag)) {
        ok("vraag stellen", await api.post(vrager, `/procedures/${specOpen.id}/vragen`, { vraag: "Demo: telt ervaring in een jeugdregio buiten Midden-Holland mee voor de referenties?" }));
        say(`'${specOpen.titel}': een vraag voor de nota van inlichtingen wacht op antwoord van de inkoper`);
      }
    });

    // 4. Past the closing: opening with four eyes, beoordeling, hoor en wederhoor; gunning for the third.
    await Promise.all(gesloten.map((s) => guarded(s.titel, () => ensureOpened(s))));
    await Promise.all([
      guarded(specBeoordeling.titel, async () => {
        await Promise.all(specBeoordeling.deelnemers.map((p) => ensureJudged(specBeoordeling, p)));
      }),
      guarded(specGegund.titel, async () => {
        await Promise.all(specGegund.deelnemers.map((p) => ensureJudged(specGegund, p)));
        await ensureGegund(specGegund);
      }),
    ]);

    const procedures: DemoRegionSummary["procedures"] = [];
    for (const s of [specOpen, specBeoordeling, specGegund]) {
      const view = await procedure(s.id);
      procedures.push({ id: s.id, titel: s.titel, status: view?.status ?? "ontbreekt" });
    }
    const duurMs = Date.now() - t0;
    const status = api.wijzigingen > 0 ? "aangemaakt" : "bestond-al";
    say(
      status === "aangemaakt"
        ? `klaar in ${(duurMs / 1000).toFixed(1)} s: ${procedures.map((p) => `${p.titel} (${p.status})`).join("; ")}${waarschuwingen.length ? ` — ${waarschuwingen.length} waarschuwing(en)` : ""}`
        : "demoregio was er al; niets toegevoegd",
    );
    return { status, procedures, aanbieders: alle, wijzigingen: api.wijzigingen, waarschuwingen, duurMs };
  } finally {
    await close();
  }

  async function ensurePublished(s: Spec, sluiting: Date): Promise<void> {
    let view = await procedure(s.id);
    if (!view) {
      const created = await api.post(inkoper, "/procedures", {
        id: s.id,
        contractId: s.contractId,
        titel: s.titel,
        publicatieAt: new Date(Date.now() - 60_000).toISOString(),
        sluitingAt: sluiting.toISOString(),
        producten: s.producten,
        instellingen: s.instellingen,
      });
      // Another start seeding at the same moment made it: carry on with what is there.
      if (created.status !== 409) ok(`'${s.titel}' aanmaken`, created);
      view = await procedure(s.id);
    }
    if (view?.status === "concept") {
      ok(`'${s.titel}' publiceren`, await api.post(inkoper, `/procedures/${s.id}/publicatie`));
      say(`'${s.titel}' gepubliceerd; inschrijven kan tot ${formatInstantNl(new Date(view.sluitingAt), { seconden: true })}`);
    }
  }

  async function enter(s: Spec, a: DemoAanbieder, product: string, vrijgesteldVan9 = false): Promise<void> {
    const actor = aanbiederActor(a, eigen);
    const own = await api.get(actor, `/procedures/${s.id}/inschrijvingen/${a.kvk}`);
    if (own.status === 200) return;
    ok(`inschrijving van ${a.naam} op '${s.titel}'`, await api.post(actor, `/procedures/${s.id}/inschrijvingen`, inschrijving(product, vrijgesteldVan9)));
  }

  async function ensureEntered(s: Spec): Promise<void> {
    const view = await procedure(s.id);
    if (view?.status !== "gepubliceerd") return;
    if (Date.now() >= new Date(view.sluitingAt).getTime() - 500) return;
    await Promise.all(s.deelnemers.map((p) => enter(s, p.wie, s.product, p.vrijgesteldVan9)));
    say(`'${s.titel}': ${s.deelnemers.length} inschrijvingen ingediend; wacht op de sluiting`);
  }

  async function ensureOpened(s: Spec): Promise<void> {
    let view = await procedure(s.id);
    if (!view) throw new Error("procedure ontbreekt");
    if (view.status === "gepubliceerd") {
      const wait = new Date(view.sluitingAt).getTime() - Date.now();
      if (wait > 120_000) throw new Error(`de sluiting ligt nog ${Math.round(wait / 1000)} s verder; later opnieuw starten`);
      await sleep(wait);
      view = await until("sluiting", async () => {
        const v = await procedure(s.id);
        return v && v.status !== "gepubliceerd" ? v : undefined;
      });
    }
    if (!view.opening) return;
    if (view.aantalInschrijvingen === 0) throw new Error("gesloten zonder inschrijvingen (een eerdere start werd onderbroken); deze demoprocedure blijft zo");
    for (const actor of [inkoper, beoordelaar]) {
      if (view.opening.bevestigingen.some((b) => b.door === actor.id)) continue;
      ok(`opening bevestigen door ${actor.id}`, await api.post(actor, `/procedures/${s.id}/opening`));
    }
    say(`'${s.titel}': gesloten en geopend met vier ogen (inkoper en beoordelaar)`);
  }

  async function ensureJudged(s: Spec, p: Plan): Promise<void> {
    const url = `/procedures/${s.id}/inschrijvingen/${p.wie.kvk}`;
    const read = async () => {
      const res = await api.get(beoordelaar, url);
      return res.status === 200 ? (res.body as unknown as InschrijvingView) : undefined;
    };
    let view = await read();
    if (!view) return; // not entered (an interrupted earlier start)
    if (view.status === "ingediend" || view.status === "volledigheidstoets")
      view = await until(`inschrijving van ${p.wie.naam} in beoordeling`, async () => {
        const v = await read();
        return v && v.status !== "ingediend" && v.status !== "volledigheidstoets" ? v : undefined;
      });
    if (view.status !== "beoordeling") return;
    const items = itemsFor(s.product);
    const plan = p.beoordelen === "alles" ? items : items.slice(0, p.beoordelen);
    const gedaan = new Set(view.beoordelingen.map((b) => b.item));
    for (const item of plan) {
      if (gedaan.has(item)) continue;
      const fail = p.voldoetNiet?.item === item;
      const res = await api.post(beoordelaar, `${url}/beoordelingen`, {
        item,
        oordeel: fail ? "voldoet-niet" : "voldoet",
        motivering: fail ? p.voldoetNiet!.motivering : `Demo: aangetoond met het bijgevoegde bewijs voor ${item.split(":")[0]}.`,
      });
      if (res.status === 409 && /vrijgesteld/.test(String(res.body.detail ?? ""))) continue;
      ok(`beoordeling ${item} van ${p.wie.naam}`, res);
    }
    if (p.voldoetNiet) {
      const now = await read();
      if (now?.status === "beoordeling" && !now.hoorEnWederhoor) {
        const started = ok(`hoor en wederhoor voor ${p.wie.naam}`, await api.post(beoordelaar, `${url}/hoor-en-wederhoor`, {})) as unknown as InschrijvingView;
        const eind = started.hoorEnWederhoor?.termijnEinde;
        say(`'${s.titel}': hoorbrief aan ${p.wie.naam} verstuurd${eind ? `; reageren kan tot ${formatInstantNl(new Date(eind))}` : ""}`);
      }
    }
  }

  async function ensureGegund(s: Spec): Promise<void> {
    let view = await until("alle uitkomsten", async () => {
      const v = await procedure(s.id);
      const ronde = v?.rondes[0];
      return v && ronde && (v.status !== "gesloten" || ronde.aantalBeoordeeld >= ronde.aantalInschrijvingen) ? v : undefined;
    });
    if (view.status === "gesloten" && !view.lopendBesluit) {
      ok("gunningsvoorstel", await api.post(inkoper, `/procedures/${s.id}/gunningsvoorstel`, { toelichting: "Demo: alle inschrijvers voldoen aan de toelatingscriteria (4.4.1)." }));
      view = (await procedure(s.id))!;
    }
    if (view.lopendBesluit?.soort === "gunning") {
      const besluit = ok("besluit lezen", await api.get(directeur, `/besluiten/${view.lopendBesluit.besluitId}`));
      if (besluit.status === "voorgelegd") {
        ok("akkoord gunning", await api.post(directeur, `/besluiten/${view.lopendBesluit.besluitId}/beslissing`, { akkoord: true, motivering: "Demo: akkoord." }));
        say(`'${s.titel}': gunning voorgelegd en door de programmadirecteur vastgesteld`);
      }
    }
    if (view.status === "gesloten" || view.status === "besluitvorming" || view.status === "gegund") {
      await Promise.all(
        s.deelnemers.map((p) =>
          until(`contract van ${p.wie.naam}`, async () => ((await api.get(inkoper, `/contracten/${s.contractId}/${p.wie.kvk}`)).status === 200 ? true : undefined)),
        ),
      );
      if (api.wijzigingen > 0) say(`'${s.titel}': ${s.deelnemers.length} contracten lopen`);
    }
  }
}
