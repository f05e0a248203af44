import { Router, type Request, type Response } from "express";
import { roleOfAuthority } from "../../../domain/besluit/besluit";
import { authorityFor } from "../../../domain/catalogue";
import { csrfField, errorSummary, selectField, submitButton, textArea, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, attempt, errorsFrom, field, filterFormulier, filterOpties, filterUit, formId, gefilterd, gegevens, handle, heading, link, pagineer, paginering, paragraph, PER_PAGINA, redirectWith, render, status, type Engine } from "./common";
import { besluitStatus, besluitType, documentDoel, logboek, wie } from "./labels";

type Summary = { id: string; titel?: string; type?: string; status?: string; beslisRol?: string; procedureId?: string; ontvangerNaam?: string; datum?: string; samenvatting?: string };

const besluitUrl = (id: string) => `/besluiten/${encodeURIComponent(id)}`;
/** Besluiten taken at once under the mandate of an akkoord gunning: nobody decides them one by one. */
const underMandate = new Set(["toelating", "afwijzing"]);

/** Kinds of besluit labels.ts does not name yet (contract and catalogue besluiten), in words. */
const meerSoorten: Record<string, string> = {
  contractondertekening: "Contractondertekening",
  "programma-van-eisen": "Programma van eisen",
  "wijziging-productenboek-zonder-tariefeffect": "Wijziging productenboek (zonder tariefeffect)",
  "aanbieder-specifiek-tarief": "Aanbieder-specifiek tarief",
  "wijziging-tarieven": "Wijziging tarieven",
  "wezenlijke-wijziging-procedure": "Wezenlijke wijziging procedure",
  budgetplafond: "Budgetplafond",
  verlenging: "Verlenging overeenkomst",
  "niet-verlenging": "Niet-verlenging overeenkomst",
  contractwijziging: "Contractwijziging",
  clientenstop: "Cliëntenstop",
  ingebrekestelling: "Ingebrekestelling",
  "hoor-en-wederhoor": "Hoor en wederhoor",
};
const soortTekst = (type: string | undefined) => besluitType[type ?? ""] ?? meerSoorten[type ?? ""] ?? type ?? "";

/** Whole days between two instants. */
const dagenTussen = (van: string, tot: Date) => Math.floor((tot.getTime() - new Date(van).getTime()) / 86_400_000);

/** How long a besluit has been waiting, in whole days: what an authority looks at first. */
function wachtSinds(datum: string | undefined, now: Date): string {
  if (!datum) return "";
  const dagen = dagenTussen(datum, now);
  return dagen <= 0 ? "vandaag voorgelegd" : dagen === 1 ? "1 dag" : `${dagen} dagen`;
}

/** How far back "recent besloten" looks. */
const RECENT_DAGEN = 30;

/** Per procedure its title and the link to its latest proces-verbaal (of opening or of closing), if it has one. */
type ProcesVerbalen = Map<string, { titel: string; pv?: SafeHtml }>;

const procedureLink = (procedureId: string | undefined, rol: string, pv: ProcesVerbalen): SafeHtml =>
  !procedureId ? html`—` : link(rol === "inkoper" ? `/inkoper/procedures/${encodeURIComponent(procedureId)}` : `/procedures/${encodeURIComponent(procedureId)}`, pv.get(procedureId)?.titel ?? procedureId);
const pvLink = (procedureId: string | undefined, pv: ProcesVerbalen): SafeHtml => pv.get(procedureId ?? "")?.pv ?? html`—`;

async function procesVerbalen(engine: Engine, req: Request, procedureIds: (string | undefined)[]): Promise<ProcesVerbalen> {
  const ids = [...new Set(procedureIds.filter((x): x is string => Boolean(x)))];
  const actor = actorOf(req);
  const found = await Promise.all(ids.map((id) => attempt(() => engine.procedure(id).get({ actor }))));
  const out: ProcesVerbalen = new Map();
  ids.forEach((id, i) => {
    const f = found[i];
    if (!f?.ok) return;
    const docs = (f.value.documenten as { id: string; doel: string; gemaaktOp: string; ronde?: number }[]).filter((d) => d.doel === "proces-verbaal-opening" || d.doel === "proces-verbaal");
    const laatste = docs.sort((a, b) => b.gemaaktOp.localeCompare(a.gemaaktOp))[0];
    out.set(id, {
      titel: f.value.titel,
      ...(laatste ? { pv: link(`/api/v1/procedures/${encodeURIComponent(id)}/documenten/${encodeURIComponent(laatste.id)}`, `${documentDoel[laatste.doel] ?? laatste.doel}${laatste.ronde ? `, ronde ${String(laatste.ronde)}` : ""} (PDF)`) } : {}),
    });
  });
  return out;
}

function besluitenTable(caption: string, list: Summary[], wachtend?: Date): SafeHtml {
  return table(
    caption,
    ["Besluit", "Type", "Procedure", "Datum", ...(wachtend ? ["Wacht"] : []), "Status", "Samenvatting"],
    list.map((b) => [
      link(besluitUrl(b.id), `${b.id}: ${b.titel ?? ""}`),
      html`${soortTekst(b.type)}`,
      html`${b.procedureId ?? ""}`,
      html`${formatNl(b.datum)}`,
      ...(wachtend ? [html`${wachtSinds(b.datum, wachtend)}`] : []),
      status(besluitStatus[b.status ?? ""] ?? b.status ?? ""),
      html`${b.samenvatting ?? ""}${b.ontvangerNaam ? ` (aan ${b.ontvangerNaam})` : ""}`,
    ]),
  );
}

/** The besluiten waiting for a director, longest first, with the procedure and its proces-verbaal a click away. */
function teNemenTable(list: Summary[], now: Date, pv: ProcesVerbalen, rol: string): SafeHtml {
  return table(
    "Voorgelegd aan u, het langst wachtende eerst",
    ["Besluit", "Type", "Voorgelegd", "Wacht", "Procedure", "Proces-verbaal", "Samenvatting"],
    list.map((b) => [
      link(besluitUrl(b.id), `${b.id}: ${b.titel ?? ""}`),
      html`${soortTekst(b.type)}`,
      html`${formatNl(b.datum)}`,
      html`<strong>${wachtSinds(b.datum, now)}</strong>`,
      procedureLink(b.procedureId, rol, pv),
      pvLink(b.procedureId, pv),
      html`${b.samenvatting ?? ""}${b.ontvangerNaam ? ` (aan ${b.ontvangerNaam})` : ""}`,
    ]),
    "Er wacht nu geen besluit op u.",
    { titelVerborgen: true },
  );
}

/** What a director sees at a glance: how many wait per kind and since when, and what was decided lately. */
function inEenOogopslag(teNemen: Summary[], recent: { b: Summary; beslissing: Beslissing }[], now: Date): SafeHtml {
  const perSoort = new Map<string, Summary[]>();
  for (const b of teNemen) perSoort.set(b.type ?? "", [...(perSoort.get(b.type ?? "") ?? []), b]);
  const oudste = teNemen[0];
  const akkoord = recent.filter((r) => r.beslissing.akkoord).length;
  return html`<section class="inkoop-kaart inkoop-overzicht" aria-labelledby="oogopslag">
${heading(2, "In één oogopslag", "oogopslag")}
<ul class="inkoop-kerncijfers">
<li><span class="inkoop-kerncijfers__getal">${String(teNemen.length)}</span> ${teNemen.length === 1 ? "besluit wacht" : "besluiten wachten"} op u</li>
<li><span class="inkoop-kerncijfers__getal">${oudste ? wachtSinds(oudste.datum, now) : "—"}</span> ${oudste ? html`wacht het oudste (${link(besluitUrl(oudste.id), oudste.id)})` : "geen besluit wacht"}</li>
<li><span class="inkoop-kerncijfers__getal">${String(recent.length)}</span> ${recent.length === 1 ? "besluit" : "besluiten"} genomen in de laatste ${String(RECENT_DAGEN)} dagen${recent.length > 0 ? ` (${String(akkoord)} akkoord, ${String(recent.length - akkoord)} teruggestuurd)` : ""}</li>
</ul>
${table(
  "Wachtend per soort besluit",
  ["Soort besluit", "Aantal", "Oudste voorgelegd", "Wacht"],
  [...perSoort.entries()]
    .sort((a, b) => (a[1][0]?.datum ?? "").localeCompare(b[1][0]?.datum ?? ""))
    .map(([type, lijst]) => [html`${soortTekst(type)}`, html`${String(lijst.length)}`, html`${formatNl(lijst[0]?.datum)}`, html`${wachtSinds(lijst[0]?.datum, now)}`]),
  "Er wacht geen enkel besluit op u.",
)}
</section>`;
}

type Beslissing = { akkoord: boolean; motivering: string; door: string; at: string };

/** The besluiten this role decided in the last RECENT_DAGEN days, newest first, with their outcome. */
async function recentBesloten(engine: Engine, req: Request, kandidaten: Summary[], now: Date): Promise<{ b: Summary; beslissing: Beslissing }[]> {
  const actor = actorOf(req);
  // A besluit is decided after it was laid before, so its datum says little: each candidate's decision is read.
  const found = await Promise.all(kandidaten.map((b) => attempt(() => engine.besluit(b.id).get({ actor }))));
  return kandidaten
    .flatMap((b, i) => {
      const f = found[i];
      const beslissing = f?.ok ? (f.value.beslissing as Beslissing | undefined) : undefined;
      return beslissing && dagenTussen(beslissing.at, now) < RECENT_DAGEN ? [{ b, beslissing }] : [];
    })
    .sort((x, y) => y.beslissing.at.localeCompare(x.beslissing.at));
}

function recentTable(recent: { b: Summary; beslissing: Beslissing }[], pv: ProcesVerbalen, rol: string): SafeHtml {
  return table(
    `Door u besloten in de laatste ${String(RECENT_DAGEN)} dagen, het nieuwste eerst`,
    ["Besluit", "Type", "Besloten op", "Uitkomst", "Procedure", "Proces-verbaal"],
    recent.map(({ b, beslissing }) => [
      link(besluitUrl(b.id), `${b.id}: ${b.titel ?? ""}`),
      html`${soortTekst(b.type)}`,
      html`${formatNl(beslissing.at)}`,
      status(beslissing.akkoord ? "Akkoord: vastgesteld" : "Teruggestuurd"),
      procedureLink(b.procedureId, rol, pv),
      pvLink(b.procedureId, pv),
    ]),
    `U heeft in de laatste ${String(RECENT_DAGEN)} dagen geen besluit genomen.`,
    { titelVerborgen: true },
  );
}

const BESLUIT_FILTERS = ["status", "soort", "jaar"] as const;
const openOfBesloten: Record<string, (b: Summary) => boolean> = { open: (b) => b.status === "voorgelegd", besloten: (b) => b.status === "vastgesteld" || b.status === "teruggestuurd" };

/**
 * Every besluit of the role, filtered by open/besloten, kind and year (GET form), 20 a page. Besluiten taken
 * under mandate (toelating, afwijzing: one per aanbieder) only show when that kind is chosen.
 */
function alleBesluiten(req: Request, zichtbaarVoorRol: Summary[], titels: Map<string, string>): SafeHtml {
  const f = filterUit(req.query, BESLUIT_FILTERS);
  const gekozen = zichtbaarVoorRol.filter(
    (b) => (!f.status || (openOfBesloten[f.status]?.(b) ?? false)) && (f.soort ? b.type === f.soort : !underMandate.has(b.type ?? "")) && (!f.jaar || (b.datum ?? "").startsWith(f.jaar)),
  );
  const { pagina, paginas, zichtbaar } = pagineer(gekozen, req.query);
  const form = filterFormulier({
    action: "/besluiten",
    label: "Besluiten filteren",
    f,
    velden: [
      selectField({ name: "status", label: "Status", value: f.status, options: [{ value: "", label: "Alle" }, { value: "open", label: "Open (voorgelegd)" }, { value: "besloten", label: "Besloten (vastgesteld of teruggestuurd)" }] }),
      selectField({ name: "soort", label: "Soort besluit", value: f.soort, options: filterOpties(zichtbaarVoorRol.map((b) => b.type), (t) => `${soortTekst(t)}${underMandate.has(t) ? " (onder mandaat)" : ""}`) }),
      selectField({ name: "jaar", label: "Jaar", value: f.jaar, options: filterOpties(zichtbaarVoorRol.map((b) => b.datum?.slice(0, 4))) }),
    ],
  });
  return html`${heading(2, "Alle besluiten", "alle-besluiten")}
${paragraph("Alle besluiten, het nieuwste eerst. Toelatings- en afwijzingsbesluiten, genomen onder het mandaat van een akkoord gunning, ziet u door die soort te kiezen.")}
${zichtbaarVoorRol.length > PER_PAGINA || gefilterd(f) ? form : ""}
${table("Alle besluiten", ["Besluit", "Type", "Procedure", "Datum", "Status"], zichtbaar.map((b) => [
  link(besluitUrl(b.id), `${b.id}: ${b.titel ?? ""}`),
  html`${soortTekst(b.type)}`,
  html`${b.procedureId ? (titels.get(b.procedureId) ?? b.procedureId) : ""}`,
  html`${formatNl(b.datum)}`,
  status(besluitStatus[b.status ?? ""] ?? b.status ?? ""),
]), zichtbaarVoorRol.length === 0 ? "Er zijn nog geen besluiten." : "Geen besluit voldoet aan dit filter.", { titelVerborgen: true })}
${paginering({ action: "/besluiten", f, pagina, paginas, totaal: gekozen.length, wat: "besluiten" })}`;
}

async function overzicht(engine: Engine, req: Request, res: Response) {
  const rol = actorOf(req).rol;
  const now = new Date();
  const all = ((await engine.register("besluiten").list()) as Summary[]).slice().sort((a, b) => (b.datum ?? "").localeCompare(a.datum ?? ""));
  // What waits longest comes first.
  const teNemen = all.filter((b) => b.status === "voorgelegd" && b.beslisRol === rol).reverse();
  const vanRol = all.filter((b) => rol === "inkoper" || b.beslisRol === rol);
  const titels = new Map(((await engine.register("procedures").list()) as { id: string; titel?: string }[]).map((p) => [p.id, p.titel ?? p.id]));
  if (rol === "inkoper") {
    const lopend = all.filter((b) => b.status === "voorgelegd" && b.beslisRol !== rol);
    render(req, res, {
      title: "Besluiten",
      current: "/besluiten",
      body: html`<h1 class="utrecht-heading-1">Besluiten</h1>
${heading(2, "Te nemen besluiten")}
${paragraph("Besluiten die aan u als bevoegd gezag zijn voorgelegd (inkoopplan 7.2 en 7.3).")}
${besluitenTable("Voorgelegd aan u", teNemen, now)}
${heading(2, "Voorgelegd aan anderen")}${besluitenTable("Wachten op de programmadirecteur of het BOSD", lopend, now)}
${alleBesluiten(req, vanRol, titels)}`,
    });
    return;
  }
  const kandidaten = vanRol.filter((b) => b.status !== "voorgelegd" && !underMandate.has(b.type ?? "") && dagenTussen(b.datum ?? now.toISOString(), now) < 366);
  const recent = await recentBesloten(engine, req, kandidaten, now);
  const pv = await procesVerbalen(engine, req, [...teNemen.map((b) => b.procedureId), ...recent.map((r) => r.b.procedureId)]);
  render(req, res, {
    title: "Besluiten",
    current: "/besluiten",
    body: html`<h1 class="utrecht-heading-1">Besluiten</h1>
${paragraph(`Besluiten die aan u als ${rol === "bosd" ? "BOSD" : "programmadirecteur"} zijn voorgelegd (inkoopplan 7.2 en 7.3): wat wacht, sinds wanneer, en wat u onlangs besloot.`)}
${inEenOogopslag(teNemen, recent, now)}
${heading(2, "Te nemen besluiten", "te-nemen")}
${teNemenTable(teNemen, now, pv, rol)}
${heading(2, "Recent besloten", "recent")}
${recentTable(recent, pv, rol)}
${alleBesluiten(req, vanRol, titels)}`,
  });
}

async function besluitPage(engine: Engine, req: Request, res: Response, state: { errors: FieldErrors; motivering: string } = { errors: {}, motivering: "" }, httpStatus = 200) {
  const actor = actorOf(req);
  const id = String(req.params.id);
  const b = await engine.besluit(id).get({ actor });
  const log = await engine.besluit(id).events({ actor });
  const bron = authorityFor(b.type).bron;
  const beslisRol = roleOfAuthority[b.authority];
  const mag = b.status === "voorgelegd" && beslisRol === actor.rol;
  const form = mag
    ? html`<form method="post" action="${besluitUrl(id)}/beslissing" id="${formId("beslissing")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Uw beslissing")}
${textArea({ name: "motivering", label: "Motivering", value: state.motivering, errors: state.errors, description: "Verplicht als u het besluit terugstuurt (minstens 10 tekens); bij akkoord mag u een toelichting geven.", rows: 5 })}
<div class="inkoop-actions">${submitButton("Akkoord", { name: "beslissing", value: "akkoord" })}${submitButton("Terugsturen", { name: "beslissing", value: "terugsturen", secondary: true })}</div>
</form>`
    : b.status === "voorgelegd"
      ? paragraph(`Over dit besluit beslist de ${b.authorityNaam}.`)
      : html``;
  const onderwerpLink: Record<string, (id: string) => string> = {
    procedure: (id) => `/inkoper/procedures/${encodeURIComponent(id)}`,
    onderhands: (id) => `/inkoper/onderhands/${encodeURIComponent(id)}`,
    traject: (id) => {
      const [procedureId = "", kvk = ""] = id.split("/");
      return `/inkoper/onderhands/${encodeURIComponent(procedureId)}/trajecten/${encodeURIComponent(kvk)}`;
    },
  };
  const href = onderwerpLink[b.onderwerp.soort];
  // The programmadirecteur and the BOSD read the procedure a besluit is about on its read-only page.
  const onderwerp =
    href && actor.rol === "inkoper"
      ? link(href(b.onderwerp.id), b.onderwerp.id)
      : b.onderwerp.soort === "procedure"
        ? link(`/procedures/${encodeURIComponent(b.onderwerp.id)}`, `${b.onderwerp.id} (procedure bekijken)`)
        : b.onderwerp.id;
  render(req, res, {
    title: b.titel,
    current: "/besluiten",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">${b.titel}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(besluitStatus[b.status] ?? b.status)} ${link("/besluiten", "Terug naar de besluiten")}`)}
${gegevens([
  ["Besluitnummer", b.besluitId],
  ["Type", soortTekst(b.type)],
  ["Bevoegd gezag", `${b.authorityNaam} (${bron})`],
  ["Samenvatting", b.samenvatting],
  ["Auteur", wie(b.auteur)],
  ["Datum", formatNl(b.datum)],
  [({ procedure: "Procedure", onderhands: "Onderhandse procedure", traject: "Inkooptraject", verlengingsronde: "Verlengingsronde" } as Record<string, string>)[b.onderwerp.soort] ?? "Contract", onderwerp],
  ["Ontvanger", b.ontvanger ? `${b.ontvanger.naam}${b.ontvanger.kvk ? `, KvK ${b.ontvanger.kvk}` : ""}` : undefined],
  ["Krachtens", b.krachtens ? link(besluitUrl(b.krachtens), b.krachtens) : undefined],
  ["Motivering", b.motivering],
])}
${heading(2, "Documenten")}
${table("Documenten van het besluit", ["Bestand", "Opgemaakt"], b.documenten.map((d) => [link(`/api/v1/besluiten/${encodeURIComponent(id)}/documenten/${encodeURIComponent(d.id)}`, `${d.bestandsnaam} (PDF)`), html`${formatNl(d.gemaaktOp)}`]))}
${b.beslissing ? html`${heading(2, "Beslissing")}${gegevens([["Beslissing", b.beslissing.akkoord ? "Akkoord" : "Teruggestuurd"], ["Door", b.beslissing.door], ["Op", formatNl(b.beslissing.at)], ["Motivering", b.beslissing.motivering]])}` : ""}
${form}
${heading(2, "Logboek")}
${logboek("Logboek van het besluit", log)}`,
  });
}

/** Besluiten for the programmadirecteur and the BOSD (the inkoper may look): what waits, and the decision. */
export function besluitenRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("programmadirecteur", "bosd", "inkoper");

  router.get("/besluiten", guard, handle((req, res) => overzicht(engine, req, res)));
  router.get("/besluiten/:id", guard, handle((req, res) => besluitPage(engine, req, res)));
  router.post(
    "/besluiten/:id/beslissing",
    guard,
    handle(async (req, res) => {
      const keuze = field(req.body, "beslissing");
      const motivering = field(req.body, "motivering");
      if (keuze !== "akkoord" && keuze !== "terugsturen") return besluitPage(engine, req, res, { errors: { beslissing: "Kies akkoord of terugsturen." }, motivering }, 400);
      const akkoord = keuze === "akkoord";
      const id = String(req.params.id);
      const result = await attempt(() => engine.besluit(id).beslissen({ actor: actorOf(req), akkoord, motivering }));
      if (!result.ok) return besluitPage(engine, req, res, { errors: errorsFrom(result.refusal, { motivering: "motivering", akkoord: "beslissing" }, "beslissing"), motivering }, result.refusal.status);
      redirectWith(res, besluitUrl(id), akkoord ? "U gaf akkoord: het besluit is vastgesteld." : "Het besluit is met uw motivering teruggestuurd naar de inkoper.");
    }),
  );
  return router;
}
