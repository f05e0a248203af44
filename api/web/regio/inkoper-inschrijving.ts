import type { Request, Response } from "express";
import { itemsOf } from "../../../domain/inschrijving/items";
import { choiceGroup, csrfField, errorSummary, submitButton, textArea, textField } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { actorOf, alert, anchored, attempt, formId, gegevens, heading, inschrijvingRef, link, PageError, paragraph, render, status, type Engine } from "./common";
import { bijlageUrl, documentenBlock, documentRefCell, hoorBlock, hoorKanStarten, itemsTable, onenigeItems, uitkomstBlock, type Inschrijving } from "./inschrijving-weergave";
import type { FormState } from "./inkoper-procedure";
import { procedureUrl } from "./inkoper-procedure";
import { inschrijvingStatus, itemNaam, logboek, productMetPlaatsen } from "./labels";

const empty: FormState = { errors: {}, values: {} };

function value(state: FormState, name: string): string {
  const v = state.values[name];
  return typeof v === "string" ? v : "";
}

function post(req: Request, action: string, key: string, content: SafeHtml): SafeHtml {
  return html`<form method="post" action="${action}" id="${formId(key)}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}${content}</form>`;
}

function oordeelRadios(name: string, state: FormState, legend: string): SafeHtml {
  const checked = value(state, name);
  return anchored(name, choiceGroup({ name, legend, type: "radio", options: [{ value: "voldoet", label: "Voldoet" }, { value: "voldoet-niet", label: "Voldoet niet" }], checked: checked ? [checked] : [], errors: state.errors }));
}

function volledigheid(req: Request, s: Inschrijving, action: (a: string) => string, state: FormState, herstelWerkdagen: number, bijlage: (id: string) => string): SafeHtml {
  const signalen = s.signalen.length === 0 ? paragraph("Geen signalen: elk antwoord dat bewijs vraagt, heeft een document.") : html`<ul class="utrecht-unordered-list">${s.signalen.map((k) => html`<li>${itemNaam(k)}: verklaart te voldoen, maar zonder document</li>`)}</ul>`;
  const forms =
    s.status === "volledigheidstoets"
      ? html`${post(req, action("volledig"), "volledig", html`${heading(3, "Volledig verklaren")}${textArea({ name: "volledig-motivering", label: "Motivering", value: value(state, "volledig-motivering"), errors: state.errors, required: true, description: "Waarom de inschrijving ondanks de signalen volledig is (minstens 5 tekens)." })}${submitButton("Volledig verklaren")}`)}
${post(
  req,
  action("herstelverzoek"),
  "herstel",
  html`${heading(3, "Herstel vragen")}
${anchored("ontbrekend", choiceGroup({ name: "ontbrekend", legend: "Wat ontbreekt", type: "checkbox", options: itemsOf(s.inhoud).map((i) => ({ value: i.key, label: itemNaam(i.key) })), checked: Array.isArray(state.values.ontbrekend) ? state.values.ontbrekend : s.signalen, errors: state.errors }))}
${textField({ name: "herstel-termijnEinde", label: "Hersteltermijn eindigt", type: "datetime-local", value: value(state, "herstel-termijnEinde"), errors: state.errors, description: `Nederlandse tijd. Leeg laten: ${herstelWerkdagen} werkdagen, de instelling van deze procedure.` })}
${submitButton("Herstel vragen", { secondary: true })}`,
)}`
      : html``;
  const herstel = s.herstel
    ? html`${gegevens([
        ["Herstel gevraagd voor", s.herstel.ontbrekend.map(itemNaam).join("; ")],
        ["Hersteltermijn eindigt", formatNl(s.herstel.termijnEinde)],
      ])}${table("Aanvullingen", ["Ontvangen", "Onderdeel", "Document", "Toelichting"], s.herstel.aanvullingen.map((a) => [html`${formatNl(a.at)}`, html`${itemNaam(a.item)}`, documentRefCell(a.documentRef, bijlage), html`${a.toelichting ?? ""}`]))}`
    : html``;
  return html`${heading(2, "Volledigheid", "volledigheid")}${signalen}${herstel}${forms}`;
}

function beslechten(req: Request, s: Inschrijving, action: (a: string) => string, state: FormState): SafeHtml {
  const items = onenigeItems(s);
  if (items.length === 0) return html``;
  return html`${heading(2, "Beslechten", "beslechten")}${paragraph("Over deze onderdelen zijn de twee beoordelaars het oneens; de inkoper beslist, met motivering.")}
${items.map((i) =>
  post(
    req,
    action("beslechting"),
    `beslecht-${i.key}`,
    html`${heading(3, itemNaam(i.key))}<input type="hidden" name="item" value="${i.key}">
${oordeelRadios(`oordeel-${i.key}`, state, "Uw beslissing")}
${textArea({ name: `motivering-${i.key}`, label: "Motivering", value: value(state, `motivering-${i.key}`), errors: state.errors, required: true })}
${submitButton("Beslechten")}`,
  ),
)}`;
}

export function hoorStartForm(req: Request, action: string, state: FormState, hoorWerkdagen: number, toelichting: string): SafeHtml {
  return post(
    req,
    action,
    "hoor",
    html`${heading(3, "Start hoor en wederhoor")}${paragraph("Elk onderdeel is beoordeeld en de aanbieder voldoet niet aan alles. De aanbieder krijgt een brief (PDF en e-mail) met de tekortkomingen en een termijn om te reageren.")}
${textField({ name: "hoor-termijnEinde", label: "Termijn eindigt", type: "datetime-local", value: value(state, "hoor-termijnEinde"), errors: state.errors, description: `Nederlandse tijd. Leeg laten: ${hoorWerkdagen} werkdagen. ${toelichting}` })}
${submitButton("Start hoor en wederhoor")}`,
  );
}

/**
 * One inschrijving for the inkoper: everything after closing. Before the closing instant the route's
 * `sealedUntilClosing` answered already; the engine's own seal below only covers the moment between that
 * instant and the engine's closing, when the entries are fixed.
 */
export async function inschrijvingPage(engine: Engine, req: Request, res: Response, state: FormState = empty, httpStatus = 200): Promise<void> {
  const ref = inschrijvingRef(req);
  const actor = actorOf(req);
  const read = await attempt(() => engine.inschrijving(ref.key).read({ actor }));
  if (!read.ok && read.refusal.code !== "Verzegeld") throw new PageError(read.refusal.status, read.refusal.message);
  const log = await engine.inschrijving(ref.key).events({ actor });
  const terug = link(procedureUrl(ref.procedureId), "Terug naar de procedure");
  if (!read.ok) {
    render(req, res, {
      title: `Inschrijving KvK ${ref.kvk}`,
      current: "/inkoper",
      body: html`<h1 class="utrecht-heading-1">Inschrijving van KvK ${ref.kvk}</h1>
${paragraph(terug)}
${alert("info", read.refusal.message)}
${paragraph("Tot het sluitingstijdstip ziet niemand aan de kant van de regio de inhoud van een inschrijving, ook de inkoper niet. Het logboek hieronder toont alleen dat en wanneer er iets gebeurde.")}
${heading(2, "Logboek", "logboek")}${logboek("Logboek van de inschrijving", log)}`,
    });
    return;
  }
  const s = read.value;
  const procedure = await engine.procedure(ref.procedureId).get({ actor });
  const base = `${procedureUrl(ref.procedureId)}/inschrijvingen/${ref.kvk}`;
  const action = (a: string) => `${base}/${a}${ref.query}`;
  const bijlage = (id: string) => bijlageUrl("/inkoper", ref, id);
  render(req, res, {
    title: `Inschrijving ${s.naam}`,
    current: "/inkoper",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Inschrijving van ${s.naam}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(inschrijvingStatus[s.status] ?? s.status)} ${terug}`)}
${gegevens([
  ["Procedure", procedure.titel],
  ["Aanbieder", `${s.naam}, KvK ${s.kvk}`],
  ["E-mail", s.email],
  ["Ronde", String(s.ronde)],
  ["Ontvangen op", formatNl(s.ontvangstbewijs.ontvangenOp)],
  ["Ontvangstbewijs", s.ontvangstbewijs.ontvangstbewijsId],
  ["SHA-256 van de inhoud", html`<code>${s.ontvangstbewijs.sha256}</code>`],
  ["Producten", html`<ul class="utrecht-unordered-list">${s.inhoud.producten.map((p) => html`<li>${productMetPlaatsen(p, s.inhoud.plaatsen)}</li>`)}</ul>`],
  ["Beoordelaars per criterium", String(s.aantalBeoordelaars)],
])}
${volledigheid(req, s, action, state, procedure.instellingen.herstelTermijnWerkdagen, bijlage)}
${heading(2, "Beoordeling", "beoordeling")}
${itemsTable(s, bijlage)}
${beslechten(req, s, action, state)}
${hoorKanStarten(s) ? hoorStartForm(req, action("hoor-en-wederhoor"), state, procedure.instellingen.hoorEnWederhoorTermijnWerkdagen, procedure.toelichtingen.hoorEnWederhoorTermijn) : html``}
${hoorBlock(s, bijlage)}
${heading(2, "Uitkomst", "uitkomst")}
${uitkomstBlock(s.uitkomst)}
${heading(2, "Documenten", "documenten")}
${documentenBlock(s)}
${heading(2, "Logboek", "logboek")}
${logboek("Logboek van de inschrijving: wie deed wat, wanneer en waarom", log)}`,
  });
}
