import type { Request, Response } from "express";
import { productsOfContract } from "../../../domain/catalogue";
import { plaatsenVanContract } from "../../../domain/procedure/plaatsen";
import type { Arrival } from "../../../domain/procedure/procedure";
import { procedureTijdlijn, type ExtraTermijn } from "../../../domain/procedure/tijdlijn";
import { tijdlijnHtml } from "../tijdlijn";
import { choiceGroup, csrfField, errorSummary, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { actorOf, alert, anchored, attempt, formId, gegevens, heading, link, paragraph, render, status, type Engine } from "./common";
import { contractNaam, documentDoel, inschrijvingStatus, logboek, procedureStatus, procedureType, productNaam, rondeSoort, rondeStatus, sasFase, uitkomstSoort } from "./labels";

/** What a refused form on the procedure page brings back: the errors and the values typed. */
export interface FormState {
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}
const empty: FormState = { errors: {}, values: {} };

export const procedureUrl = (id: string) => `/inkoper/procedures/${encodeURIComponent(id)}`;
export const inschrijvingUrl = (procedureId: string, kvk: string, ronde: number) =>
  `${procedureUrl(procedureId)}/inschrijvingen/${kvk}${ronde > 1 ? `?ronde=${ronde}` : ""}`;

type View = Awaited<ReturnType<ReturnType<Engine["procedure"]>["get"]>>;

function value(state: FormState, name: string, fallback = ""): string {
  const v = state.values[name];
  return typeof v === "string" ? v : fallback;
}

function post(req: Request, action: string, key: string, content: SafeHtml): SafeHtml {
  return html`<form method="post" action="${action}" id="${formId(key)}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}${content}</form>`;
}

type GelezenInschrijving = Awaited<ReturnType<typeof leesInschrijvingen>>[number];

/** The region's read of each inschrijving it may see (sealed ones answer with their refusal). */
function leesInschrijvingen(engine: Engine, req: Request, view: View) {
  return Promise.all((view.inschrijvingen as Arrival[]).map((a) => attempt(() => engine.inschrijving(a.inschrijvingId).read({ actor: actorOf(req) }))));
}

/** The terms of single inschrijvingen that run now (herstel, hoor en wederhoor), for the timeline. */
function lopendeTermijnen(view: View, states: GelezenInschrijving[]): ExtraTermijn[] {
  return (view.inschrijvingen as Arrival[]).flatMap((a, i) => {
    const s = states[i];
    if (!s?.ok) return [];
    const st = s.value;
    if (st.status === "herstel" && st.herstel) return [{ wanneer: st.herstel.termijnEinde, wat: `Einde hersteltermijn (${a.naam})`, wachtOp: a.naam }];
    if (st.status === "hoor-en-wederhoor" && st.hoorEnWederhoor && st.hoorEnWederhoor.reacties.length === 0)
      return [{ wanneer: st.hoorEnWederhoor.termijnEinde, wat: `Einde hoor en wederhoor (${a.naam})`, wachtOp: a.naam }];
    return [];
  });
}

async function inschrijvingenSection(engine: Engine, req: Request, view: View, states: GelezenInschrijving[]): Promise<SafeHtml> {
  const current = view.rondes[view.rondes.length - 1];
  const sealed =
    view.verzegeld && current
      ? alert(
          "info",
          view.opening
            ? `In ronde ${current.nr} zijn ${current.aantalInschrijvingen} inschrijving(en) ontvangen. Zij zijn verzegeld tot de opening: tot dan ziet ook de inkoper alleen het aantal, niet van wie ze zijn of wat erin staat.`
            : `In ronde ${current.nr} zijn tot nu toe ${current.aantalInschrijvingen} inschrijving(en) ontvangen. Inschrijvingen zijn verzegeld tot het sluitingstijdstip (${formatNl(current.sluitingAt)}): tot dan ziet ook de inkoper alleen het aantal, niet van wie ze zijn of wat erin staat.`,
        )
      : html``;
  const arrivals = view.inschrijvingen as Arrival[];

  const rows = arrivals.map((a, i) => {
    const s = states[i];
    const st = s?.ok ? s.value : undefined;
    return [
      html`${String(a.volgnummer)}`,
      html`${String(a.ronde)}`,
      link(inschrijvingUrl(view.procedureId, a.kvk, a.ronde), `${a.naam} (KvK ${a.kvk})`),
      html`${formatNl(a.ontvangenOp)}`,
      html`${st ? inschrijvingStatus[st.status] ?? st.status : s && !s.ok ? s.refusal.message : ""}`,
      html`${st?.uitkomst ? uitkomstSoort[st.uitkomst.soort] : "—"}`,
    ];
  });
  return html`${heading(2, "Inschrijvingen", "inschrijvingen")}${sealed}
${table("Ontvangen inschrijvingen (na sluiting)", ["Nr.", "Ronde", "Aanbieder", "Ontvangen", "Beoordeling", "Uitkomst"], rows)}`;
}

function vragenSection(req: Request, view: View, state: FormState): SafeHtml {
  const url = procedureUrl(view.procedureId);
  const vragen = view.vragen as { nr: number; vraag: string; gesteldOp: string; antwoord?: string; beantwoordOp?: string; nota?: number; kvk?: string }[];
  const items = vragen.map((v) => {
    const name = `antwoord-${v.nr}`;
    const answer =
      v.nota !== undefined
        ? paragraph(html`<strong>Antwoord</strong> (gepubliceerd in nota van inlichtingen ${String(v.nota)}): ${v.antwoord ?? ""}`)
        : post(
            req,
            `${url}/vragen/${v.nr}/antwoord`,
            `vraag-${v.nr}`,
            html`${textArea({ name, label: `Antwoord op vraag ${v.nr}`, value: value(state, name, v.antwoord ?? ""), errors: state.errors, required: true, description: "Het antwoord verschijnt in de nota van inlichtingen, zonder de naam van de vraagsteller." })}${submitButton(v.antwoord ? "Antwoord wijzigen" : "Antwoord opslaan", { secondary: true })}`,
          );
    return html`<div class="inkoop-kaart"><h3 class="utrecht-heading-3">Vraag ${String(v.nr)}</h3>
${paragraph(html`${v.vraag}`)}
${paragraph(html`<small>Gesteld op ${formatNl(v.gesteldOp)}${v.kvk ? ` door KvK ${v.kvk}` : ""}${v.beantwoordOp ? `; beantwoord op ${formatNl(v.beantwoordOp)}` : ""}</small>`)}
${answer}</div>`;
  });
  const klaar = vragen.filter((v) => v.antwoord !== undefined && v.nota === undefined).length;
  const nota =
    klaar > 0
      ? post(req, `${url}/nota-van-inlichtingen`, "nota", html`${paragraph(`${klaar} beantwoorde vraag/vragen nog niet gepubliceerd. De nota gaat als PDF naar elke geregistreerde aanbieder.`)}${submitButton("Publiceer nota van inlichtingen")}`)
      : html``;
  return html`${heading(2, "Vragen en nota van inlichtingen", "vragen")}
${paragraph(`Vragen stellen kan tot ${formatNl(view.vragenTot)}.`)}
${vragen.length === 0 ? paragraph("Er zijn nog geen vragen gesteld.") : items}${nota}`;
}

function documentenSection(view: View): SafeHtml {
  const docs = view.documenten as { id: string; bestandsnaam: string; gemaaktOp: string; doel: string; ronde?: number }[];
  return html`${heading(2, "Documenten", "documenten")}${table(
    "Documenten van de procedure",
    ["Document", "Ronde", "Opgemaakt", "Bestand"],
    docs.map((d) => [
      html`${documentDoel[d.doel] ?? d.doel}`,
      html`${d.ronde ? String(d.ronde) : ""}`,
      html`${formatNl(d.gemaaktOp)}`,
      link(`/api/v1/procedures/${encodeURIComponent(view.procedureId)}/documenten/${encodeURIComponent(d.id)}`, `${d.bestandsnaam} (PDF)`),
    ]),
  )}`;
}

/**
 * Hulp bij huishouden per plaats (inkoopplan 6.10): how many admitted aanbieders serve each product in each plaats,
 * so a plaats without cover is visible before the region negotiates or reopens for capaciteitstekort.
 */
function dekkingSection(view: View): SafeHtml {
  const d = view.dekkingPerPlaats;
  if (!d) return html``;
  const rows = d.producten.map((p) => [
    html`${productNaam(p.productId)}`,
    ...p.perPlaats.map((c) => {
      const straks = c.voorgesteld > 0 ? html`<br><small>${String(c.voorgesteld)} toegelaten, gunning nog niet besloten</small>` : "";
      return c.aantal === 0
        ? html`<strong class="inkoop-geen-dekking">0: geen dekking</strong>${straks}`
        : html`${String(c.aantal)}<br><small>${c.aanbieders.map((a) => a.naam).join(", ")}</small>${straks}`;
    }),
  ]);
  const zonder = d.zonderDekking.map((z) => `${productNaam(z.productId)} in ${z.plaatsen.join(", ")}`).join("; ");
  return html`${heading(2, "Dekking per plaats", "dekking")}
${paragraph("Aantal toegelaten aanbieders per product per plaats (inschrijven kan per plaats, inkoopplan 6.10.1). Alleen gegunde rondes tellen als dekking.")}
${table("Dekking per plaats: toegelaten aanbieders per product", ["Product", ...d.plaatsen], rows)}
${zonder ? alert("warning", `Geen dekking: ${zonder}. Waar geen dekkend zorglandschap ontstaat, onderhandelt de regio met de gecontracteerde aanbieders of stelt zij heropenen voor wegens capaciteitstekort voor die plaats(en).`) : ""}`;
}

function rondesSection(view: View): SafeHtml {
  const rows = view.rondes.map((r) => [
    html`${String(r.nr)}`,
    html`${rondeSoort[r.soort] ?? r.soort}`,
    html`${formatNl(r.publicatieAt)}`,
    html`${formatNl(r.sluitingAt)}`,
    html`${r.opening && !r.opening.geopendOp ? "Gesloten, wacht op de opening" : (rondeStatus[r.status] ?? r.status)}`,
    html`${String(r.aantalInschrijvingen)} ontvangen, ${String(r.aantalBeoordeeld)} met uitkomst`,
    html`${r.voorstellen.map((v) => html`${link(`/besluiten/${encodeURIComponent(v.besluitId)}`, v.besluitId)} (${v.status})<br>`)}`,
  ]);
  return html`${heading(2, "Rondes en termijnen", "rondes")}${table("Rondes", ["Ronde", "Soort", "Publicatie", "Sluiting", "Status", "Inschrijvingen", "Gunningsvoorstellen"], rows)}`;
}

/**
 * Who did something is part of the seal: the engine's log already leaves the entrant out of every entry
 * it seals (an entry, a new version, a withdrawal, a SAS offer) and marks it `verzegeld`; the page says so.
 */
const verzegeldInLog = (e: { data?: unknown }) => (e.data as { verzegeld?: unknown } | undefined)?.verzegeld === true;

/** The procedure's status as the region reads it; a closed round not yet opened says what it waits for. */
const statusTekst = (view: View) => (view.opening ? "Gesloten, wacht op de opening (vier ogen)" : (procedureStatus[view.status] ?? view.status));

/** The opening with four eyes of a closed round: who confirmed, and the button for whoever may be next. */
export function openingSection(req: Request, view: View, action: string): SafeHtml {
  const o = view.opening;
  if (!o) return html``;
  const userId = actorOf(req).id;
  const tweede = o.openingDoor === "inkoper+beoordelaar" ? "een beoordelaar" : "een tweede inkoper";
  const al = o.bevestigingen.some((b) => b.door === userId);
  const aantal = view.rondes.find((r) => r.nr === o.ronde)?.aantalInschrijvingen ?? 0;
  return html`${heading(2, "Opening (vier ogen)", "opening")}
${alert("info", `Ronde ${o.ronde} is gesloten met ${aantal} inschrijving(en). Zij blijven verzegeld tot twee personen van de regio de opening bevestigen: eerst een inkoper, daarna ${tweede}. Het proces-verbaal noemt beiden.`)}
${paragraph(o.bevestigingen.length === 0 ? "Nog niemand bevestigde de opening." : `Bevestigd door ${o.bevestigingen.map((b) => `${b.door} (${b.rol}) op ${formatNl(b.at)}`).join(", ")}. Nu bevestigt ${tweede}.`)}
${al ? alert("info", "U heeft de opening al bevestigd; een tweede persoon van de regio bevestigt.") : post(req, action, "opening", html`${submitButton("Bevestig de opening")}`)}`;
}

function actiesSection(req: Request, view: View, state: FormState): SafeHtml {
  const url = procedureUrl(view.procedureId);
  const lopend = view.lopendBesluit;
  const parts: SafeHtml[] = [];
  if (view.status === "concept")
    parts.push(post(req, `${url}/publiceren`, "publiceren", html`${heading(3, "Publiceren")}${paragraph("Na publicatie kunnen aanbieders inschrijven; de inschrijving sluit vanzelf op het sluitingstijdstip; daarna openen twee personen van de regio de inschrijvingen.")}${submitButton("Publiceer de procedure")}`));
  if (lopend) parts.push(alert("info", html`Er ligt een besluit voor (${lopend.soort}): ${link(`/besluiten/${encodeURIComponent(lopend.besluitId)}`, lopend.besluitId)}. Nieuwe voorstellen volgen pas na dat besluit.`));
  if (view.status === "gesloten" && !lopend && !view.sas && !view.opening)
    parts.push(
      post(
        req,
        `${url}/gunningsvoorstel`,
        "gunning",
        html`${heading(3, "Leg gunningsvoorstel voor")}${paragraph("Het voorstel met de uitkomsten van de ronde gaat als PDF naar de programmadirecteur (inkoopplan 7.2). Dat kan pas als elke inschrijving een uitkomst heeft.")}
${textArea({ name: "toelichting", label: "Toelichting", value: value(state, "toelichting"), errors: state.errors, required: true })}${submitButton("Leg gunningsvoorstel voor")}`,
      ),
    );
  if (view.status === "gegund" && view.procedureType === "open-house-zonder-toetreding" && !lopend) {
    const reden = value(state, "heropening-reden");
    const producten = Array.isArray(state.values["heropening-producten"]) ? state.values["heropening-producten"] : [];
    const gekozenPlaatsen = Array.isArray(state.values["heropening-plaatsen"]) ? state.values["heropening-plaatsen"] : [];
    const plaatsen = plaatsenVanContract(view.contractId);
    const zonderDekking = new Set(view.dekkingPerPlaats?.zonderDekking.flatMap((z) => z.plaatsen) ?? []);
    parts.push(
      post(
        req,
        `${url}/heropening`,
        "heropening",
        html`${heading(3, "Heropenen")}${paragraph("Heropenen is een besluit van het BOSD (inkoopplan 5.1 en 7.2): voor een nieuw product of bij een aangetoond capaciteitstekort.")}
${anchored("heropening-reden", choiceGroup({ name: "heropening-reden", legend: "Reden", type: "radio", options: [{ value: "nieuw-product", label: "Nieuw product" }, { value: "capaciteitstekort", label: "Capaciteitstekort (niet-dekkend zorglandschap)" }], checked: reden ? [reden] : [], errors: state.errors }))}
${anchored("heropening-producten", choiceGroup({ name: "heropening-producten", legend: "Producten", type: "checkbox", options: productsOfContract(view.contractId).map((p) => ({ value: p.id, label: productNaam(p.id), ...(view.rondes.some((r) => r.producten.includes(p.id)) ? { description: "Al eerder ingekocht." } : {}) })), checked: producten, errors: state.errors }))}
${
  plaatsen
    ? anchored(
        "heropening-plaatsen",
        choiceGroup({
          name: "heropening-plaatsen",
          legend: "Plaatsen",
          type: "checkbox",
          description: "Bij een capaciteitstekort: de plaats(en) zonder dekkend zorglandschap. Alleen daar kan in de nieuwe ronde worden ingeschreven. Bij een nieuw product: leeg laten voor alle plaatsen.",
          options: plaatsen.map((p) => ({ value: p, label: p, ...(zonderDekking.has(p) ? { description: "Geen dekking." } : {}) })),
          checked: gekozenPlaatsen,
          errors: state.errors,
        }),
      )
    : ""
}
${textArea({ name: "heropening-motivering", label: "Motivering", value: value(state, "heropening-motivering"), errors: state.errors, required: true })}
${textField({ name: "heropening-publicatie", label: "Publicatie", type: "datetime-local", value: value(state, "heropening-publicatie"), errors: state.errors, required: true, description: "Nederlandse tijd. Besluit het BOSD later, dan opent de ronde op het moment van het besluit." })}
${textField({ name: "heropening-sluiting", label: "Sluiting", type: "datetime-local", value: value(state, "heropening-sluiting"), errors: state.errors, required: true, description: "Nederlandse tijd." })}
${submitButton("Stel heropenen voor")}`,
      ),
    );
  }
  if (view.status !== "gestopt" && !lopend) {
    // Stopping cannot be undone: folded away, open by itself only when the form came back with an error.
    const fout = Object.keys(state.errors).some((k) => k.startsWith("stopzetting"));
    parts.push(
      html`<details class="inkoop-gevaarlijk"${fout ? html` open` : ""}><summary>Procedure stopzetten…</summary>${post(
        req,
        `${url}/stopzetting`,
        "stopzetting",
        html`${heading(3, "Stopzetten")}${paragraph("Stopzetten is een besluit van het BOSD (inkoopplan 7.2) en kan niet worden teruggedraaid; aanbieders die inschreven of vragen stelden, worden geïnformeerd.")}
${textArea({ name: "stopzetting-motivering", label: "Motivering", value: value(state, "stopzetting-motivering"), errors: state.errors, required: true, description: "Minstens 20 tekens." })}
${anchored("stopzetting-bevestig", choiceGroup({ name: "stopzetting-bevestig", legend: "Bevestiging", type: "checkbox", options: [{ value: "ja", label: "Ik wil het stopzetten van deze procedure aan het BOSD voorleggen" }], checked: Array.isArray(state.values["stopzetting-bevestig"]) ? state.values["stopzetting-bevestig"] : [], errors: state.errors }))}
${submitButton("Stel stopzetten voor", { secondary: true })}`,
      )}</details>`,
    );
  }
  return parts.length > 0 ? html`${heading(2, "Handelingen", "handelingen")}${parts}` : html``;
}

/** The procedure as the inkoper manages it; a refused form comes back here with its errors and values. */
export async function procedurePage(engine: Engine, req: Request, res: Response, id: string, state: FormState = empty, httpStatus = 200): Promise<void> {
  const actor = actorOf(req);
  const view = await engine.procedure(id).get({ actor });
  const log = await engine.procedure(id).events({ actor });
  const i = view.instellingen;
  const now = Date.now();
  const states = await leesInschrijvingen(engine, req, view);
  render(req, res, {
    title: view.titel,
    current: "/inkoper",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">${view.titel}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(statusTekst(view))} ${link("/inkoper", "Terug naar de procedures")}`)}
${gegevens([
  ["Contract", contractNaam(view.contractId)],
  ["Soort procedure", procedureType[view.procedureType] ?? view.procedureType],
  ["Publicatie", formatNl(view.publicatieAt)],
  ["Sluiting", formatNl(view.sluitingAt)],
  ["Vragen tot", formatNl(view.vragenTot)],
  ["Gepubliceerd op", formatNl(view.gepubliceerdOp)],
  ["Gesloten op", formatNl(view.geslotenOp)],
  ["Producten", html`<ul class="utrecht-unordered-list">${view.producten.map((p) => html`<li>${productNaam(p)}</li>`)}</ul>`],
  ["Beoordelaars per criterium", String(i.aantalBeoordelaarsPerCriterium)],
  ["Termijn hoor en wederhoor", html`${String(i.hoorEnWederhoorTermijnWerkdagen)} werkdagen <small>(${view.toelichtingen.hoorEnWederhoorTermijn})</small>`],
  ["Hersteltermijn", html`${String(i.herstelTermijnWerkdagen)} werkdagen <small>(${view.toelichtingen.herstelTermijn})</small>`],
  ["Ingangsdatum contracten", i.contractIngangsdatum ?? "De eerste dag van de maand na de gunning"],
  ["Stopgezet", view.gestopt ? `${formatNl(view.gestopt.at)}: ${view.gestopt.motivering}` : undefined],
])}
${view.sas ? alert("info", html`Dit is een SAS-aanbesteding, nu in de fase ${sasFase[view.sas.fase] ?? view.sas.fase}. Selectie, dialoog, opening en gunning staan op ${link(`${procedureUrl(view.procedureId)}/sas`, "de SAS-pagina")}.`) : ""}
${tijdlijnHtml(procedureTijdlijn(view, new Date(now), lopendeTermijnen(view, states)))}
${openingSection(req, view, `${procedureUrl(view.procedureId)}/opening`)}
${actiesSection(req, view, state)}
${dekkingSection(view)}
${rondesSection(view)}
${await inschrijvingenSection(engine, req, view, states)}
${vragenSection(req, view, state)}
${documentenSection(view)}
${heading(2, "Logboek", "logboek")}
${logboek("Logboek van de procedure: wie deed wat, wanneer en waarom", log, verzegeldInLog)}`,
  });
}

/**
 * The procedure as the other roles of the region read it (beoordelaar, programmadirecteur, BOSD): the
 * timeline, the rounds, the documents with the proces-verbaal, and the logboek; no forms, except the
 * beoordelaar's confirmation of an opening where the procedure asks an inkoper and a beoordelaar.
 */
export async function procedureLeesPagina(engine: Engine, req: Request, res: Response, id: string): Promise<void> {
  const actor = actorOf(req);
  const view = await engine.procedure(id).get({ actor });
  const log = await engine.procedure(id).events({ actor });
  const now = new Date();
  const terug = actor.rol === "beoordelaar" ? link("/beoordelaar", "Naar de beoordelingen") : link("/besluiten", "Naar de besluiten");
  render(req, res, {
    title: view.titel,
    current: actor.rol === "beoordelaar" ? "/beoordelaar" : "/besluiten",
    body: html`<h1 class="utrecht-heading-1">${view.titel}</h1>
${paragraph(html`${status(statusTekst(view))} ${terug}`)}
${gegevens([
  ["Contract", contractNaam(view.contractId)],
  ["Soort procedure", procedureType[view.procedureType] ?? view.procedureType],
  ["Producten", html`<ul class="utrecht-unordered-list">${view.producten.map((p) => html`<li>${productNaam(p)}</li>`)}</ul>`],
])}
${tijdlijnHtml(procedureTijdlijn(view, now))}
${actor.rol === "beoordelaar" && view.opening?.openingDoor === "inkoper+beoordelaar" ? openingSection(req, view, `/beoordelaar/procedures/${encodeURIComponent(view.procedureId)}/opening`) : ""}
${rondesSection(view)}
${documentenSection(view)}
${heading(2, "Logboek", "logboek")}
${logboek("Logboek van de procedure: wie deed wat, wanneer en waarom", log, verzegeldInLog)}`,
  });
}
