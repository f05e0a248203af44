import { Router, type Request, type Response } from "express";
import { toelatingscriteria } from "../../../domain/catalogue";
import { answerFor } from "../../../domain/inschrijving/items";
import { choiceGroup, csrfField, errorSummary, selectField, submitButton, textArea, type FieldErrors } from "../forms";
import { HOOR_TERMIJN_TOELICHTING } from "../../../domain/besluit/teksten";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, alert, amsterdamInstant, anchored, attempt, errorsFrom, field, filterFormulier, filterOpties, filterUit, formId, gefilterd, handle, heading, inschrijvingRef, link, PageError, pagineer, paginering, paragraph, PER_PAGINA, redirectWith, render, sealedUntilClosing, status, type Engine } from "./common";
import { hoorStartForm } from "./inkoper-inschrijving";
import { openingSection, type FormState } from "./inkoper-procedure";
import { antwoordBlock, bijlageUrl, faseOf, hoorBlock, hoorKanStarten, openItemsFor, serveBijlage, uitkomstBlock, type Inschrijving } from "./inschrijving-weergave";
import { inschrijvingStatus, itemNaam, oordeelWoord } from "./labels";
import { beoordelaarSasUrl } from "./sas-beoordelaar";

const QUEUE = "/beoordelaar";
const QUEUE_FILTERS = ["procedure", "status"] as const;
const pathOf = (procedureId: string, kvk: string) => `${QUEUE}/procedures/${encodeURIComponent(procedureId)}/inschrijvingen/${kvk}`;
const pageUrl = (procedureId: string, kvk: string, ronde: number) => `${pathOf(procedureId, kvk)}${ronde > 1 ? `?ronde=${ronde}` : ""}`;

async function queue(engine: Engine, req: Request, res: Response) {
  const actor = actorOf(req);
  const alle = (await engine.register("procedures").list()) as { id: string; status?: string; titel?: string; procedureType?: string }[];
  const procedures = alle.filter((p) => p.status === "gesloten");
  // A SAS is scored on its own page (selectie and gunning), linked from here.
  const sasRows = alle.filter((p) => p.procedureType === "sas" && p.status !== "concept").map((p) => [html`${p.titel ?? p.id}`, link(beoordelaarSasUrl(p.id), "SAS-scores")]);
  const perProcedure = await Promise.all(
    procedures.map(async (p) => {
      const view = await attempt(() => engine.procedure(p.id).get({ actor }));
      if (!view.ok) return [];
      const read = await Promise.all(view.value.inschrijvingen.map((a) => attempt(() => engine.inschrijving(a.inschrijvingId).read({ actor }))));
      return read.flatMap((r) => (r.ok && faseOf(r.value) !== null ? [{ titel: view.value.titel, s: r.value as Inschrijving }] : []));
    }),
  );
  // Onderhandse trajectories: their toets is judged here too, as soon as the first offer is in.
  const onderhands = new Map(((await engine.register("onderhands").list()) as { id: string; titel?: string }[]).map((o) => [o.id, o.titel ?? o.id]));
  const trajecten = (await engine.register("trajecten").list()) as { id: string; procedureId?: string }[];
  const perTraject = await Promise.all(
    trajecten.map(async (t) => {
      // A trajectory without an offer has no toets yet; one the engine cannot answer for is left out, not a 500.
      const read = await attempt(() => engine.inschrijving(t.id).read({ actor })).catch(() => ({ ok: false as const }));
      return read.ok && faseOf(read.value) !== null ? [{ titel: `${onderhands.get(t.procedureId ?? "") ?? t.procedureId ?? ""} (onderhands)`, s: read.value as Inschrijving }] : [];
    }),
  );
  perProcedure.push(...perTraject);
  const rij = perProcedure.flat();
  // Filtered by procedure and status (a GET form, bookmarkable), 20 a page; the counts above stay those of the whole queue.
  const f = filterUit(req.query, QUEUE_FILTERS);
  const gekozen = rij.filter(({ s }) => (!f.procedure || s.procedureId === f.procedure) && (!f.status || s.status === f.status));
  const { pagina, paginas, zichtbaar } = pagineer(gekozen, req.query);
  const titels = new Map(rij.map(({ titel, s }) => [s.procedureId, titel]));
  const filter = filterFormulier({
    action: QUEUE,
    label: "Inschrijvingen filteren",
    f,
    velden: [
      selectField({ name: "procedure", label: "Procedure", value: f.procedure, options: filterOpties(rij.map(({ s }) => s.procedureId), (id) => titels.get(id) ?? id) }),
      selectField({ name: "status", label: "Status", value: f.status, options: filterOpties(rij.map(({ s }) => s.status), (x) => inschrijvingStatus[x] ?? x) }),
    ],
  });
  const rows = zichtbaar.map(({ titel, s }) => {
    const open = openItemsFor(s, actor.id).length;
    // A hearing with a reply is judged again now; its term only bounds a reply that did not come.
    const termijn = s.status === "hoor-en-wederhoor" && s.hoorEnWederhoor ? `hoor en wederhoor tot ${formatNl(s.hoorEnWederhoor.termijnEinde)}` : "";
    return [
      // An Open House or SAS has a procedure page to read; an onderhands trajectory's toets does not.
      onderhands.has(s.procedureId) ? html`${titel}` : link(`/procedures/${encodeURIComponent(s.procedureId)}`, titel),
      html`${s.naam} (KvK ${s.kvk})`,
      html`${String(s.ronde)}`,
      status(inschrijvingStatus[s.status] ?? s.status),
      html`${open === 0 ? (hoorKanStarten(s) ? "0 — hoor en wederhoor kan starten" : "0") : String(open)}`,
      html`${termijn}`,
      link(pageUrl(s.procedureId, s.kvk, s.ronde), open > 0 ? "Beoordelen" : "Bekijken"),
    ];
  });
  // Where the procedure asks an inkoper and a beoordelaar to open, the beoordelaar confirms here.
  const openingen = (
    await Promise.all(
      procedures.map(async (p) => {
        const view = await attempt(() => engine.procedure(p.id).get({ actor }));
        return view.ok && view.value.opening?.openingDoor === "inkoper+beoordelaar" ? [view.value] : [];
      }),
    )
  ).flat();
  render(req, res, {
    title: "Te beoordelen",
    current: QUEUE,
    body: html`<h1 class="utrecht-heading-1">Te beoordelen</h1>
${openingen.map((v) => html`<section class="inkoop-kaart" aria-labelledby="opening-${v.procedureId}"><h2 class="utrecht-heading-2" id="opening-${v.procedureId}">${v.titel}</h2>${openingSection(req, v, `${QUEUE}/procedures/${encodeURIComponent(v.procedureId)}/opening`)}</section>`)}
${paragraph("Inschrijvingen van gesloten procedures die in beoordeling of herbeoordeling zijn, met het aantal onderdelen dat u nog moet beoordelen.")}
${rij.length > 0 ? paragraph(html`<strong>${String(rij.length)} inschrijving(en), waarvan ${String(rij.filter(({ s }) => openItemsFor(s, actor.id).length > 0).length)} met onderdelen voor u; samen ${String(rij.reduce((n, { s }) => n + openItemsFor(s, actor.id).length, 0))} onderdelen.</strong>`) : ""}
${rij.length > PER_PAGINA || gefilterd(f) ? filter : ""}
${table("Inschrijvingen in beoordeling", ["Procedure", "Aanbieder", "Ronde", "Status", "Nog te beoordelen door u", "Termijn", ""], rows, rij.length === 0 ? "Er is nu niets te beoordelen." : "Geen inschrijving voldoet aan dit filter.")}
${paginering({ action: QUEUE, f, pagina, paginas, totaal: gekozen.length, wat: "inschrijvingen" })}
${sasRows.length > 0 ? html`<h2 class="utrecht-heading-2">SAS-aanbestedingen</h2>${paragraph("Selectie en gunning scoort u per kandidaat en criterium op de SAS-pagina van de procedure.")}${table("SAS-aanbestedingen", ["Procedure", ""], sasRows)}` : ""}`,
  });
}

function itemForm(s: Inschrijving, key: string, state: FormState, bijlage: (id: string) => string): SafeHtml {
  const item = { key, criterium: key.split(":")[0]!, ...(key.includes(":") ? { productId: key.slice(key.indexOf(":") + 1) } : {}) };
  const criterium = toelatingscriteria.find((c) => c.code === item.criterium);
  const oordeel = typeof state.values[`oordeel-${key}`] === "string" ? (state.values[`oordeel-${key}`] as string) : "";
  const motivering = typeof state.values[`motivering-${key}`] === "string" ? (state.values[`motivering-${key}`] as string) : "";
  const heard = s.hoorEnWederhoor?.tekortkomingen.find((t) => t.item === key);
  return html`<div class="inkoop-kaart">${heading(3, itemNaam(key))}
${criterium ? html`<details><summary>Tekst van het criterium (inkoopplan 4.4.1)</summary>${paragraph(criterium.tekst)}${criterium.bewijs.length > 0 ? paragraph(`Bewijs: ${criterium.bewijs.map((b) => b.omschrijving).join("; ")}`) : ""}</details>` : ""}
${heading(3, "Antwoord van de aanbieder")}${antwoordBlock(answerFor(s.inhoud, item), bijlage)}
${heard ? paragraph(`Tekortkoming in de hoorbrief: ${heard.motivering}`) : ""}
${anchored(`oordeel-${key}`, choiceGroup({ name: `oordeel-${key}`, legend: "Uw oordeel", type: "radio", options: [{ value: "voldoet", label: "Voldoet" }, { value: "voldoet-niet", label: "Voldoet niet" }], checked: oordeel ? [oordeel] : [], errors: state.errors }))}
${textArea({ name: `motivering-${key}`, label: "Motivering", value: motivering, errors: state.errors, required: true, description: "Elk oordeel heeft een motivering; bij voldoet niet komt die in de hoorbrief of het besluit." })}
</div>`;
}

/** The procedure an inschrijving belongs to: an Open House or SAS, or an onderhandse procedure (a trajectory's toets). */
type ProcedureKop = { titel: string; sas?: unknown; instellingen: { hoorEnWederhoorTermijnWerkdagen: number }; toelichtingen: { hoorEnWederhoorTermijn: string } };
async function procedureOrTraject(engine: Engine, id: string, actor: ReturnType<typeof actorOf>): Promise<ProcedureKop> {
  const found = await attempt(() => engine.procedure(id).get({ actor }));
  if (found.ok) return found.value;
  const onderhands = await attempt(() => engine.onderhands(id).get({ actor }));
  // A trajectory's hoor en wederhoor has the region's default term (10 werkdagen), the setting the Open House starts from.
  if (onderhands.ok) return { titel: `${onderhands.value.titel} (onderhands traject)`, instellingen: { hoorEnWederhoorTermijnWerkdagen: 10 }, toelichtingen: { hoorEnWederhoorTermijn: HOOR_TERMIJN_TOELICHTING } };
  throw new PageError(found.refusal.status, found.refusal.message);
}

async function criteriumPage(engine: Engine, req: Request, res: Response, state: FormState = { errors: {}, values: {} }, httpStatus = 200, notice?: string) {
  const ref = inschrijvingRef(req);
  const actor = actorOf(req);
  const read = await attempt(() => engine.inschrijving(ref.key).read({ actor }));
  if (!read.ok) throw new PageError(read.refusal.status, read.refusal.message);
  const s = read.value;
  const procedure = await procedureOrTraject(engine, ref.procedureId, actor);
  const open = openItemsFor(s, actor.id);
  const mine = s.beoordelingen.filter((b) => b.beoordelaar === actor.id);
  const path = pathOf(ref.procedureId, ref.kvk);
  const action = `${path}${ref.query}`;
  const bijlage = (id: string) => bijlageUrl(QUEUE, ref, id);
  const form =
    open.length > 0
      ? html`<form method="post" action="${action}" id="${formId("oordelen")}" novalidate>${csrfField(req.csrf!)}
${paragraph(`Nog ${open.length} onderdeel/onderdelen te beoordelen${faseOf(s) === 2 ? " (herbeoordeling na hoor en wederhoor)" : ""}. Vul per onderdeel een oordeel en een motivering in; wat u leeg laat, blijft open.`)}
${open.map((i) => itemForm(s, i.key, state, bijlage))}
${submitButton("Oordelen vastleggen")}</form>`
      : paragraph(faseOf(s) === null ? `Er valt nu niets te beoordelen (status: ${inschrijvingStatus[s.status] ?? s.status}).` : "U heeft alle onderdelen beoordeeld die nu voor u open staan.");
  render(req, res, {
    title: `Beoordelen: ${s.naam}`,
    current: QUEUE,
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Beoordelen: ${s.naam}</h1>
${errorSummary(state.errors)}${notice ? alert("ok", notice) : ""}
${paragraph(html`${procedure.titel}, ronde ${String(s.ronde)}. ${status(inschrijvingStatus[s.status] ?? s.status)} ${link(QUEUE, "Terug naar de lijst")}${procedure.sas ? html` ${link(beoordelaarSasUrl(ref.procedureId), "SAS-scores van deze procedure")}` : ""}`)}
${form}
${hoorKanStarten(s) ? hoorStartForm(req, `${path}/hoor-en-wederhoor${ref.query}`, state, procedure.instellingen.hoorEnWederhoorTermijnWerkdagen, procedure.toelichtingen.hoorEnWederhoorTermijn) : ""}
${hoorBlock(s, bijlage)}
${heading(2, "Uw oordelen")}
${table("Uw oordelen", ["Onderdeel", "Fase", "Oordeel", "Motivering", "Wanneer"], mine.map((b) => [html`${itemNaam(b.item)}`, html`${String(b.fase)}`, html`${oordeelWoord(b.oordeel)}`, html`${b.motivering}`, html`${formatNl(b.at)}`]))}
${s.status === "afgerond" ? html`${heading(2, "Uitkomst")}${uitkomstBlock(s.uitkomst)}` : ""}`,
  });
}

async function judge(engine: Engine, req: Request, res: Response) {
  const ref = inschrijvingRef(req);
  const actor = actorOf(req);
  const s = await engine.inschrijving(ref.key).read({ actor });
  const open = openItemsFor(s, actor.id);
  const values: FormState["values"] = {};
  const errors: FieldErrors = {};
  const filled: { item: string; oordeel: "voldoet" | "voldoet-niet"; motivering: string }[] = [];
  for (const { key } of open) {
    const oordeel = field(req.body, `oordeel-${key}`);
    const motivering = field(req.body, `motivering-${key}`);
    values[`oordeel-${key}`] = oordeel;
    values[`motivering-${key}`] = motivering;
    if (!oordeel && !motivering.trim()) continue;
    if (oordeel !== "voldoet" && oordeel !== "voldoet-niet") errors[`oordeel-${key}`] = `${itemNaam(key)}: kies voldoet of voldoet niet.`;
    else if (!motivering.trim()) errors[`motivering-${key}`] = `${itemNaam(key)}: motiveer uw oordeel.`;
    else filled.push({ item: key, oordeel, motivering });
  }
  if (Object.keys(errors).length === 0 && filled.length === 0 && open[0]) errors[`oordeel-${open[0].key}`] = "Vul bij minstens één onderdeel een oordeel en een motivering in.";
  if (Object.keys(errors).length > 0) return criteriumPage(engine, req, res, { errors, values }, 400);
  let recorded = 0;
  let httpStatus = 200;
  for (const j of filled) {
    const result = await attempt(() => engine.inschrijving(ref.key).judge({ actor, ...j }));
    if (result.ok) {
      recorded += 1;
      continue;
    }
    httpStatus = result.refusal.status;
    const e = errorsFrom(result.refusal, { item: `oordeel-${j.item}`, oordeel: `oordeel-${j.item}`, motivering: `motivering-${j.item}` }, `oordeel-${j.item}`);
    for (const [k, m] of Object.entries(e)) errors[k] = `${itemNaam(j.item)}: ${m}`;
  }
  const melding = `${recorded} oordeel/oordelen vastgelegd.`;
  if (Object.keys(errors).length > 0) return criteriumPage(engine, req, res, { errors, values }, httpStatus, recorded > 0 ? melding : undefined);
  redirectWith(res, pageUrl(ref.procedureId, ref.kvk, ref.ronde), melding);
}

/** The beoordelaar's queue, the criterion form, and the start of hoor en wederhoor. */
export function beoordelaarRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("beoordelaar");
  // The routes under `base` name one inschrijving by KvK: each passes the seal before it asks the engine.
  const sealed = [guard, sealedUntilClosing(engine, { current: QUEUE, terug: () => link(QUEUE, "Terug naar de lijst") })];
  const base = `${QUEUE}/procedures/:id/inschrijvingen/:kvk`;

  router.get(QUEUE, guard, handle((req, res) => queue(engine, req, res)));
  router.post(
    `${QUEUE}/procedures/:id/opening`,
    guard,
    handle(async (req, res) => {
      const result = await attempt(() => engine.procedure(String(req.params.id)).bevestigOpening({ actor: actorOf(req) }));
      if (!result.ok) throw new PageError(result.refusal.status, result.refusal.message);
      redirectWith(res, QUEUE, result.value.opening ? "Uw bevestiging van de opening is vastgelegd." : "De inschrijvingen zijn geopend (vier ogen); de beoordeling begint.");
    }),
  );
  router.get(base, sealed, handle((req, res) => criteriumPage(engine, req, res)));
  router.post(base, sealed, handle((req, res) => judge(engine, req, res)));
  router.get(`${base}/bijlagen/:uploadId`, sealed, handle((req, res) => serveBijlage(engine, req, res)));
  router.post(
    `${base}/hoor-en-wederhoor`,
    sealed,
    handle(async (req, res) => {
      const ref = inschrijvingRef(req);
      const raw = field(req.body, "hoor-termijnEinde");
      const values = { "hoor-termijnEinde": raw };
      const termijnEinde = raw ? amsterdamInstant(raw) : undefined;
      if (termijnEinde === null) return criteriumPage(engine, req, res, { errors: { "hoor-termijnEinde": "Vul het einde van de termijn in als datum en tijd, of laat het veld leeg." }, values }, 400);
      const result = await attempt(() => engine.inschrijving(ref.key).startHoorEnWederhoor({ actor: actorOf(req), ...(termijnEinde ? { termijnEinde } : {}) }));
      if (!result.ok) return criteriumPage(engine, req, res, { errors: errorsFrom(result.refusal, { termijnEinde: "hoor-termijnEinde" }, "hoor"), values }, result.refusal.status);
      redirectWith(res, pageUrl(ref.procedureId, ref.kvk, ref.ronde), "Hoor en wederhoor is gestart: de brief is als PDF en per e-mail naar de aanbieder gestuurd.");
    }),
  );
  return router;
}
