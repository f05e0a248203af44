import { Router, type Request, type Response } from "express";
import { randomBytes } from "node:crypto";
import { contracts, findContract, type Contract } from "../../../domain/catalogue";
import { ONDERHANDSE_TYPES } from "../../../domain/onderhands/procedure";
import { nodigUitOnderhands } from "../../../engine/commands";
import { onderhandsEntity, type OnderhandsView } from "../../../workflows/onderhands/definition";
import { csrfField, errorSummary, selectField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, alert, amsterdamInstant, attempt, errorsFrom, field, formId, gegevens, handle, heading, link, paragraph, redirectWith, render, status, type Engine, type Refusal } from "./common";
import { contractNaam, logboek, motiveringBesluitStatus, onderhandsStatus, trajectStatus } from "./labels";

/*
 * The inkoper's onderhandse procedures (JB/JR 6.1 enkelvoudig onderhands; JeugdzorgPlus 6.2 and
 * Forensische GGZ 6.3 onderhandelingsprocedure zonder voorafgaande bekendmaking):
 *
 * GET  /inkoper/onderhands                       the list, with a link per contract to start one
 * GET  /inkoper/onderhands/nieuw[?contract=]     the form to start one
 * POST /inkoper/onderhands/nieuw
 * GET  /inkoper/onderhands/:id                   status, motivation and its BOSD besluit, invitations
 * POST /inkoper/onderhands/:id/motivering        lay the motivation before the BOSD
 * POST /inkoper/onderhands/:id/uitnodigingen     invite an aanbieder by KvK with a deadline
 *
 * The trajectory of one invited aanbieder is onderhands-traject.ts.
 */

export const ONDERHANDS = "/inkoper/onderhands";
const NIEUW = `${ONDERHANDS}/nieuw`;
export const onderhandsUrl = (id: string) => `${ONDERHANDS}/${encodeURIComponent(id)}`;
export const trajectUrl = (id: string, kvk: string) => `${onderhandsUrl(id)}/trajecten/${encodeURIComponent(kvk)}`;

/** The contracts the inkoopplan buys onderhands: JB/JR, JeugdzorgPlus, Forensische GGZ. */
export const onderhandseContracts = (): Contract[] => contracts.filter((c) => (ONDERHANDSE_TYPES as readonly string[]).includes(c.procedureType));
/** JeugdzorgPlus and Forensische GGZ: the choice of the procedure needs a motivation, a besluit of the BOSD. */
const motiveringVereist = (c: Contract | undefined) => c?.procedureType === "onderhandelingsprocedure-zonder-bekendmaking";

const procedureSoort: Record<string, string> = {
  "enkelvoudig-onderhands": "Enkelvoudig onderhands",
  "onderhandelingsprocedure-zonder-bekendmaking": "Onderhandelingsprocedure zonder voorafgaande bekendmaking",
};

const MOTIVERING_UITLEG =
  "Verplicht voor JeugdzorgPlus (inkoopplan 6.2) en Forensische GGZ (6.3), minstens 50 tekens: de keuze voor de onderhandelingsprocedure zonder voorafgaande bekendmaking moet gedegen worden gemotiveerd (6.2.1; Aanbestedingswet art. 2.32). Het BOSD stelt de motivering vast voordat u aanbieders uitnodigt. Voor Jeugdbescherming en Jeugdreclassering (6.1, enkelvoudig onderhands) is geen motivering nodig.";

/** A text as typed, its lines as paragraphs (the pages carry no inline styles, see api/security-headers.ts). */
export const alineas = (tekst: string): SafeHtml => html`${tekst.split(/\r?\n/).filter((r) => r.trim()).map((r) => paragraph(r))}`;

type Summary = { id: string; titel?: string; contractId?: string; status?: string; aantalUitnodigingen?: number };
type Values = Record<string, string>;

const onderhands = (engine: Engine, id: string) => engine.engine.entity(onderhandsEntity, id);

function post(req: Request, action: string, key: string, content: SafeHtml): SafeHtml {
  return html`<form method="post" action="${action}" id="${formId(key)}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}${content}</form>`;
}

async function lijst(engine: Engine, req: Request, res: Response) {
  const list = ((await engine.engine.list(onderhandsEntity)) as Summary[]).slice().reverse();
  render(req, res, {
    title: "Onderhandse procedures",
    current: ONDERHANDS,
    body: html`<h1 class="utrecht-heading-1">Onderhandse procedures</h1>
${paragraph("Contracten die het inkoopplan onderhands inkoopt: de aanbieders worden rechtstreeks uitgenodigd, zonder concurrentiestelling, en elke uitgenodigde aanbieder heeft een eigen inkooptraject.")}
${heading(2, "Nieuwe onderhandse procedure")}
<ul class="utrecht-unordered-list">${onderhandseContracts().map(
      (c) => html`<li class="utrecht-unordered-list__item">${link(`${NIEUW}?contract=${encodeURIComponent(c.id)}`, `Start een procedure voor ${c.naam}`)} (inkoopplan ${c.sectie}, ${procedureSoort[c.procedureType] ?? c.procedureType}${motiveringVereist(c) ? "; met motivering voor het BOSD" : ""})</li>`,
    )}</ul>
${heading(2, "Procedures")}
${table(
  "Onderhandse procedures, de nieuwste bovenaan",
  ["Titel", "Contract", "Status", "Uitgenodigd"],
  list.map((p) => [link(onderhandsUrl(p.id), p.titel ?? p.id), html`${p.contractId ? contractNaam(p.contractId) : ""}`, status(onderhandsStatus[p.status ?? ""] ?? p.status ?? ""), html`${String(p.aantalUitnodigingen ?? 0)}`]),
)}`,
  });
}

function nieuwForm(req: Request, res: Response, values: Values, errors: FieldErrors, httpStatus = 200) {
  const gekozen = findContract(values.contractId ?? "");
  const options = [{ value: "", label: "Kies een contract" }, ...onderhandseContracts().map((c) => ({ value: c.id, label: `${c.sectie} ${c.naam} (${procedureSoort[c.procedureType] ?? c.procedureType})` }))];
  render(req, res, {
    title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}Nieuwe onderhandse procedure`,
    current: ONDERHANDS,
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Nieuwe onderhandse procedure</h1>
${errorSummary(errors)}
${paragraph(html`${link(ONDERHANDS, "Terug naar de onderhandse procedures")}`)}
<form method="post" action="${NIEUW}" id="${formId("onderhands")}" novalidate>
${csrfField(req.csrf!)}
${selectField({ name: "contractId", label: "Contract", value: values.contractId ?? "", options, errors, required: true, description: "Alleen de contracten die het inkoopplan onderhands inkoopt." })}
${textField({ name: "titel", label: "Titel", value: values.titel ?? "", errors, required: true, description: "Zoals de uitgenodigde aanbieders de procedure zien, bijvoorbeeld: JB/JR 2027." })}
${textArea({ name: "motivering", label: "Motivering van de procedurekeuze", value: values.motivering ?? "", errors, required: motiveringVereist(gekozen), rows: 6, description: MOTIVERING_UITLEG })}
${textField({ name: "contractIngangsdatum", label: "Ingangsdatum contracten", type: "date", value: values.contractIngangsdatum ?? "", errors, description: "Leeg laten: de eerste dag van de maand na de gunning in elk traject." })}
${submitButton("Procedure starten")}
</form>`,
  });
}

async function start(engine: Engine, req: Request, res: Response) {
  const values: Values = {};
  for (const k of ["contractId", "titel", "motivering", "contractIngangsdatum"]) values[k] = field(req.body, k);
  const errors: FieldErrors = {};
  const contract = onderhandseContracts().find((c) => c.id === values.contractId);
  if (!contract) errors.contractId = findContract(values.contractId!) ? "Dit contract wordt niet onderhands ingekocht; kies JB/JR, JeugdzorgPlus of Forensische GGZ." : "Kies een contract.";
  if ((values.titel ?? "").trim().length < 3) errors.titel = "Vul een titel in van minstens 3 tekens.";
  const ingang = (values.contractIngangsdatum ?? "").trim();
  if (ingang && !/^\d{4}-\d{2}-\d{2}$/.test(ingang)) errors.contractIngangsdatum = "Vul de ingangsdatum in als datum, of laat het veld leeg.";
  if (Object.keys(errors).length > 0) return nieuwForm(req, res, values, errors, 400);
  const id = `${contract!.id}-${randomBytes(4).toString("hex")}`;
  const motivering = (values.motivering ?? "").trim();
  const result = await attempt(() =>
    onderhands(engine, id).start({
      actor: actorOf(req),
      procedure: { contractId: contract!.id, titel: values.titel!.trim(), ...(motivering ? { motivering } : {}), ...(ingang ? { contractIngangsdatum: ingang } : {}) },
    }),
  );
  if (!result.ok) return nieuwForm(req, res, values, errorsFrom(result.refusal, { contractId: "contractId", titel: "titel", motivering: "motivering", contractIngangsdatum: "contractIngangsdatum", id: "titel" }, "onderhands"), result.refusal.status);
  redirectWith(
    res,
    onderhandsUrl(id),
    result.value.motiveringVereist
      ? "De procedure is gestart. Leg nu de motivering van de procedurekeuze voor aan het BOSD; na het besluit nodigt u de aanbieders uit."
      : "De procedure is gestart. Nodig nu de aanbieders uit, elk met een termijn voor de offerte.",
  );
}

export interface FormState {
  errors: FieldErrors;
  values: Values;
}

function motiveringSection(req: Request, view: OnderhandsView, state: FormState): SafeHtml {
  if (!view.motiveringVereist)
    return html`${heading(2, "Procedurekeuze", "motivering")}${paragraph("Voor dit contract kiest het inkoopplan zelf de enkelvoudig onderhandse procedure (6.1.1, een kleine markt van gecertificeerde instellingen): er is geen besluit over de procedurekeuze nodig.")}`;
  const b = view.motiveringBesluit;
  const url = onderhandsUrl(view.procedureId);
  return html`${heading(2, "Motivering van de procedurekeuze", "motivering")}
${paragraph("De keuze voor de onderhandelingsprocedure zonder voorafgaande bekendmaking moet gedegen worden gemotiveerd (inkoopplan 6.2.1; Aanbestedingswet art. 2.32). Het BOSD stelt de motivering vast; pas daarna kunt u aanbieders uitnodigen.")}
<div class="inkoop-kaart">${alineas(view.motivering ?? "")}</div>
${gegevens([
  ["Besluit", b ? html`${link(`/besluiten/${encodeURIComponent(b.besluitId)}`, b.besluitId)} ${status(motiveringBesluitStatus[b.status] ?? b.status)}` : "Nog niet voorgelegd"],
  ["Motivering van het BOSD", b?.motivering],
])}
${b?.status === "teruggestuurd" ? alert("warning", "Het BOSD stuurde de motivering terug. Pas de tekst aan en leg haar opnieuw voor.") : ""}
${
  view.status === "concept"
    ? post(
        req,
        `${url}/motivering-tekst`,
        "motivering-tekst",
        html`${textArea({ name: "motivering", label: "Motivering van de procedurekeuze", value: state.values.motivering ?? view.motivering ?? "", errors: state.errors, required: true, rows: 6, description: MOTIVERING_UITLEG })}${submitButton("Motivering opslaan")}`,
      )
    : ""
}
${view.status === "concept" ? post(req, `${url}/motivering`, "motivering-voorleggen", html`${paragraph("Het besluit gaat als PDF naar het BOSD, dat akkoord geeft of terugstuurt.")}${submitButton("Motivering voorleggen aan het BOSD")}`) : ""}`;
}

function uitnodigingenSection(req: Request, view: OnderhandsView, state: FormState): SafeHtml {
  const url = onderhandsUrl(view.procedureId);
  const kan = view.status === "lopend" || (view.status === "concept" && !view.motiveringVereist);
  const rows = view.uitnodigingen.map((u) => [
    link(trajectUrl(view.procedureId, u.kvk), `${u.naam} (KvK ${u.kvk})`),
    html`${formatNl(u.uitgenodigdOp)}`,
    html`${formatNl(u.deadline)}`,
    status(trajectStatus[u.status] ?? u.status),
  ]);
  const form = kan
    ? post(
        req,
        `${url}/uitnodigingen`,
        "uitnodiging",
        html`${heading(3, "Aanbieder uitnodigen")}
${paragraph("De aanbieder moet geregistreerd zijn; hij ontvangt de uitnodiging per e-mail en heeft daarna een eigen inkooptraject. Zonder offerte binnen de termijn verloopt het traject.")}
${textField({ name: "kvk", label: "KvK-nummer", value: state.values.kvk ?? "", errors: state.errors, required: true, description: "8 cijfers." })}
${textField({ name: "deadline", label: "Termijn voor de offerte", type: "datetime-local", value: state.values.deadline ?? "", errors: state.errors, required: true, description: "Datum en tijd in Nederlandse tijd (Europe/Amsterdam)." })}
${submitButton("Uitnodigen")}`,
      )
    : paragraph(view.motiveringVereist && view.status !== "gestopt" ? "Uitnodigen kan zodra het BOSD de motivering van de procedurekeuze heeft vastgesteld." : "Deze procedure nodigt niet meer uit.");
  return html`${heading(2, "Uitnodigingen en trajecten", "uitnodigingen")}
${table("Uitgenodigde aanbieders, elk met een eigen inkooptraject", ["Aanbieder", "Uitgenodigd op", "Termijn offerte", "Status traject"], rows)}
${form}`;
}

/** The procedure as the inkoper manages it; a refused form comes back here with its errors and values. */
export async function onderhandsPage(engine: Engine, req: Request, res: Response, id: string, state: FormState = { errors: {}, values: {} }, httpStatus = 200): Promise<void> {
  const actor = actorOf(req);
  const [view, log] = await Promise.all([onderhands(engine, id).get({ actor }), onderhands(engine, id).events({ actor })]);
  const contract = findContract(view.contractId);
  render(req, res, {
    title: `${Object.keys(state.errors).length > 0 ? "Fout: " : ""}${view.titel}`,
    current: ONDERHANDS,
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">${view.titel}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(onderhandsStatus[view.status] ?? view.status)} ${link(ONDERHANDS, "Terug naar de onderhandse procedures")}`)}
${gegevens([
  ["Contract", contractNaam(view.contractId)],
  ["Soort procedure", contract ? (procedureSoort[contract.procedureType] ?? contract.procedureType) : undefined],
  ["Ingangsdatum contracten", view.contractIngangsdatum ?? "De eerste dag van de maand na de gunning in elk traject"],
])}
${motiveringSection(req, view, state)}
${uitnodigingenSection(req, view, state)}
${heading(2, "Logboek", "logboek")}
${logboek("Logboek van de procedure: wie deed wat, wanneer en waarom", log)}`,
  });
}

/** The inkoper's list, start form and procedure page of onderhandse procedures, with their actions. */
export function onderhandsRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("inkoper");
  const id = (req: Request) => String(req.params.id);
  const refused = (req: Request, res: Response, values: Values, errors: FieldErrors, httpStatus: number) => onderhandsPage(engine, req, res, id(req), { errors, values }, httpStatus);
  const refusedBy = (req: Request, res: Response, values: Values, r: Refusal, fieldMap: Record<string, string>, form: string) => refused(req, res, values, errorsFrom(r, fieldMap, form), r.status);

  router.get(ONDERHANDS, guard, handle((req, res) => lijst(engine, req, res)));
  router.get(
    NIEUW,
    guard,
    handle(async (req, res) => {
      const gevraagd = typeof req.query.contract === "string" ? req.query.contract : "";
      const contract = onderhandseContracts().find((c) => c.id === gevraagd);
      nieuwForm(req, res, { contractId: contract?.id ?? "" }, {});
    }),
  );
  router.post(NIEUW, guard, handle((req, res) => start(engine, req, res)));
  router.get(`${ONDERHANDS}/:id`, guard, handle((req, res) => onderhandsPage(engine, req, res, id(req))));

  router.post(
    `${ONDERHANDS}/:id/motivering`,
    guard,
    handle(async (req, res) => {
      const result = await attempt(() => onderhands(engine, id(req)).legMotiveringVoor({ actor: actorOf(req) }));
      if (!result.ok) return refusedBy(req, res, {}, result.refusal, {}, "motivering-voorleggen");
      redirectWith(res, onderhandsUrl(id(req)), `De motivering is voorgelegd aan het BOSD (besluit ${result.value.besluitId}). Na het besluit kunt u de aanbieders uitnodigen.`);
    }),
  );

  router.post(
    `${ONDERHANDS}/:id/motivering-tekst`,
    guard,
    handle(async (req, res) => {
      const values = { motivering: field(req.body, "motivering") };
      const result = await attempt(() => onderhands(engine, id(req)).wijzigMotivering({ actor: actorOf(req), motivering: values.motivering }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { motivering: "motivering" }, "motivering-tekst");
      redirectWith(res, onderhandsUrl(id(req)), "De motivering is opgeslagen. Leg haar voor aan het BOSD wanneer zij af is.");
    }),
  );

  router.post(
    `${ONDERHANDS}/:id/uitnodigingen`,
    guard,
    handle(async (req, res) => {
      const values = { kvk: field(req.body, "kvk").trim(), deadline: field(req.body, "deadline") };
      const errors: FieldErrors = {};
      if (!/^\d{8}$/.test(values.kvk)) errors.kvk = "Vul een KvK-nummer van 8 cijfers in.";
      const deadline = amsterdamInstant(values.deadline);
      if (!deadline) errors.deadline = "Vul de termijn voor de offerte in als datum en tijd.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      const result = await attempt(() => nodigUitOnderhands(engine.engine, id(req), { actor: actorOf(req), kvk: values.kvk, deadline: deadline! }));
      if (!result.ok) return refusedBy(req, res, values, result.refusal, { kvk: "kvk", deadline: "deadline" }, "uitnodiging");
      const u = result.value.uitnodigingen.find((x) => x.kvk === values.kvk);
      redirectWith(res, `${onderhandsUrl(id(req))}#uitnodigingen`, `${u?.naam ?? `KvK ${values.kvk}`} is uitgenodigd; de termijn voor de offerte loopt tot ${formatNl(deadline!)}.`);
    }),
  );

  return router;
}
