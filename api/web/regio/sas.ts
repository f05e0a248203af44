import type { Request, Response } from "express";
import { toAmsterdamDate } from "../../../domain/calendar";
import type { Criterium } from "../../../domain/sas/opzet";
import type { Offerte, Voorstel } from "../../../domain/sas/sas";
import { formatScore, GELIJKE_STAND_REGEL, type ConsensusScore, type IndividueleScore, type ScoreRonde } from "../../../domain/sas/scoring";
import { choiceGroup, csrfField, errorSummary, selectField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { actorOf, alert, anchored, formId, gegevens, heading, link, PageError, paragraph, render, status, type Engine } from "./common";
import { sasFase, uitkomstSoort } from "./labels";

/**
 * The SAS of a procedure as the region works it (inkoopplan 6.5, 6.7): the phase and who waits for
 * whom, the opzet, the knock-outs, the scores with their consensus, the rankings, and a form for each
 * step the phase allows. What a role sees is the engine's view (workflows/procedure/sas-view.ts).
 */
export interface FormState {
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}
export const leeg: FormState = { errors: {}, values: {} };

export type View = Awaited<ReturnType<ReturnType<Engine["procedure"]>["get"]>>;
export type RegioSas = Extract<NonNullable<View["sas"]>, { selectieKandidaten: unknown }>;
export type Kandidaten = RegioSas["selectieKandidaten"][number];

export const sasUrl = (id: string) => `/inkoper/procedures/${encodeURIComponent(id)}/sas`;

/** The region's view of the SAS; a procedure without one is a 404, as in the JSON API. */
export function regioSas(view: View): RegioSas {
  const sas = view.sas;
  if (!sas) throw new PageError(404, "Deze procedure is geen SAS-aanbesteding.");
  if (!("selectieKandidaten" in sas)) throw new PageError(403, "Deze pagina is voor de regio.");
  return sas;
}

/** The key of one scoring item in a form field's name: perceel, KvK and criterium. */
export const itemKey = (perceel: string, kvk: string, criterium: string) => `${perceel}-${kvk}-${criterium}`;

export function value(state: FormState, name: string, fallback = ""): string {
  const v = state.values[name];
  return typeof v === "string" ? v : fallback;
}

export function postForm(req: Request, action: string, key: string, content: SafeHtml): SafeHtml {
  return html`<form method="post" action="${action}" id="${formId(key)}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}${content}</form>`;
}

export const hidden = (name: string, v: string) => html`<input type="hidden" name="${name}" value="${v}">`;

export const criteriumNaam = (c: Criterium) => `${c.code} ${c.naam}${c.gewicht !== null ? ` (gewicht ${String(c.gewicht)})` : ""}`;

/** What happens next in each phase, and who waits for whom. */
export const faseUitleg: Record<string, string> = {
  aanmelding:
    "Aanbieders melden zich aan tot het sluitingstijdstip. Daarna toetsen de beoordelaars de toelatingscriteria (knock-outs, met hoor en wederhoor); de selectie start vanzelf bij de sluiting.",
  selectie:
    "De beoordelaars scoren elke toegelaten kandidaat zelfstandig op de selectiecriteria; daarna stelt de inkoper per onderdeel de consensusscore vast. Zijn alle knock-outs beoordeeld en heeft elk onderdeel een consensus, dan stelt de inkoper de selectie voor.",
  selectiebesluit:
    "De inkoper wacht op het besluit van de programmadirecteur over de selectie. Bij akkoord gaan de selectiebeslissingen naar de kandidaten en begint de dialoog; bij terugsturen kan de inkoper de selectie opnieuw voorstellen.",
  dialoog:
    "De inkoper voert met elke geselecteerde kandidaat een dialoogsessie en legt die vast; een wijziging van de eisen gaat tegelijk naar alle geselecteerden. Daarna sluit de inkoper de dialoog en nodigt uit tot inschrijving tot een sluitingstijdstip.",
  inschrijving:
    "De geselecteerde kandidaten schrijven in tot het sluitingstijdstip. Tot de opening zijn de inschrijvingen verzegeld: ook de regio ziet alleen het aantal. Na het sluitingstijdstip wacht de procedure op de opening.",
  opening: "Het sluitingstijdstip is verstreken. Twee verschillende personen van de regio bevestigen de opening (vier ogen); pas daarna zijn de inschrijvingen zichtbaar en begint het scoren.",
  gunning:
    "De beoordelaars scoren de inschrijvingen zelfstandig op de gunningscriteria; de inkoper stelt per onderdeel de consensusscore vast en stelt daarna de voorlopige gunning voor.",
  gunningsbesluit:
    "De inkoper wacht op het besluit van de programmadirecteur over de voorlopige gunning. Bij akkoord gaan de voorlopige gunningsbeslissingen uit en loopt de opschortende termijn.",
  standstill: "De opschortende termijn loopt: inschrijvers kunnen bezwaar maken. Na het einde van de termijn, zonder open bezwaar, stelt de inkoper de definitieve gunning voor.",
  opgeschort: "Er is bezwaar gemaakt: de procedure wacht tot de inkoper elk bezwaar heeft afgehandeld. Een gegrond bezwaar brengt de gunning terug naar het scoren.",
  "definitief-besluit": "De inkoper wacht op het besluit van de programmadirecteur over de definitieve gunning; bij akkoord ontstaan de contracten.",
  gegund: "De SAS is afgerond: de contracten zijn gegund.",
};

/** KvK → name, from the aanmeldingen the region may see (after the closing) and the candidates' lists. */
export function namen(view: View, sas: RegioSas): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of view.inschrijvingen as { kvk: string; naam: string }[]) m.set(a.kvk, a.naam);
  for (const p of [...sas.selectieKandidaten, ...sas.gunningKandidaten]) for (const k of p.kandidaten) if (!m.has(k.kvk)) m.set(k.kvk, k.naam);
  return m;
}

export const wieIs = (n: Map<string, string>, kvk: string) => `${n.get(kvk) ?? kvk} (KvK ${kvk})`;

function opzetSection(sas: RegioSas): SafeHtml {
  const i = sas.opzet.instellingen;
  const gs = sas.gunningssystematiek;
  const percelen = sas.opzet.percelen.map((p) => {
    const gunning = p.gunningscriteria.map((c) => ({ ...c, gewicht: gs?.wegingen[`${p.perceel}:${c.code}`] ?? c.gewicht }));
    return html`<div class="inkoop-kaart">${heading(3, `Perceel ${p.naam}`)}
${gegevens([
  ["Maximaal aantal kandidaten", String(p.maxKandidaten)],
  ["Maximaal aantal gunningen", p.maxGunningen !== undefined ? String(p.maxGunningen) : "Geen maximum: elke inschrijver die de minimumscore haalt"],
  ["Minimale gunningsscore", p.minimumGunningsscore !== undefined ? String(p.minimumGunningsscore) : undefined],
])}
${table(`Selectiecriteria van ${p.naam}`, ["Code", "Criterium", "Gewicht"], p.selectiecriteria.map((c) => [html`${c.code}`, html`${c.naam}`, html`${c.gewicht !== null ? String(c.gewicht) : "—"}`]))}
${table(`Gunningscriteria van ${p.naam}`, ["Code", "Criterium", "Gewicht"], gunning.map((c) => [html`${c.code}`, html`${c.naam}`, html`${c.gewicht !== null ? String(c.gewicht) : "nog vast te stellen door het BOSD"}`]))}</div>`;
  });
  return html`${heading(2, "Opzet", "opzet")}
${gegevens([
  ["Schaal van de selectiescores", `${i.schaal.min} tot en met ${i.schaal.max} (gehele getallen)`],
  ["Schaal van de gunningsscores", gs ? `${gs.schaal.min} tot en met ${gs.schaal.max}` : "Stelt het BOSD vast in de gunningssystematiek"],
  ["Beoordelaars per onderdeel", `${i.aantalBeoordelaars}, elk zelfstandig, vóór de consensus`],
  ["Opening van de inschrijvingen", i.openingDoor === "inkoper+beoordelaar" ? "Een inkoper en een beoordelaar" : "Twee verschillende inkopers"],
  ["Opschortende termijn", `${i.standstillKalenderdagen} kalenderdagen`],
  ["Gunningssystematiek", sas.opzet.gunningssystematiekDoorBosd ? (gs ? `Vastgesteld door het BOSD op ${formatNl(gs.vastgesteldOp)}` : "Nog niet vastgesteld door het BOSD (inkoopplan 7.2)") : "Ligt vast in de opzet"],
])}
${percelen}`;
}

function knockOutSection(view: View, sas: RegioSas, n: Map<string, string>): SafeHtml {
  const ronde = view.rondes[0];
  const aanmelders = view.inschrijvingen as { kvk: string; naam: string; percelen?: string[] }[];
  if (view.verzegeld)
    return html`${heading(2, "Aanmeldingen en knock-outs", "knock-outs")}${alert("info", `Tot nu toe ${view.aantalInschrijvingen} aanmelding(en) ontvangen. Aanmeldingen zijn verzegeld tot het sluitingstijdstip (${formatNl(view.sluitingAt)}).`)}`;
  const uitkomsten = (ronde?.uitkomsten ?? {}) as Record<string, { soort: string; toelichting?: string }>;
  const open = aanmelders.filter((a) => !uitkomsten[a.kvk]).length;
  const perceelNaam = (id: string) => sas.opzet.percelen.find((p) => p.perceel === id)?.naam ?? id;
  const rows = aanmelders.map((a) => {
    const u = uitkomsten[a.kvk];
    return [
      link(`/inkoper/procedures/${encodeURIComponent(view.procedureId)}/inschrijvingen/${a.kvk}`, wieIs(n, a.kvk)),
      html`${(a.percelen ?? []).map(perceelNaam).join(", ")}`,
      html`${u ? uitkomstSoort[u.soort] ?? u.soort : "Toets loopt (knock-outs, eventueel hoor en wederhoor)"}`,
    ];
  });
  return html`${heading(2, "Aanmeldingen en knock-outs", "knock-outs")}
${paragraph(open > 0 ? `Bij ${open} aanmelding(en) loopt de toets op de toelatingscriteria nog; de selectie kan pas daarna worden voorgesteld.` : "Elke aanmelding heeft een uitkomst van de toets op de toelatingscriteria.")}
${table("Aanmeldingen en de uitkomst van de knock-outs", ["Aanmelder", "Percelen", "Uitkomst"], rows)}`;
}

function scoresVan(scores: readonly IndividueleScore[], ronde: ScoreRonde, perceel: string, kvk: string, criterium: string): IndividueleScore[] {
  return scores.filter((s) => s.ronde === ronde && s.perceel === perceel && s.kvk === kvk && s.criterium === criterium);
}

export function consensusVan(consensus: readonly ConsensusScore[], ronde: ScoreRonde, perceel: string, kvk: string, criterium: string): ConsensusScore | undefined {
  return consensus.find((s) => s.ronde === ronde && s.perceel === perceel && s.kvk === kvk && s.criterium === criterium);
}

const rondeWoord: Record<ScoreRonde, string> = { selectie: "selectie", gunning: "gunning" };

/** Candidate × criterium per perceel: how many scored, the scores, the consensus, and the form to set it. */
function scoringSection(req: Request, view: View, sas: RegioSas, ronde: ScoreRonde, state: FormState, n: Map<string, string>): SafeHtml {
  const lijst = ronde === "selectie" ? sas.selectieKandidaten : sas.gunningKandidaten;
  if (lijst.length === 0) return html``;
  const nodig = sas.opzet.instellingen.aantalBeoordelaars;
  const actief = sas.fase === ronde;
  const action = `${sasUrl(view.procedureId)}/consensus`;
  const percelen = lijst.map((p) => {
    const forms: SafeHtml[] = [];
    const rows = p.kandidaten.flatMap((k) =>
      p.criteria.map((c) => {
        const eigen = scoresVan(sas.scores, ronde, p.perceel, k.kvk, c.code);
        const cons = consensusVan(sas.consensus, ronde, p.perceel, k.kvk, c.code);
        const key = itemKey(p.perceel, k.kvk, c.code);
        if (actief && eigen.length >= nodig) {
          const score = `consensus-score-${key}`;
          const motivering = `consensus-motivering-${key}`;
          forms.push(
            postForm(
              req,
              action,
              `consensus-${key}`,
              html`${heading(3, `Consensus: ${k.naam}, ${c.code} ${c.naam}`)}
${paragraph(`Individuele scores: ${eigen.map((s) => `${s.beoordelaar} ${s.score}`).join(", ")}.${cons ? ` Huidige consensus: ${cons.score}.` : ""}`)}
${hidden("ronde", ronde)}${hidden("perceel", p.perceel)}${hidden("kvk", k.kvk)}${hidden("criterium", c.code)}
${textField({ name: score, label: "Consensusscore", type: "number", value: value(state, score, cons ? String(cons.score) : ""), errors: state.errors, required: true, description: `Een geheel getal van ${p.schaal.min} tot en met ${p.schaal.max}.` })}
${textArea({ name: motivering, label: "Motivering van de consensus", value: value(state, motivering, cons?.motivering ?? ""), errors: state.errors, required: true, description: "Minstens 20 tekens; de motivering komt in het verslag en de beslissingen." })}
${submitButton(cons ? "Consensus wijzigen" : "Consensus vastleggen", { secondary: Boolean(cons) })}`,
            ),
          );
        }
        return [
          html`${wieIs(n, k.kvk)}`,
          html`${criteriumNaam(c)}`,
          html`${String(eigen.length)} van ${String(nodig)}${eigen.length > 0 ? html`<br><small>${eigen.map((s) => `${s.beoordelaar}: ${s.score}`).join("; ")}</small>` : ""}`,
          html`${cons ? html`<strong>${String(cons.score)}</strong> <small>(${cons.door}: ${cons.motivering})</small>` : eigen.length >= nodig ? "Klaar voor consensus" : "Wacht op de beoordelaars"}`,
        ];
      }),
    );
    return html`${heading(3, `Perceel ${p.naam}`)}
${paragraph(`Schaal ${p.schaal.min} tot en met ${p.schaal.max}.`)}
${table(`Scores voor de ${rondeWoord[ronde]}, perceel ${p.naam}`, ["Kandidaat", "Criterium", "Individuele scores", "Consensus"], rows)}
${forms}`;
  });
  const open = sas.openItems[ronde];
  return html`${heading(2, ronde === "selectie" ? "Scores voor de selectie" : "Scores voor de gunning", `scores-${ronde}`)}
${actief ? paragraph(`${open} onderdeel/onderdelen zonder consensusscore. De consensus kan per onderdeel zodra ${nodig} beoordelaars het zelfstandig scoorden.`) : ""}
${percelen}`;
}

const beslistDoor = (r: Voorstel["percelen"][number]["rangschikking"][number]) =>
  r.beslistDoor ? (r.beslistDoor.soort === "criterium" ? `gelijke stand, beslist door ${r.beslistDoor.criterium}` : `gelijke stand, beslist door loting (lot ${r.beslistDoor.lot})`) : "";

function besluitStand(v: Voorstel): string {
  if (!v.besluit) return `Voorgelegd op ${formatNl(v.voorgesteldOp)}; wacht op het besluit.`;
  return v.besluit.akkoord ? `Akkoord op ${formatNl(v.besluit.at)}.` : `Teruggestuurd op ${formatNl(v.besluit.at)}: ${v.besluit.motivering}`;
}

/** The ranking of a proposal per perceel, with who goes through and how a tie was decided. */
function rangschikking(titel: string, id: string, v: Voorstel, sas: RegioSas, n: Map<string, string>, doorWoord: string): SafeHtml {
  const percelen = v.percelen.map((p) => {
    const naam = sas.opzet.percelen.find((x) => x.perceel === p.perceel)?.naam ?? p.perceel;
    const rows = p.rangschikking.map((r) => [
      html`${String(r.plaats)}`,
      html`${wieIs(n, r.kvk)}`,
      html`${formatScore(r.totaal)}`,
      html`${Object.entries(r.scores).map(([c, s]) => `${c}: ${s}`).join(", ")}`,
      html`${p.door.includes(r.kvk) ? doorWoord : "Afgewezen"}`,
      html`${beslistDoor(r)}`,
    ]);
    return html`${table(`Rangschikking perceel ${naam}`, ["Plaats", "Kandidaat", "Gewogen totaal", "Consensusscores", "Uitkomst", "Gelijke stand"], rows)}
${p.grensDoorGelijkeStand ? alert("warning", "De grens viel tussen gelijke totalen: de regel bij gelijke stand besliste wie doorging.") : ""}`;
  });
  const ko = v.knockOuts ?? [];
  return html`${heading(2, titel, id)}
${gegevens([
  ["Besluit", html`${link(`/besluiten/${encodeURIComponent(v.besluitId)}`, v.besluitId)}`],
  ["Stand", besluitStand(v)],
  ["Toelichting", v.toelichting],
])}
${percelen}
${ko.length > 0 ? table("Afgewezen op de toelatingscriteria (niet gescoord)", ["Kandidaat", "Toelichting"], ko.map((k) => [html`${wieIs(n, k.kvk)}`, html`${k.toelichting}`])) : ""}
${paragraph(html`<small>Regel bij gelijke stand: ${GELIJKE_STAND_REGEL}</small>`)}`;
}

function offertesSection(sas: RegioSas, n: Map<string, string>): SafeHtml {
  const o = sas.offertes;
  if (!o.sluitingAt) return html``;
  const perceelNaam = (id: string) => sas.opzet.percelen.find((p) => p.perceel === id)?.naam ?? id;
  if (!o.geopendOp)
    return html`${heading(2, "Inschrijvingen", "offertes")}
${alert("info", `${o.aantal} inschrijving(en) ontvangen. De inschrijvingen zijn verzegeld tot de opening: tot dan ziet ook de regio alleen het aantal, niet van wie ze zijn of wat erin staat. Sluitingstijdstip: ${formatNl(o.sluitingAt)}.`)}`;
  const ontvangen = o.ontvangen as Offerte[];
  return html`${heading(2, "Inschrijvingen", "offertes")}
${paragraph(`Geopend op ${formatNl(o.geopendOp)} door ${o.bevestigingen.map((b) => `${b.door} (${b.rol})`).join(" en ")}.`)}
${table(
  "Geopende inschrijvingen",
  ["Inschrijver", "Percelen", "Ontvangen", "Ontvangstbewijs", "Antwoorden"],
  ontvangen.map((x) => [
    html`${wieIs(n, x.kvk)}`,
    html`${x.percelen.map(perceelNaam).join(", ")}`,
    html`${formatNl(x.ontvangenOp)}`,
    html`${x.ontvangstbewijsId}<br><small>SHA-256 ${x.sha256}</small>`,
    html`<details><summary>${String(x.antwoorden.length)} antwoord(en)</summary><ul class="utrecht-unordered-list">${x.antwoorden.map((a) => html`<li>${perceelNaam(a.perceel)}, ${a.criterium}: ${a.antwoord}</li>`)}</ul></details>`,
  ]),
)}`;
}

function dialoogSection(req: Request, view: View, sas: RegioSas, state: FormState, n: Map<string, string>, vrij: boolean): SafeHtml {
  const d = sas.dialoog;
  const url = sasUrl(view.procedureId);
  const inDialoog = sas.fase === "dialoog";
  if (!inDialoog && d.sessies.length === 0 && d.wijzigingen.length === 0) return html``;
  const geselecteerd = Object.keys(sas.geselecteerd);
  const zonder = geselecteerd.filter((kvk) => !d.sessies.some((s) => s.kvk === kvk));
  const forms: SafeHtml[] = [];
  if (inDialoog) {
    forms.push(
      postForm(
        req,
        `${url}/dialoogsessies`,
        "dialoogsessie",
        html`${heading(3, "Dialoogsessie vastleggen")}
${selectField({ name: "sessie-kvk", label: "Kandidaat", value: value(state, "sessie-kvk"), options: [{ value: "", label: "Kies een geselecteerde kandidaat" }, ...geselecteerd.map((k) => ({ value: k, label: wieIs(n, k) }))], errors: state.errors, required: true })}
${textField({ name: "sessie-datum", label: "Datum van de sessie", type: "date", value: value(state, "sessie-datum", toAmsterdamDate(new Date())), errors: state.errors, required: true })}
${textArea({ name: "sessie-deelnemers", label: "Deelnemers", value: value(state, "sessie-deelnemers"), errors: state.errors, required: true, description: "Eén deelnemer per regel, met organisatie." })}
${textArea({ name: "sessie-verslag", label: "Verslag", value: value(state, "sessie-verslag"), errors: state.errors, required: true, rows: 6, description: "Minstens 20 tekens." })}
${submitButton("Sessie vastleggen")}`,
      ),
      postForm(
        req,
        `${url}/wijzigingen`,
        "wijziging",
        html`${heading(3, "Wijziging van de eisen publiceren")}
${paragraph("De wijziging gaat als nota van wijzigingen tegelijk naar alle geselecteerde kandidaten.")}
${textField({ name: "wijziging-onderwerp", label: "Onderwerp", value: value(state, "wijziging-onderwerp"), errors: state.errors, required: true })}
${textArea({ name: "wijziging-tekst", label: "Wijziging", value: value(state, "wijziging-tekst"), errors: state.errors, required: true, rows: 6, description: "Minstens 20 tekens." })}
${submitButton("Wijziging publiceren")}`,
      ),
    );
    const voorwaarden = [
      ...(zonder.length > 0 ? [`nog geen sessie met ${zonder.map((k) => wieIs(n, k)).join(", ")}`] : []),
      ...(!sas.gunningssystematiek ? ["de gunningssystematiek is nog niet vastgesteld door het BOSD"] : []),
    ];
    if (vrij || voorwaarden.length > 0)
      forms.push(
        postForm(
          req,
          `${url}/dialoog-sluiting`,
          "dialoog-sluiting",
          html`${heading(3, "Dialoog sluiten en uitnodigen tot inschrijving")}
${voorwaarden.length > 0 ? alert("warning", `Sluiten kan nog niet: ${voorwaarden.join("; ")}.`) : ""}
${textField({ name: "sluiting", label: "Sluitingstijdstip van de inschrijving", type: "datetime-local", value: value(state, "sluiting"), errors: state.errors, required: true, description: "Datum en tijd in Nederlandse tijd (Europe/Amsterdam). Tot dan zijn de inschrijvingen verzegeld." })}
${submitButton("Dialoog sluiten")}`,
        ),
      );
  }
  return html`${heading(2, "Dialoog", "dialoog")}
${d.geslotenOp ? paragraph(`Gesloten op ${formatNl(d.geslotenOp)}.`) : ""}
${table("Dialoogsessies", ["Nr.", "Kandidaat", "Datum", "Deelnemers", "Verslag", "Vastgelegd door"], d.sessies.map((s) => [html`${String(s.nr)}`, html`${wieIs(n, s.kvk)}`, html`${s.datum}`, html`${s.deelnemers.join(", ")}`, html`${s.verslag}`, html`${s.vastgelegdDoor}`]))}
${table("Gepubliceerde wijzigingen", ["Nr.", "Onderwerp", "Wijziging", "Gepubliceerd"], d.wijzigingen.map((w) => [html`${String(w.nr)}`, html`${w.onderwerp}`, html`${w.wijziging}`, html`${formatNl(w.at)} door ${w.door}`]))}
${forms}`;
}

function gunningssystematiekForm(req: Request, view: View, sas: RegioSas, state: FormState): SafeHtml {
  const s = sas.opzet.instellingen.schaal;
  const velden = sas.opzet.percelen.flatMap((p) =>
    p.gunningscriteria.map((c) => {
      const name = `gewicht-${p.perceel}-${c.code}`;
      return textField({ name, label: `Gewicht ${c.code} ${c.naam}${sas.opzet.percelen.length > 1 ? ` (${p.naam})` : ""}`, type: "number", value: value(state, name), errors: state.errors, required: true });
    }),
  );
  return postForm(
    req,
    `${sasUrl(view.procedureId)}/gunningssystematiek`,
    "gunningssystematiek",
    html`${heading(3, "Gunningssystematiek voorleggen aan het BOSD")}
${paragraph("Het BOSD stelt de gewichten en de schaal van de gunningscriteria vast (inkoopplan 7.2), vóór de uitnodiging tot inschrijving.")}
${anchored("wegingen", html`${velden}`)}
${textField({ name: "schaal-min", label: "Schaal: laagste score", type: "number", value: value(state, "schaal-min", String(s.min)), errors: state.errors, required: true })}
${textField({ name: "schaal-max", label: "Schaal: hoogste score", type: "number", value: value(state, "schaal-max", String(s.max)), errors: state.errors, required: true })}
${textArea({ name: "gs-motivering", label: "Motivering", value: value(state, "gs-motivering"), errors: state.errors, required: true, description: "Minstens 20 tekens." })}
${submitButton("Gunningssystematiek voorleggen")}`,
  );
}

function openingSection(req: Request, view: View, sas: RegioSas, userId: string): SafeHtml {
  if (sas.fase !== "opening") return html``;
  const b = sas.offertes.bevestigingen;
  const tweede = sas.opzet.instellingen.openingDoor === "inkoper+beoordelaar" ? "een beoordelaar" : "een tweede inkoper";
  const al = b.some((x) => x.door === userId);
  return html`${heading(2, "Opening (vier ogen)", "opening")}
${paragraph(b.length === 0 ? `Nog niemand bevestigde de opening. Eerst bevestigt een inkoper, daarna ${tweede}.` : `Bevestigd door ${b.map((x) => `${x.door} (${x.rol}) op ${formatNl(x.at)}`).join(", ")}. Nu bevestigt ${tweede}; daarna zijn de inschrijvingen open.`)}
${al ? alert("info", "U heeft de opening al bevestigd; een tweede persoon van de regio bevestigt.") : postForm(req, `${sasUrl(view.procedureId)}/opening`, "opening", html`${submitButton("Bevestig de opening")}`)}`;
}

function bezwarenSection(req: Request, view: View, sas: RegioSas, state: FormState, n: Map<string, string>): SafeHtml {
  if (sas.bezwaren.length === 0 && !sas.voorlopigeGunning?.standstillEinde) return html``;
  const items = sas.bezwaren.map((b) => {
    const pre = `bezwaar-${b.nr}`;
    const afh = b.afhandeling
      ? paragraph(`Afgehandeld: ${b.afhandeling.uitkomst}, door ${b.afhandeling.door} op ${formatNl(b.afhandeling.at)}. ${b.afhandeling.motivering}`)
      : postForm(
          req,
          `${sasUrl(view.procedureId)}/bezwaren/${b.nr}/afhandeling`,
          pre,
          html`${anchored(`${pre}-uitkomst`, choiceGroup({ name: `${pre}-uitkomst`, legend: "Uitkomst", type: "radio", options: [{ value: "ongegrond", label: "Ongegrond" }, { value: "ingetrokken", label: "Ingetrokken" }, { value: "gegrond", label: "Gegrond: de gunning gaat terug naar het scoren" }], checked: value(state, `${pre}-uitkomst`) ? [value(state, `${pre}-uitkomst`)] : [], errors: state.errors }))}
${textArea({ name: `${pre}-motivering`, label: "Motivering", value: value(state, `${pre}-motivering`), errors: state.errors, required: true, description: "Minstens 20 tekens." })}
${submitButton("Afhandeling vastleggen")}`,
        );
    return html`<div class="inkoop-kaart">${heading(3, `Bezwaar ${b.nr} van ${wieIs(n, b.kvk)}`)}
${paragraph(`Ingediend op ${formatNl(b.ingediendOp)}: ${b.motivering}`)}${afh}</div>`;
  });
  return html`${heading(2, "Opschortende termijn en bezwaren", "bezwaren")}
${sas.standstillEinde ? paragraph(`De opschortende termijn loopt tot en met ${formatNl(sas.standstillEinde)}.`) : ""}
${items.length > 0 ? items : paragraph("Er is geen bezwaar gemaakt.")}`;
}

const lopendSoort: Record<string, string> = {
  "sas-selectie": "selectie, bij de programmadirecteur",
  "sas-gunningssystematiek": "gunningssystematiek, bij het BOSD",
  "sas-voorlopige-gunning": "voorlopige gunning, bij de programmadirecteur",
  "sas-definitieve-gunning": "definitieve gunning, bij de programmadirecteur",
  stopzetting: "stopzetten, bij het BOSD",
};

function actiesSection(req: Request, view: View, sas: RegioSas, state: FormState): SafeHtml {
  const url = sasUrl(view.procedureId);
  const lopend = view.lopendBesluit;
  const parts: SafeHtml[] = [];
  if (lopend) parts.push(alert("info", html`Er ligt een besluit voor (${lopendSoort[lopend.soort] ?? lopend.soort}): ${link(`/besluiten/${encodeURIComponent(lopend.besluitId)}`, lopend.besluitId)}. Nieuwe voorstellen volgen pas na dat besluit.`));
  if (sas.opzet.gunningssystematiekDoorBosd && !sas.gunningssystematiek && ["aanmelding", "selectie", "selectiebesluit", "dialoog"].includes(sas.fase) && !lopend) parts.push(gunningssystematiekForm(req, view, sas, state));
  if (sas.fase === "selectie" && !lopend)
    parts.push(
      postForm(
        req,
        `${url}/selectie`,
        "selectie",
        html`${heading(3, "Selectie voorstellen")}
${paragraph(`Het voorstel met de rangschikking per perceel gaat naar de programmadirecteur. Dat kan als alle knock-outs beoordeeld zijn en elk onderdeel een consensusscore heeft (nu ${sas.openItems.selectie} open).`)}
${textArea({ name: "selectie-toelichting", label: "Toelichting", value: value(state, "selectie-toelichting"), errors: state.errors, required: true, description: "Minstens 10 tekens." })}
${submitButton("Selectie voorstellen")}`,
      ),
    );
  if (sas.fase === "gunning" && !lopend)
    parts.push(
      postForm(
        req,
        `${url}/voorlopige-gunning`,
        "voorlopige-gunning",
        html`${heading(3, "Voorlopige gunning voorstellen")}
${paragraph(`Het voorstel met de rangschikking per perceel gaat naar de programmadirecteur; nu ${sas.openItems.gunning} onderdeel/onderdelen zonder consensus.`)}
${textArea({ name: "gunning-toelichting", label: "Toelichting", value: value(state, "gunning-toelichting"), errors: state.errors, required: true, description: "Minstens 10 tekens." })}
${submitButton("Voorlopige gunning voorstellen")}`,
      ),
    );
  if (sas.fase === "standstill" && !lopend)
    parts.push(
      postForm(
        req,
        `${url}/definitieve-gunning`,
        "definitieve-gunning",
        html`${heading(3, "Definitieve gunning voorstellen")}
${paragraph(`Na de opschortende termijn${sas.standstillEinde ? ` (tot en met ${formatNl(sas.standstillEinde)})` : ""} en zonder open bezwaar gaat het voorstel naar de programmadirecteur.`)}
${submitButton("Definitieve gunning voorstellen")}`,
      ),
    );
  return parts.length > 0 ? html`${heading(2, "Handelingen", "handelingen")}${parts}` : html``;
}

function gegundSection(sas: RegioSas, n: Map<string, string>): SafeHtml {
  const g = sas.definitief?.gegund;
  if (!g) return html``;
  const perceelNaam = (id: string) => sas.opzet.percelen.find((p) => p.perceel === id)?.naam ?? id;
  return html`${heading(2, "Definitief gegund", "gegund")}${table("Gegunde contracten", ["Aanbieder", "Perceel"], Object.entries(g).map(([kvk, p]) => [html`${wieIs(n, kvk)}`, html`${perceelNaam(p)}`]))}`;
}

/** The inkoper's SAS page; a refused form comes back here with its errors and the values typed. */
export async function sasPage(engine: Engine, req: Request, res: Response, id: string, state: FormState = leeg, httpStatus = 200): Promise<void> {
  const actor = actorOf(req);
  const view = await engine.procedure(id).get({ actor });
  const sas = regioSas(view);
  const n = namen(view, sas);
  const voorstel = sas.selectie ?? sas.selectieVoorstellen[sas.selectieVoorstellen.length - 1];
  const gunning = sas.voorlopigeGunning ?? sas.gunningsVoorstellen[sas.gunningsVoorstellen.length - 1];
  render(req, res, {
    title: `SAS: ${view.titel}`,
    current: "/inkoper",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">SAS: ${view.titel}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(sasFase[sas.fase] ?? sas.fase)} ${link(`/inkoper/procedures/${encodeURIComponent(id)}`, "Terug naar de procedure")}`)}
${heading(2, "Fase", "fase")}
${paragraph(faseUitleg[sas.fase] ?? "")}
${actiesSection(req, view, sas, state)}
${openingSection(req, view, sas, actor.id)}
${dialoogSection(req, view, sas, state, n, !view.lopendBesluit)}
${bezwarenSection(req, view, sas, state, n)}
${gegundSection(sas, n)}
${gunning ? rangschikking("Voorlopige gunning", "voorlopige-gunning-uitslag", gunning, sas, n, "Gegund") : ""}
${scoringSection(req, view, sas, "gunning", state, n)}
${offertesSection(sas, n)}
${voorstel ? rangschikking("Selectie", "selectie-uitslag", voorstel, sas, n, "Geselecteerd") : ""}
${scoringSection(req, view, sas, "selectie", state, n)}
${knockOutSection(view, sas, n)}
${opzetSection(sas)}`,
  });
}
