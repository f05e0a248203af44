import type { Router, Request, Response } from "express";
import { findContract, findProduct } from "../../../domain/catalogue";
import { inschrijvingIdFor } from "../../../domain/procedure/decide";
import { procedureTijdlijn, type ExtraTermijn, type TijdlijnBron } from "../../../domain/procedure/tijdlijn";
import { tijdlijnHtml } from "../tijdlijn";
import { csrfField, errorSummary, submitButton, textArea, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { table } from "../layout";
import { requireUser } from "../session";
import { askQuestion } from "../../../engine/commands";
import { engine, gegevens, handle, inschrijvingStatusLabel, me, moment, procedureStatusLabel, ownDocuments, redirectWith, refusalOf, rondeQuery, sendPage, type Engine, type InschrijvingView, type ProcedureView } from "./common";
import { entryOf, isSas, pendingArrival, receiptFacts, woorden } from "./inschrijving";
import { sasFaseLabel } from "./sas";

type Summary = { id: string; titel?: string; contractId?: string; status?: string; sluitingAt?: string };

const soortLabel: Record<string, string> = {
  "open-house-zonder-toetreding": "Open House zonder tussentijdse toetreding",
  "open-house-met-toetreding": "Open House met tussentijdse toetreding",
  sas: "Selectieprocedure met aanmelding en dialoog (SAS)",
};

/** Open House met toetreding after its first closing: entry stays open, each entry its own round. */
const doorlopend = (v: ProcedureView, now: number) => entryOf(v, now).open && v.rondes[v.rondes.length - 1]?.status !== "open";

const link = (href: string, label: string) => html`<a class="utrecht-link" href="${href}">${label}</a>`;

/** What the aanbieder can do next with an inschrijving: supply documents, reply to a hearing. */
/** The procedure's moments as an aanbieder may see them: not how many others entered or were judged. */
function tijdlijnVoorAanbieder(view: ProcedureView): TijdlijnBron {
  return { ...view, rondes: view.rondes.map(({ aantalInschrijvingen: _a, aantalBeoordeeld: _b, ...r }) => r), ...(view.lopendBesluit ? { lopendBesluit: view.lopendBesluit } : {}) };
}

/** My own terms that run now: where the next step is mine. */
function eigenTermijnen(eigen: InschrijvingView[]): ExtraTermijn[] {
  return eigen.flatMap((s) =>
    s.status === "herstel" && s.herstel
      ? [{ wanneer: s.herstel.termijnEinde, wat: "Einde van uw hersteltermijn", wachtOp: "u (stukken aanleveren)" }]
      : s.status === "hoor-en-wederhoor" && s.hoorEnWederhoor
        ? [{ wanneer: s.hoorEnWederhoor.termijnEinde, wat: "Einde van uw termijn voor hoor en wederhoor", wachtOp: "u (reageren)" }]
        : [],
  );
}

function nextStep(procedureId: string, s: InschrijvingView): SafeHtml | string {
  const q = rondeQuery(s.ronde);
  if (s.status === "herstel") return link(`/aanbieder/procedures/${procedureId}/herstel${q}`, "Ontbrekende stukken aanleveren");
  if (s.status === "hoor-en-wederhoor") return link(`/aanbieder/procedures/${procedureId}/hoor-en-wederhoor${q}`, "Reageren (hoor en wederhoor)");
  // Until closing the receipt page offers a new version or withdrawing; after withdrawing, entering again.
  if (s.status === "ingediend" || s.status === "ingetrokken") return link(`/aanbieder/procedures/${procedureId}/inschrijving`, s.status === "ingetrokken" ? "Opnieuw inschrijven (tot de sluiting)" : "Ontvangstbewijs (tot de sluiting ook: nieuwe versie of intrekken)");
  return "";
}

/** The procedures the aanbieder can see (not concepts), each with the engine's view for this actor. */
async function visibleProcedures(e: Engine, req: Request): Promise<ProcedureView[]> {
  const all = (await e.register("procedures").list()) as Summary[];
  const listed = all.filter((p) => p.status !== undefined && p.status !== "concept");
  return Promise.all(listed.map((p) => e.procedure(p.id).get({ actor: me(req).actor })));
}

/** Every inschrijving the aanbieder submitted, with its state from the engine. */
export async function myInschrijvingen(e: Engine, req: Request, views?: ProcedureView[]): Promise<{ view: ProcedureView; state: InschrijvingView }[]> {
  const { actor, kvk } = me(req);
  const all = views ?? (await visibleProcedures(e, req));
  const arrivals = all.flatMap((view) => view.inschrijvingen.map((a) => ({ view, key: inschrijvingIdFor(view.procedureId, kvk, a.ronde) })));
  return Promise.all(arrivals.map(async ({ view, key }) => ({ view, state: await e.inschrijving(key).read({ actor }) })));
}

/**
 * What asks something of the aanbieder now, with its term, the nearest first: missing documents
 * (herstel) and a hearing to answer. The first thing on its start page, so nothing runs out unseen.
 */
function aandacht(mine: { view: ProcedureView; state: InschrijvingView }[], now: number): SafeHtml {
  const taken = mine
    .flatMap(({ view, state: s }) => {
      const q = rondeQuery(s.ronde);
      if (s.status === "herstel" && s.herstel && now < new Date(s.herstel.termijnEinde).getTime())
        return [{ tot: s.herstel.termijnEinde, wat: html`${link(`/aanbieder/procedures/${view.procedureId}/herstel${q}`, "Ontbrekende stukken aanleveren")} voor ${view.titel}` }];
      if (s.status === "hoor-en-wederhoor" && s.hoorEnWederhoor && !s.hoorEnWederhoor.verstreken && now < new Date(s.hoorEnWederhoor.termijnEinde).getTime())
        return [{ tot: s.hoorEnWederhoor.termijnEinde, wat: html`${link(`/aanbieder/procedures/${view.procedureId}/hoor-en-wederhoor${q}`, s.hoorEnWederhoor.reacties.length > 0 ? "Reactie aanvullen (hoor en wederhoor)" : "Reageren op hoor en wederhoor")} voor ${view.titel}` }];
      return [];
    })
    .sort((a, b) => a.tot.localeCompare(b.tot));
  if (taken.length === 0) return html``;
  return html`<div class="utrecht-alert utrecht-alert--warning" role="status"><div class="utrecht-alert__content">
<h2 class="utrecht-heading-2">Vraagt uw aandacht</h2>
<ul class="utrecht-unordered-list">${taken.map((t) => html`<li class="utrecht-unordered-list__item">${t.wat}: vóór ${moment(t.tot)}</li>`)}</ul>
</div></div>`;
}

export function procedureRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);

  router.get(
    "/aanbieder",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const views = await visibleProcedures(e, req);
      const now = Date.now();
      const open = views.filter((v) => entryOf(v, now).open || (v.status === "gepubliceerd" && now < new Date(v.sluitingAt).getTime()));
      const mine = await myInschrijvingen(e, req, views);
      sendPage(req, res, {
        title: "Procedures",
        body: html`<h1 class="utrecht-heading-1">Procedures</h1>
<p class="utrecht-paragraph">Hieronder staan de procedures waarvoor u nu kunt inschrijven, en uw eigen inschrijvingen.</p>
${aandacht(mine, now)}
<h2 class="utrecht-heading-2">Open procedures</h2>
${table(
  "Procedures die openstaan voor inschrijving",
  ["Procedure", "Contract", "Status", "Sluiting", "Ingeschreven"],
  open.map((v) => {
    const eigen = pendingArrival(v);
    const ronde = v.rondes[v.rondes.length - 1];
    return [
      link(`/aanbieder/procedures/${v.procedureId}`, v.titel),
      html`${findContract(v.contractId)?.naam ?? v.contractId}`,
      html`<span class="inkoop-status">${doorlopend(v, now) ? "Open voor toetreding" : (procedureStatusLabel[v.status] ?? v.status)}</span>`,
      html`${doorlopend(v, now) ? "Doorlopend" : moment(ronde?.sluitingAt ?? v.sluitingAt)}`,
      eigen ? html`Ja, op ${moment(eigen.ontvangenOp)}` : html`Nee · ${link(`/aanbieder/procedures/${v.procedureId}/inschrijving`, `${woorden(v).Werkwoord} voor ${v.titel}`)}`,
    ];
  }),
)}
<h2 class="utrecht-heading-2">Mijn inschrijvingen</h2>
${table(
  "Mijn inschrijvingen",
  ["Procedure", "Ronde", "Ontvangen op", "Status", "Wat u kunt doen"],
  mine.map(({ view, state }) => [
    link(`/aanbieder/procedures/${view.procedureId}`, view.titel),
    html`${state.ronde}`,
    html`${moment(state.ontvangstbewijs.ontvangenOp)}`,
    html`<span class="inkoop-status">${inschrijvingStatusLabel[state.status] ?? state.status}</span>`,
    html`${nextStep(view.procedureId, state)}`,
  ]),
)}`,
      });
    }),
  );

  const detail = async (req: Request, res: Response, view: ProcedureView, opts: { errors?: FieldErrors; vraag?: string; status?: number } = {}) => {
    const { actor, kvk } = me(req);
    const now = Date.now();
    const ronde = view.rondes[view.rondes.length - 1];
    const contract = findContract(view.contractId);
    const producten = ronde?.producten ?? view.producten;
    const entry = entryOf(view, now);
    const pending = pendingArrival(view);
    const eigen = await Promise.all(view.inschrijvingen.map((a) => e.inschrijving(inschrijvingIdFor(view.procedureId, kvk, a.ronde)).read({ actor })));
    const notas = view.documenten.filter((d) => d.doel === "nota-van-inlichtingen");
    const gepubliceerd = view.vragen.filter((v) => v.nota !== undefined && v.antwoord !== undefined);
    const eigenOpen = view.vragen.filter((v) => "eigenVraag" in v && v.eigenVraag && v.nota === undefined);
    const vragenOpen = view.status === "gepubliceerd" && now < new Date(view.vragenTot).getTime();
    const errors = opts.errors ?? {};
    const w = woorden(view);
    sendPage(req, res, {
      status: opts.status ?? 200,
      title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}${view.titel}`,
      body: html`<h1 class="utrecht-heading-1">${view.titel}</h1>
${gegevens([
  ["Contract", contract ? `${contract.naam} (inkoopplan ${contract.sectie})` : view.contractId],
  ["Soort procedure", soortLabel[view.procedureType] ?? view.procedureType],
  ["Status", procedureStatusLabel[view.status] ?? view.status],
  ...(view.sas ? ([["Fase van de SAS", sasFaseLabel[view.sas.fase] ?? view.sas.fase]] as [string, string][]) : []),
  ...(ronde && ronde.nr > 1 ? ([["Ronde", `${ronde.nr} (${ronde.soort})`]] as [string, string][]) : []),
  ["Publicatie", moment(ronde?.publicatieAt ?? view.publicatieAt)],
  ["Sluiting", doorlopend(view, now) ? "Doorlopend: elke inschrijving is een eigen ronde (tussentijdse toetreding)" : moment(ronde?.sluitingAt ?? view.sluitingAt, true)],
  ["Vragen stellen tot", moment(view.vragenTot)],
])}
${doorlopend(view, now) ? "" : tijdlijnHtml(procedureTijdlijn(tijdlijnVoorAanbieder(view), new Date(now), eigenTermijnen(eigen)))}
<h2 class="utrecht-heading-2">Producten</h2>
${table(
  "Producten waarvoor u kunt inschrijven",
  ["Code", "Product"],
  producten.map((id) => {
    const p = findProduct(id);
    return [html`${p ? (p.codeLabel ?? "—") : id}`, html`${p?.naam ?? ""}`];
  }),
)}
${
  isSas(view)
    ? html`<h2 class="utrecht-heading-2">Selectieprocedure (SAS)</h2>
<p class="utrecht-paragraph">Na de aanmelding volgen de selectie, de dialoog met de geselecteerde kandidaten, hun definitieve inschrijving en de gunning. <a class="utrecht-link" href="/aanbieder/procedures/${view.procedureId}/sas">Bekijk de SAS: fase, selectie, dialoog en inschrijving</a></p>`
    : ""
}
<h2 class="utrecht-heading-2">Uw ${w.zelfstandig}</h2>
${
  eigen.length > 0
    ? eigen.map(
        (s) => html`<div class="inkoop-kaart">${eigen.length > 1 ? html`<h3 class="utrecht-heading-3">Ronde ${s.ronde}</h3>` : ""}
${receiptFacts(s.ontvangstbewijs)}
<p class="utrecht-paragraph">Status: <span class="inkoop-status">${inschrijvingStatusLabel[s.status] ?? s.status}</span> ${nextStep(view.procedureId, s)}</p>
${ownDocuments(view.procedureId, s)}</div>`,
      )
    : ""
}
${
  pending
    ? ""
    : entry.open
      ? html`<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/aanbieder/procedures/${view.procedureId}/inschrijving">${w.Zelfstandig} invullen</a></p>`
      : html`<p class="utrecht-paragraph">${entry.reden}</p>`
}
<h2 class="utrecht-heading-2" id="vragen">Nota van inlichtingen</h2>
${
  notas.length > 0
    ? html`<ul class="utrecht-unordered-list">${notas.map(
        (d) => html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/api/v1/procedures/${view.procedureId}/documenten/${d.id}">${d.bestandsnaam}</a> (PDF, ${Math.ceil(d.bytes / 1024)} kB)</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph">Er is nog geen nota van inlichtingen gepubliceerd.</p>`
}
${gepubliceerd.map(
  (v) => html`<div class="inkoop-kaart"><h3 class="utrecht-heading-3">Vraag ${v.nr} (nota ${v.nota})</h3>
<p class="utrecht-paragraph">${v.vraag}</p><p class="utrecht-paragraph"><strong>Antwoord:</strong> ${v.antwoord}</p></div>`,
)}
${
  eigenOpen.length > 0
    ? html`<h3 class="utrecht-heading-3">Uw vragen die nog niet zijn gepubliceerd</h3>
<ul class="utrecht-unordered-list">${eigenOpen.map((v) => html`<li class="utrecht-unordered-list__item">Vraag ${v.nr}, gesteld op ${moment(v.gesteldOp)}: ${v.vraag}</li>`)}</ul>`
    : ""
}
<h2 class="utrecht-heading-2">Een vraag stellen</h2>
${
  vragenOpen
    ? html`${errorSummary(errors)}
<form method="post" action="/aanbieder/procedures/${view.procedureId}/vragen" novalidate>
${csrfField(req.csrf!)}
${textArea({ name: "vraag", label: "Uw vraag", value: opts.vraag ?? "", errors, required: true, rows: 5, description: "Minstens 10 en hoogstens 4000 tekens. Het antwoord komt in een nota van inlichtingen voor alle aanbieders; uw naam wordt daarin niet genoemd." })}
${submitButton("Vraag versturen")}
</form>`
    : html`<p class="utrecht-paragraph">Vragen stellen kan ${view.status === "gepubliceerd" ? `niet meer: de termijn liep tot ${moment(view.vragenTot)}` : "alleen terwijl de procedure openstaat"}.</p>`
}`,
    });
  };

  router.get(
    "/aanbieder/procedures/:id",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      // The confirmation of a question is the flash of its POST (sendPage), never `?gesteld=` from the address.
      await detail(req, res, await e.procedure(String(req.params.id)).get({ actor: me(req).actor }));
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/vragen",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const id = String(req.params.id);
      const vraag = typeof req.body?.vraag === "string" ? (req.body.vraag as string) : "";
      const { actor } = me(req);
      if (vraag.trim() === "") return detail(req, res, await e.procedure(id).get({ actor }), { errors: { vraag: "Vul uw vraag in." }, vraag, status: 400 });
      try {
        const gesteld = await askQuestion(e.engine, id, { actor, vraag });
        redirectWith(res, `/aanbieder/procedures/${encodeURIComponent(id)}#vragen`, `Uw vraag${gesteld ? ` (nummer ${gesteld.nr})` : ""} is ontvangen. Het antwoord verschijnt in een nota van inlichtingen.`);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        await detail(req, res, await e.procedure(id).get({ actor }), { errors: { vraag: refusal.message }, vraag, status: refusal.status });
      }
    }),
  );
}
