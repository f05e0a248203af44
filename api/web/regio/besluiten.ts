import { Router, type Request, type Response } from "express";
import { roleOfAuthority } from "../../../domain/besluit/besluit";
import { authorityFor } from "../../../domain/catalogue";
import { csrfField, errorSummary, submitButton, textArea, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, attempt, errorsFrom, field, formId, gegevens, handle, heading, link, paragraph, redirectWith, render, status, type Engine } from "./common";
import { besluitStatus, besluitType, logboek, wie } from "./labels";

type Summary = { id: string; titel?: string; type?: string; status?: string; beslisRol?: string; procedureId?: string; ontvangerNaam?: string; datum?: string; samenvatting?: string };

const besluitUrl = (id: string) => `/besluiten/${encodeURIComponent(id)}`;
/** Besluiten taken at once under the mandate of an akkoord gunning: nobody decides them one by one. */
const underMandate = new Set(["toelating", "afwijzing"]);

/** How long a besluit has been waiting, in whole days: what an authority looks at first. */
function wachtSinds(datum: string | undefined, now: Date): string {
  if (!datum) return "";
  const dagen = Math.floor((now.getTime() - new Date(datum).getTime()) / 86_400_000);
  return dagen <= 0 ? "vandaag voorgelegd" : dagen === 1 ? "1 dag" : `${dagen} dagen`;
}

function besluitenTable(caption: string, list: Summary[], wachtend?: Date): SafeHtml {
  return table(
    caption,
    ["Besluit", "Type", "Procedure", "Datum", ...(wachtend ? ["Wacht"] : []), "Status", "Samenvatting"],
    list.map((b) => [
      link(besluitUrl(b.id), `${b.id}: ${b.titel ?? ""}`),
      html`${besluitType[b.type ?? ""] ?? b.type ?? ""}`,
      html`${b.procedureId ?? ""}`,
      html`${formatNl(b.datum)}`,
      ...(wachtend ? [html`${wachtSinds(b.datum, wachtend)}`] : []),
      status(besluitStatus[b.status ?? ""] ?? b.status ?? ""),
      html`${b.samenvatting ?? ""}${b.ontvangerNaam ? ` (aan ${b.ontvangerNaam})` : ""}`,
    ]),
  );
}

async function overzicht(engine: Engine, req: Request, res: Response) {
  const rol = actorOf(req).rol;
  const all = ((await engine.register("besluiten").list()) as Summary[]).slice().sort((a, b) => (b.datum ?? "").localeCompare(a.datum ?? ""));
  // What waits longest comes first.
  const teNemen = all.filter((b) => b.status === "voorgelegd" && b.beslisRol === rol).reverse();
  const genomen = all.filter((b) => b.status !== "voorgelegd" && !underMandate.has(b.type ?? "") && (rol === "inkoper" || b.beslisRol === rol));
  const lopend = rol === "inkoper" ? all.filter((b) => b.status === "voorgelegd" && b.beslisRol !== rol) : [];
  render(req, res, {
    title: "Besluiten",
    current: "/besluiten",
    body: html`<h1 class="utrecht-heading-1">Besluiten</h1>
${heading(2, "Te nemen besluiten")}
${paragraph("Besluiten die aan u als bevoegd gezag zijn voorgelegd (inkoopplan 7.2 en 7.3).")}
${besluitenTable("Voorgelegd aan u", teNemen, new Date())}
${rol === "inkoper" ? html`${heading(2, "Voorgelegd aan anderen")}${besluitenTable("Wachten op de programmadirecteur of het BOSD", lopend, new Date())}` : ""}
${heading(2, "Genomen besluiten")}
${besluitenTable(rol === "inkoper" ? "Vastgesteld of teruggestuurd" : "Door uw rol vastgesteld of teruggestuurd", genomen)}`,
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
  ["Type", besluitType[b.type] ?? b.type],
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
