import { Router, type Request, type Response } from "express";
import type { BeeindigingsReden, Offerteversie } from "../../../domain/onderhands/traject";
import { KvkSchema } from "../../../domain/shared/kvk";
import { trajectEntity, type TrajectView } from "../../../workflows/traject/definition";
import { csrfField, errorSummary, selectField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, alert, attempt, errorsFrom, field, formId, gegevens, handle, heading, link, PageError, paragraph, redirectWith, render, status, type Engine, type Refusal } from "./common";
import { beeindigingsReden, besluitStatus, besluitType, contractNaam, logboek, trajectStatus } from "./labels";
import { alineas, ONDERHANDS, onderhandsUrl, trajectUrl, type FormState } from "./onderhands";

/*
 * One invited aanbieder's inkooptraject as the inkoper runs it:
 *
 * GET  /inkoper/onderhands/:id/trajecten/:kvk                   offers (every version), rounds, outcome, besluiten
 * POST /inkoper/onderhands/:id/trajecten/:kvk/gespreksronde     record a conversation round
 * POST /inkoper/onderhands/:id/trajecten/:kvk/overeenstemming   propose agreement (akkoord gunning, programmadirecteur)
 * POST /inkoper/onderhands/:id/trajecten/:kvk/beeindiging       propose ending the trajectory, with its reason
 */

const REDENEN = Object.keys(beeindigingsReden) as BeeindigingsReden[];
const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
export const bedrag = (n: number): string => euro.format(n);

/** One offer version: its services and tariffs, the landelijk tarief answer (JB/JR), the explanation. */
export function offerteKaart(o: Offerteversie, vraagtLandelijkTarief: boolean): SafeHtml {
  const lt = o.landelijkTarief;
  return html`<div class="inkoop-kaart">
${heading(3, `Versie ${o.versie}${o.naRonde > 0 ? `, na gespreksronde ${o.naRonde}` : ", de eerste offerte"}`)}
${gegevens([
  ["Ontvangen op", formatNl(o.ontvangenOp)],
  ["Vingerafdruk (SHA-256)", html`<code>${o.sha256}</code>`],
])}
${table(
  `Diensten en tarieven in versie ${o.versie}`,
  ["Dienst", "Tarief", "Eenheid"],
  o.diensten.map((d) => [html`${d.naam}`, html`${bedrag(d.tarief)}`, html`per ${d.eenheid}`]),
)}
${
  vraagtLandelijkTarief
    ? lt
      ? html`${paragraph(lt.geaccepteerd ? "Landelijk tarief: meteen aanvaard." : "Landelijk tarief: niet meteen aanvaard; ingroeipad hieronder.")}
${lt.ingroeipad.length > 0 ? table(`Ingroeipad naar het landelijk tarief in versie ${o.versie}`, ["Jaar", "Percentage van het landelijk tarief"], lt.ingroeipad.map((p) => [html`${String(p.jaar)}`, html`${String(p.percentage).replace(".", ",")}%`])) : ""}`
      : paragraph("Landelijk tarief: geen antwoord.")
    : ""
}
${o.toelichting.trim() ? html`<h4 class="utrecht-heading-4">Toelichting</h4>${alineas(o.toelichting)}` : ""}
</div>`;
}

/** The conversation rounds with their minutes, as both sides read them. */
export function rondesKaarten(t: TrajectView): SafeHtml {
  if (t.rondes.length === 0) return paragraph("Er is nog geen gespreksronde vastgelegd.");
  return html`${t.rondes.map(
    (r) => html`<div class="inkoop-kaart">${heading(3, `Gespreksronde ${r.nr}`)}
${gegevens([
  ["Datum", r.datum],
  ["Deelnemers", html`<ul class="utrecht-unordered-list">${r.deelnemers.map((d) => html`<li class="utrecht-unordered-list__item">${d}</li>`)}</ul>`],
  ["Vastgelegd", `${formatNl(r.at)} door ${r.vastgelegdDoor}`],
])}
<h4 class="utrecht-heading-4">Verslag</h4>${alineas(r.verslag)}</div>`,
  )}`;
}

/** The words under the rounds: the inkoopplan names none, the rounds are this system's design. */
export const RONDES_ONTWERP =
  "Het inkoopplan noemt geen onderhandelingsrondes. Offerte, gespreksrondes met na elke ronde een herziene offerte, en daarna overeenstemming of beëindiging met een reden: dat verloop is de opzet van dit systeem, geen voorschrift uit het inkoopplan.";

type BesluitSummary = { id: string; type?: string; titel?: string; status?: string; procedureId?: string; ontvangerKvk?: string };

const afgerond = ["overeenstemming", "beeindigd", "verlopen", "gegund"];
const onderhandelbaar = (t: TrajectView) => t.status === "ingediend" || t.status === "onderhandeling";

function post(req: Request, action: string, key: string, content: SafeHtml): SafeHtml {
  return html`<form method="post" action="${action}" id="${formId(key)}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}${content}</form>`;
}

function acties(req: Request, t: TrajectView, state: FormState): SafeHtml {
  const url = trajectUrl(t.procedureId, t.kvk);
  const v = (k: string) => state.values[k] ?? "";
  const parts: SafeHtml[] = [];
  if (t.lopendBesluit)
    parts.push(
      alert(
        "info",
        html`Er ligt een besluit voor (${t.lopendBesluit.soort === "overeenstemming" ? "akkoord gunning bij de programmadirecteur" : "beëindiging van het traject"}): ${link(`/besluiten/${encodeURIComponent(t.lopendBesluit.besluitId)}`, t.lopendBesluit.besluitId)}. Nieuwe voorstellen volgen pas na dat besluit.`,
      ),
    );
  const toegelaten = t.toets?.uitkomst?.soort === "toegelaten";
  if (onderhandelbaar(t)) {
    parts.push(
      post(
        req,
        `${url}/gespreksronde`,
        "gespreksronde",
        html`${heading(3, "Gespreksronde vastleggen")}
${paragraph("Na elke gespreksronde kan de aanbieder één herziene offerte doen.")}
${textField({ name: "ronde-datum", label: "Datum van het gesprek", type: "date", value: v("ronde-datum"), errors: state.errors, required: true })}
${textArea({ name: "ronde-deelnemers", label: "Deelnemers", value: v("ronde-deelnemers"), errors: state.errors, required: true, rows: 4, description: "Eén deelnemer per regel, met organisatie, bijvoorbeeld: M. de Vries (regio)." })}
${textArea({ name: "ronde-verslag", label: "Verslag", value: v("ronde-verslag"), errors: state.errors, required: true, rows: 8, description: "Minstens 20 tekens. De aanbieder leest het verslag in zijn traject." })}
${submitButton("Gespreksronde vastleggen")}`,
      ),
    );
    if (!toegelaten)
      parts.push(
        paragraph(
          t.toets?.uitkomst
            ? "Overeenstemming voorstellen kan niet: de aanbieder voldoet niet aan de toelatingscriteria. Beëindig het traject met die reden."
            : "Overeenstemming voorstellen kan zodra de toets op de toelatingscriteria (met hoor en wederhoor) de aanbieder heeft toegelaten.",
        ),
      );
    else parts.push(
      post(
        req,
        `${url}/overeenstemming`,
        "overeenstemming",
        html`${heading(3, "Overeenstemming voorstellen")}
${paragraph("Het voorstel tot gunning op de laatste offerteversie gaat als PDF naar de programmadirecteur (akkoord gunning, inkoopplan 7.2). Na akkoord volgen het gunningsbesluit en het contract.")}
${textArea({ name: "overeenstemming-motivering", label: "Motivering", value: v("overeenstemming-motivering"), errors: state.errors, required: true, rows: 5, description: "Minstens 20 tekens." })}
${submitButton("Overeenstemming voorstellen")}`,
      ),
    );
  }
  if (!afgerond.includes(t.status) && !t.lopendBesluit)
    parts.push(
      post(
        req,
        `${url}/beeindiging`,
        "beeindiging",
        html`${heading(3, "Traject beëindigen")}
${paragraph("Beëindigen zonder gunning is een besluit; de aanbieder ontvangt het met de reden en de motivering.")}
${selectField({ name: "beeindiging-reden", label: "Reden", value: v("beeindiging-reden"), errors: state.errors, required: true, options: [{ value: "", label: "Kies een reden" }, ...REDENEN.map((r) => ({ value: r, label: beeindigingsReden[r]! }))] })}
${textArea({ name: "beeindiging-motivering", label: "Motivering", value: v("beeindiging-motivering"), errors: state.errors, required: true, rows: 5, description: "Minstens 20 tekens." })}
${submitButton("Beëindiging voorstellen", { secondary: true })}`,
      ),
    );
  return parts.length > 0 ? html`${heading(2, "Handelingen", "handelingen")}${parts}` : html``;
}

function uitkomst(t: TrajectView): SafeHtml {
  const u = t.uitkomst;
  if (!u) return html``;
  const soort = { overeenstemming: "Overeenstemming", beeindigd: "Beëindigd zonder gunning", verlopen: "Verlopen" }[u.soort];
  return html`${heading(2, "Uitkomst", "uitkomst")}
${gegevens([
  ["Uitkomst", t.status === "gegund" ? "Gegund" : soort],
  ["Op", formatNl(u.at)],
  ["Reden", u.reden ? (beeindigingsReden[u.reden] ?? u.reden) : undefined],
  ["Motivering", u.motivering],
  ["Besluit", u.besluitId ? link(`/besluiten/${encodeURIComponent(u.besluitId)}`, u.besluitId) : undefined],
])}`;
}

const uitkomstWoord: Record<string, string> = { toegelaten: "Toegelaten", afgewezen: "Afgewezen", uitgesloten: "Uitgesloten" };

/** The knock-outs with the first offer, judged by the beoordelaar as in the Open House. */
export function toetsTekst(t: TrajectView): string {
  if (!t.toets) return "Volgt op de eerste offerte.";
  if (!t.toets.uitkomst) return "Loopt: de beoordelaar toetst de antwoorden bij de eerste offerte (met herstel en hoor en wederhoor waar nodig).";
  const u = t.toets.uitkomst;
  return `${uitkomstWoord[u.soort] ?? u.soort}${u.naHoorEnWederhoor ? " (na hoor en wederhoor)" : ""}${u.toelichting ? `: ${u.toelichting}` : ""}`;
}

export function trajectKey(req: Request): { id: string; kvk: string; key: string } {
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new PageError(400, "Dit is geen geldig KvK-nummer (8 cijfers).");
  const id = String(req.params.id);
  return { id, kvk: kvk.data, key: `${id}/${kvk.data}` };
}

async function trajectPage(engine: Engine, req: Request, res: Response, state: FormState = { errors: {}, values: {} }, httpStatus = 200): Promise<void> {
  const actor = actorOf(req);
  const { key, id, kvk } = trajectKey(req);
  const traject = engine.engine.entity(trajectEntity, key);
  const [t, log, besluiten] = await Promise.all([traject.get({ actor }), traject.events({ actor }), engine.register("besluiten").list() as Promise<BesluitSummary[]>]);
  const eigen = besluiten.filter((b) => b.procedureId === id && b.ontvangerKvk === kvk);
  render(req, res, {
    title: `${Object.keys(state.errors).length > 0 ? "Fout: " : ""}Traject ${t.naam}: ${t.procedureTitel}`,
    current: ONDERHANDS,
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Inkooptraject ${t.naam}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(trajectStatus[t.status] ?? t.status)} ${link(onderhandsUrl(t.procedureId), `Terug naar ${t.procedureTitel}`)}`)}
${gegevens([
  ["Procedure", link(onderhandsUrl(t.procedureId), t.procedureTitel)],
  ["Contract", contractNaam(t.contractId)],
  ["Aanbieder", `${t.naam}, KvK ${t.kvk}, ${t.email}`],
  ["Uitgenodigd op", formatNl(t.uitgenodigdOp)],
  ["Termijn voor de offerte", formatNl(t.deadline)],
  ["Landelijk tarief", t.vraagtLandelijkTarief ? "Gevraagd: aanvaarden of een ingroeipad (inkoopplan 6.1.3)" : undefined],
  ["Toets op de toelatingscriteria", toetsTekst(t)],
])}
${uitkomst(t)}
${acties(req, t, state)}
${heading(2, "Offertes", "offertes")}
${t.offertes.length === 0 ? paragraph("Er is nog geen offerte ontvangen.") : html`${t.offertes.slice().reverse().map((o) => offerteKaart(o, t.vraagtLandelijkTarief))}`}
${heading(2, "Gespreksrondes", "rondes")}
${alert("info", RONDES_ONTWERP)}
${rondesKaarten(t)}
${heading(2, "Besluiten in dit traject", "besluiten")}
${table(
  "Besluiten over dit traject",
  ["Besluit", "Type", "Status"],
  eigen.map((b) => [link(`/besluiten/${encodeURIComponent(b.id)}`, `${b.id}: ${b.titel ?? ""}`), html`${besluitType[b.type ?? ""] ?? b.type ?? ""}`, status(besluitStatus[b.status ?? ""] ?? b.status ?? "")]),
)}
${heading(2, "Logboek", "logboek")}
${logboek("Logboek van het traject: wie deed wat, wanneer en waarom", log)}`,
  });
}

export function onderhandsTrajectRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("inkoper");
  const base = `${ONDERHANDS}/:id/trajecten/:kvk`;
  const traject = (req: Request) => engine.engine.entity(trajectEntity, trajectKey(req).key);
  const terug = (req: Request, anker: string) => `${trajectUrl(trajectKey(req).id, trajectKey(req).kvk)}#${anker}`;
  const refused = (req: Request, res: Response, values: FormState["values"], errors: FieldErrors, httpStatus: number) => trajectPage(engine, req, res, { errors, values }, httpStatus);
  const refusedBy = (req: Request, res: Response, values: FormState["values"], r: Refusal, fieldMap: Record<string, string>, form: string) => refused(req, res, values, errorsFrom(r, fieldMap, form), r.status);

  router.get(base, guard, handle((req, res) => trajectPage(engine, req, res)));

  router.post(
    `${base}/gespreksronde`,
    guard,
    handle(async (req, res) => {
      const values = { "ronde-datum": field(req.body, "ronde-datum"), "ronde-deelnemers": field(req.body, "ronde-deelnemers"), "ronde-verslag": field(req.body, "ronde-verslag") };
      const errors: FieldErrors = {};
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values["ronde-datum"].trim())) errors["ronde-datum"] = "Vul de datum van het gesprek in.";
      const deelnemers = values["ronde-deelnemers"].split(/\r?\n/).map((d) => d.trim()).filter(Boolean);
      if (deelnemers.length === 0) errors["ronde-deelnemers"] = "Noem de deelnemers aan het gesprek, één per regel.";
      if (!values["ronde-verslag"].trim()) errors["ronde-verslag"] = "Vul het verslag van het gesprek in.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() => traject(req).legGespreksrondeVast({ actor: actorOf(req), datum: values["ronde-datum"].trim(), deelnemers, verslag: values["ronde-verslag"] }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { datum: "ronde-datum", deelnemers: "ronde-deelnemers", verslag: "ronde-verslag" }, "gespreksronde");
      redirectWith(res, terug(req, "rondes"), `Gespreksronde ${result.value.rondes.length} is vastgelegd. De aanbieder kan nu een herziene offerte doen.`);
    }),
  );

  router.post(
    `${base}/overeenstemming`,
    guard,
    handle(async (req, res) => {
      const values = { "overeenstemming-motivering": field(req.body, "overeenstemming-motivering") };
      if (!values["overeenstemming-motivering"].trim()) return refused(req, res, values, { "overeenstemming-motivering": "Motiveer de overeenstemming." }, 400);
      const result = await attempt(() => traject(req).stelOvereenstemmingVoor({ actor: actorOf(req), motivering: values["overeenstemming-motivering"] }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { motivering: "overeenstemming-motivering" }, "overeenstemming");
      redirectWith(res, terug(req, "handelingen"), `De overeenstemming is voorgelegd aan de programmadirecteur (besluit ${result.value.besluitId}, akkoord gunning).`);
    }),
  );

  router.post(
    `${base}/beeindiging`,
    guard,
    handle(async (req, res) => {
      const values = { "beeindiging-reden": field(req.body, "beeindiging-reden"), "beeindiging-motivering": field(req.body, "beeindiging-motivering") };
      const errors: FieldErrors = {};
      const reden = REDENEN.find((r) => r === values["beeindiging-reden"]);
      if (!reden) errors["beeindiging-reden"] = "Kies de reden van de beëindiging.";
      if (!values["beeindiging-motivering"].trim()) errors["beeindiging-motivering"] = "Motiveer de beëindiging.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() => traject(req).stelBeeindigingVoor({ actor: actorOf(req), reden: reden!, motivering: values["beeindiging-motivering"] }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { reden: "beeindiging-reden", motivering: "beeindiging-motivering" }, "beeindiging");
      redirectWith(res, terug(req, "handelingen"), `De beëindiging van het traject is voorgelegd (besluit ${result.value.besluitId}).`);
    }),
  );

  return router;
}
