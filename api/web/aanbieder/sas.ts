import type { Request, Response, Router } from "express";
import { randomBytes } from "node:crypto";
import { findContract } from "../../../domain/catalogue";
import type { SasFase } from "../../../domain/sas/sas";
import { submitSasOfferte } from "../../../engine/commands";
import { choiceGroup, csrfField, errorSummary, submitButton, textArea, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { table } from "../layout";
import { requireUser } from "../session";
import { engine, gegevens, handle, me, messagePage, moment, redirectWith, refusalOf, sendPage, type ProcedureView } from "./common";

/**
 * The aanbieder's side of a SAS after its aanmelding (inkoopplan 6.5, 6.7): the phase and what comes
 * next, its selection result, its own dialogue sessions, the published changes, the final offer with its
 * receipt, and a bezwaar in the standstill. The engine's view for the logged-in aanbieder (view.sas,
 * workflows/procedure/sas-view.ts) decides what it may see: never another's offer or session.
 *
 * GET  /aanbieder/procedures/:id/sas            the SAS page
 * POST /aanbieder/procedures/:id/sas/offerte    the final offer (urlencoded, CSRF), then its receipt
 * POST /aanbieder/procedures/:id/sas/bezwaar    a bezwaar against the voorlopige gunning
 */

type SasView = NonNullable<ProcedureView["sas"]>;
/** What an aanbieder sees of a SAS (the region's view has candidates and scores instead). */
export type MijnSas = Exclude<SasView, { selectieKandidaten: unknown }>;
type Perceel = MijnSas["opzet"]["percelen"][number];

export const sasFaseLabel: Record<SasFase, string> = {
  aanmelding: "Aanmelding",
  selectie: "Selectie: beoordeling van de aanmeldingen",
  selectiebesluit: "Besluit over de selectie",
  dialoog: "Dialoog met de geselecteerde kandidaten",
  inschrijving: "Definitieve inschrijving",
  opening: "Opening van de inschrijvingen",
  gunning: "Beoordeling van de inschrijvingen (gunning)",
  gunningsbesluit: "Besluit over de voorlopige gunning",
  standstill: "Opschortende termijn (standstill)",
  opgeschort: "Opgeschort wegens bezwaar",
  "definitief-besluit": "Besluit over de definitieve gunning",
  gegund: "Gegund",
};

/** What happens now and next, in plain Dutch, for the aanbieder. */
function uitleg(sas: MijnSas, view: ProcedureView): string {
  const sluiting = sas.offertes.sluitingAt;
  switch (sas.fase) {
    case "aanmelding":
      return `De aanmeldingstermijn loopt tot ${moment(view.sluitingAt, true)}. Daarna toetst de regio de toelatingscriteria (knock-outs) en beoordelen ten minste twee beoordelaars de aanmeldingen op de selectiecriteria.`;
    case "selectie":
      return "De aanmeldingstermijn is gesloten. De regio toetst de toelatingscriteria en beoordeelt de aanmeldingen op de selectiecriteria. U ontvangt daarna een selectiebeslissing.";
    case "selectiebesluit":
      return "Het voorstel voor de selectie ligt bij de programmadirecteur. Zodra die heeft beslist, ontvangt u de selectiebeslissing per e-mail en onder Mijn besluiten.";
    case "dialoog":
      return "De selectie is besloten. De regio voert nu de dialoog met elke geselecteerde kandidaat apart. Wijzigt de regio daarna de eisen, dan krijgen alle geselecteerde kandidaten tegelijk een nota van wijzigingen. Daarna volgt de uitnodiging tot de definitieve inschrijving, met een sluitingstijdstip.";
    case "inschrijving":
      return `De dialoog is gesloten. Geselecteerde kandidaten dienen hun definitieve inschrijving in vóór ${moment(sluiting, true)}. Wat later binnenkomt, wordt niet aanvaard. Alle inschrijvingen blijven verzegeld tot de opening.`;
    case "opening":
      return "De inschrijvingstermijn is gesloten. Twee medewerkers van de regio openen de inschrijvingen samen (vier ogen); daarna worden ze beoordeeld op de gunningscriteria.";
    case "gunning":
      return "De regio beoordeelt de inschrijvingen op de gunningscriteria. U ontvangt daarna een voorlopige gunningsbeslissing.";
    case "gunningsbesluit":
      return "Het voorstel voor de voorlopige gunning ligt bij de programmadirecteur. Daarna ontvangt u de voorlopige gunningsbeslissing.";
    case "standstill":
      return `De voorlopige gunningsbeslissing is verzonden. Tot ${moment(sas.standstillEinde, true)} loopt de opschortende termijn: in die tijd kan een inschrijver bezwaar maken. Daarna volgt de definitieve gunning.`;
    case "opgeschort":
      return "Er is bezwaar gemaakt tegen de voorlopige gunning. De procedure is opgeschort totdat de regio het bezwaar heeft afgehandeld.";
    case "definitief-besluit":
      return "De opschortende termijn is voorbij. Het voorstel voor de definitieve gunning ligt bij de programmadirecteur.";
    case "gegund":
      return "De opdracht is definitief gegund. Wie gegund is, ontvangt een contract.";
    default:
      return "";
  }
}

const uitkomstLabel: Record<string, string> = { ongegrond: "Ongegrond", ingetrokken: "Ingetrokken", gegrond: "Gegrond" };

const newSleutel = () => randomBytes(18).toString("base64url");
const SLEUTEL = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_ANTWOORD = 20000;

const antwoordVeld = (perceel: string, criterium: string) => `antwoord.${perceel}.${criterium}`;

export interface OfferteForm {
  percelen: string[];
  antwoorden: Record<string, string>;
  sleutel: string;
}

interface Extra {
  offerte?: OfferteForm;
  offerteErrors?: FieldErrors;
  motivering?: string;
  bezwaarErrors?: FieldErrors;
  status?: number;
}

/** A refusal where no form stands (already in, not selected, too late): the engine's message on top of the section. */
function weigering(errors: FieldErrors | undefined): SafeHtml | string {
  const messages = Object.values(errors ?? {});
  if (messages.length === 0) return "";
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="foutmeldingen"><div class="utrecht-alert__content"><div class="utrecht-alert__message">${messages.map((m) => html`<p class="utrecht-paragraph">${m}</p>`)}</div></div></div>`;
}

const verstreken = (iso: string | undefined, now: number) => iso !== undefined && now >= new Date(iso).getTime();

/** The weight of a gunningscriterium as the aanbieder may know it: the opzet's, or the BOSD's gunningssystematiek. */
function gewicht(sas: MijnSas, perceel: string, c: { code: string; gewicht: number | null }): number | null {
  return sas.gunningssystematiek?.wegingen[`${perceel}:${c.code}`] ?? c.gewicht;
}

function perceelNaam(sas: MijnSas, id: string): string {
  return sas.opzet.percelen.find((p) => p.perceel === id)?.naam ?? id;
}

/** Selected percelen, in the opzet's order. */
function mijnPercelen(sas: MijnSas): Perceel[] {
  const mijn = sas.geselecteerdVoor ?? [];
  return sas.opzet.percelen.filter((p) => mijn.includes(p.perceel));
}

function offerteForm(req: Request, view: ProcedureView, sas: MijnSas, form: OfferteForm, errors: FieldErrors): SafeHtml {
  const percelen = mijnPercelen(sas);
  const kiezen = percelen.length > 1;
  return html`${errorSummary(errors)}
<form method="post" action="/aanbieder/procedures/${view.procedureId}/sas/offerte" novalidate id="veld-algemeen">
${csrfField(req.csrf!)}
<input type="hidden" name="sleutel" value="${form.sleutel}">
<p class="utrecht-paragraph">Sluitingstijdstip: <strong>${moment(sas.offertes.sluitingAt, true)}</strong>. Beantwoord elk gunningscriterium${kiezen ? " van elk perceel waarvoor u inschrijft" : ""}. Uw inschrijving blijft verzegeld tot de opening; u kunt één keer inschrijven.</p>
${
  kiezen
    ? html`<div id="veld-percelen" tabindex="-1">${choiceGroup({
        name: "percelen",
        legend: "Percelen waarvoor u inschrijft",
        type: "checkbox",
        options: percelen.map((p) => ({ value: p.perceel, label: p.naam })),
        checked: form.percelen,
        errors,
        description: "U bent voor deze percelen geselecteerd. Kies minstens één; beantwoord alleen de criteria van de percelen die u kiest.",
      })}</div>`
    : html`<input type="hidden" name="percelen" value="${percelen[0]?.perceel ?? ""}">`
}
${percelen.map(
  (p) => html`<section class="inkoop-kaart" aria-labelledby="perceel-${p.perceel}">
<h3 class="utrecht-heading-3" id="perceel-${p.perceel}">${kiezen ? `Perceel ${p.naam}` : `Gunningscriteria: ${p.naam}`}</h3>
${p.gunningscriteria.map((c) => {
  const g = gewicht(sas, p.perceel, c);
  const beschrijving = [c.toelichting, g !== null ? `Weging: ${g}.` : undefined, `Maximaal ${MAX_ANTWOORD} tekens.`].filter(Boolean).join(" ");
  return textArea({ name: antwoordVeld(p.perceel, c.code), label: `${c.code} ${c.naam}`, value: form.antwoorden[antwoordVeld(p.perceel, c.code)] ?? "", errors, rows: 6, required: true, description: beschrijving });
})}
</section>`,
)}
${submitButton("Definitieve inschrijving indienen")}
</form>`;
}

function readOfferte(req: Request, sas: MijnSas): OfferteForm {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const mijn = mijnPercelen(sas);
  const gekozen = new Set(Array.isArray(body.percelen) ? body.percelen : [body.percelen]);
  const antwoorden: Record<string, string> = {};
  for (const p of mijn)
    for (const c of p.gunningscriteria) {
      const v = body[antwoordVeld(p.perceel, c.code)];
      if (typeof v === "string") antwoorden[antwoordVeld(p.perceel, c.code)] = v;
    }
  const sleutel = typeof body.sleutel === "string" && SLEUTEL.test(body.sleutel) ? body.sleutel : newSleutel();
  return { percelen: mijn.map((p) => p.perceel).filter((p) => gekozen.has(p)), antwoorden, sleutel };
}

function checkOfferte(sas: MijnSas, form: OfferteForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.percelen.length === 0) errors.percelen = "Kies minstens één perceel waarvoor u inschrijft.";
  for (const p of mijnPercelen(sas).filter((x) => form.percelen.includes(x.perceel)))
    for (const c of p.gunningscriteria) {
      const naam = antwoordVeld(p.perceel, c.code);
      const v = (form.antwoorden[naam] ?? "").trim();
      if (v === "") errors[naam] = `Beantwoord ${c.code} (${c.naam})${sas.opzet.percelen.length > 1 ? ` voor perceel ${p.naam}` : ""}.`;
      else if (v.length > MAX_ANTWOORD) errors[naam] = `Het antwoord op ${c.code} is te lang (maximaal ${MAX_ANTWOORD} tekens).`;
    }
  return errors;
}

/** Where an engine refusal of the offer belongs: `antwoorden.<perceel>.<criterium>` or `percelen`; anything else on top. */
function offerteVeld(veld: string | undefined): string {
  const v = veld ?? "";
  if (v === "percelen" || v.startsWith("percelen.")) return "percelen";
  const m = /^antwoorden\.([^.]+)\.([^.]+)$/.exec(v);
  if (m && !/^\d+$/.test(m[1]!)) return antwoordVeld(m[1]!, m[2]!);
  return "algemeen";
}

export function sasRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);
  const path = (id: string) => `/aanbieder/procedures/${encodeURIComponent(id)}/sas`;

  /** The procedure and its SAS as this aanbieder may see them; a page saying so when it is no SAS. */
  const load = async (req: Request, res: Response): Promise<{ view: ProcedureView; sas: MijnSas } | null> => {
    const view = await e.procedure(String(req.params.id)).get({ actor: me(req).actor });
    const sas = view.sas as SasView | undefined;
    if (!sas || "selectieKandidaten" in sas) {
      messagePage(req, res, 404, "Geen selectieprocedure", "Deze procedure is geen SAS-aanbesteding: er is geen selectie, dialoog of definitieve inschrijving.", {
        href: `/aanbieder/procedures/${encodeURIComponent(view.procedureId)}`,
        label: "Terug naar de procedure",
      });
      return null;
    }
    return { view, sas };
  };

  const show = (req: Request, res: Response, view: ProcedureView, sas: MijnSas, x: Extra = {}) => {
    const now = Date.now();
    const contract = findContract(view.contractId);
    const aangemeld = view.inschrijvingen.find((a) => a.ronde === 1);
    const geselecteerd = sas.geselecteerdVoor;
    const mijnOfferte = sas.mijnOfferte;
    const notas = view.documenten.filter((d) => d.doel === "nota-van-wijzigingen");
    const notaVan = (nr: number) => notas.find((d) => d.bestandsnaam.startsWith(`nota-van-wijzigingen-${nr}-`));
    const offerteOpen = sas.fase === "inschrijving" && (geselecteerd?.length ?? 0) > 0 && !mijnOfferte && !verstreken(sas.offertes.sluitingAt, now);
    const openBezwaar = sas.bezwaren.find((b) => !b.afhandeling);
    const bezwaarOpen = (sas.fase === "standstill" || sas.fase === "opgeschort") && Boolean(mijnOfferte) && !verstreken(sas.standstillEinde, now) && !openBezwaar;
    const fouten = Object.keys(x.offerteErrors ?? {}).length + Object.keys(x.bezwaarErrors ?? {}).length > 0;

    const selectie = (): SafeHtml => {
      if (!aangemeld) return html`<p class="utrecht-paragraph">U heeft zich niet aangemeld voor deze procedure.</p>`;
      if (!geselecteerd)
        return html`<p class="utrecht-paragraph">U heeft zich aangemeld op ${moment(aangemeld.ontvangenOp)}${aangemeld.percelen && sas.opzet.percelen.length > 1 ? ` voor ${aangemeld.percelen.map((p) => perceelNaam(sas, p)).join(" en ")}` : ""}. Over de selectie is nog niet besloten.</p>`;
      if (geselecteerd.length === 0)
        return html`<p class="utrecht-paragraph"><strong>U bent niet geselecteerd.</strong> De motivering staat in uw selectiebeslissing onder <a class="utrecht-link" href="/aanbieder/besluiten">Mijn besluiten</a>.</p>`;
      return html`<p class="utrecht-paragraph"><strong>U bent geselecteerd</strong>${sas.opzet.percelen.length > 1 ? ` voor ${geselecteerd.map((p) => perceelNaam(sas, p)).join(" en ")}` : ""}. U neemt deel aan de dialoog en wordt uitgenodigd tot de definitieve inschrijving. De selectiebeslissing staat onder <a class="utrecht-link" href="/aanbieder/besluiten">Mijn besluiten</a>.</p>`;
    };

    const offerte = (): SafeHtml => {
      if (offerteOpen) return offerteForm(req, view, sas, x.offerte ?? { percelen: mijnPercelen(sas).map((p) => p.perceel), antwoorden: {}, sleutel: newSleutel() }, x.offerteErrors ?? {});
      const foutmelding = weigering(x.offerteErrors);
      if (mijnOfferte)
        return html`${foutmelding}<p class="utrecht-paragraph">Uw definitieve inschrijving is ontvangen. Bewaar dit ontvangstbewijs: de SHA-256 legt vast wat u heeft ingediend.</p>
${gegevens([
  ["Ontvangstbewijs", mijnOfferte.ontvangstbewijsId],
  ["Ontvangen op", moment(mijnOfferte.ontvangenOp, true)],
  ["SHA-256 van de inschrijving", html`<code>${mijnOfferte.sha256}</code>`],
  ["Percelen", mijnOfferte.percelen.map((p) => perceelNaam(sas, p)).join("; ")],
])}
<details><summary>Uw antwoorden (${mijnOfferte.antwoorden.length})</summary>
${mijnOfferte.antwoorden.map((a) => {
  const c = sas.opzet.percelen.find((p) => p.perceel === a.perceel)?.gunningscriteria.find((g) => g.code === a.criterium);
  return html`<h4 class="utrecht-heading-4">${a.criterium}${c ? ` ${c.naam}` : ""}${sas.opzet.percelen.length > 1 ? ` (${perceelNaam(sas, a.perceel)})` : ""}</h4><p class="utrecht-paragraph">${a.antwoord}</p>`;
})}
</details>
${sas.offertes.geopendOp ? "" : html`<p class="utrecht-paragraph">Uw inschrijving blijft verzegeld tot de opening na het sluitingstijdstip (${moment(sas.offertes.sluitingAt, true)}).</p>`}`;
      if (!sas.offertes.sluitingAt)
        return html`${foutmelding}<p class="utrecht-paragraph">${geselecteerd && geselecteerd.length > 0 ? "Na de dialoog nodigt de regio u uit tot de definitieve inschrijving; dan verschijnt hier het formulier." : "Alleen geselecteerde kandidaten doen een definitieve inschrijving."}</p>`;
      if (!geselecteerd || geselecteerd.length === 0) return html`${foutmelding}<p class="utrecht-paragraph">Alleen geselecteerde kandidaten doen een definitieve inschrijving.</p>`;
      return html`${foutmelding}<p class="utrecht-paragraph">De inschrijvingstermijn is gesloten op ${moment(sas.offertes.sluitingAt, true)}. U heeft geen definitieve inschrijving ingediend.</p>`;
    };

    const gunning = (): SafeHtml | string => {
      const regels: [string, string][] = [];
      if (sas.voorlopigGegund) regels.push(["Voorlopige gunning", sas.voorlopigGegund.length > 0 ? `Voorlopig gegund: ${sas.voorlopigGegund.map((p) => perceelNaam(sas, p)).join(" en ")}` : "Niet voorlopig gegund"]);
      if (sas.standstillEinde) regels.push(["Einde opschortende termijn", moment(sas.standstillEinde, true)]);
      if (sas.gegundPerceel !== undefined) regels.push(["Definitieve gunning", sas.gegundPerceel ? `Gegund: ${perceelNaam(sas, sas.gegundPerceel)}` : "Niet gegund"]);
      if (regels.length === 0) return "";
      return html`<h2 class="utrecht-heading-2">Gunning</h2>
${gegevens(regels)}
<p class="utrecht-paragraph">De beslissingen met hun motivering staan onder <a class="utrecht-link" href="/aanbieder/besluiten">Mijn besluiten</a>.</p>`;
    };

    const bezwaar = (): SafeHtml | string => {
      if (!bezwaarOpen && sas.bezwaren.length === 0 && !x.bezwaarErrors) return "";
      const errors = x.bezwaarErrors ?? {};
      return html`<h2 class="utrecht-heading-2" id="bezwaar">Bezwaar tegen de voorlopige gunning</h2>
${
  sas.bezwaren.length > 0
    ? sas.bezwaren.map(
        (b) => html`<div class="inkoop-kaart"><h3 class="utrecht-heading-3">Bezwaar ${b.nr}, ingediend op ${moment(b.ingediendOp)}</h3>
<p class="utrecht-paragraph">${b.motivering}</p>
${
  b.afhandeling
    ? html`<p class="utrecht-paragraph"><strong>Afgehandeld op ${moment(b.afhandeling.at)}: ${uitkomstLabel[b.afhandeling.uitkomst] ?? b.afhandeling.uitkomst}.</strong> ${b.afhandeling.motivering}</p>`
    : html`<p class="utrecht-paragraph"><span class="inkoop-status">In behandeling</span> De procedure is opgeschort tot de regio uw bezwaar heeft afgehandeld.</p>`
}</div>`,
      )
    : ""
}
${
  bezwaarOpen || x.bezwaarErrors
    ? html`${errorSummary(errors)}
<form method="post" action="/aanbieder/procedures/${view.procedureId}/sas/bezwaar" novalidate id="veld-bezwaar-algemeen">
${csrfField(req.csrf!)}
<p class="utrecht-paragraph">U kunt bezwaar maken tot <strong>${moment(sas.standstillEinde, true)}</strong>. Een bezwaar schort de procedure op totdat de regio het heeft afgehandeld.</p>
${textArea({ name: "motivering", label: "Motivering van uw bezwaar", value: x.motivering ?? "", errors, required: true, rows: 6, description: "Minstens 20 en hoogstens 8000 tekens. Geef aan tegen welk deel van de voorlopige gunningsbeslissing u bezwaar maakt en waarom." })}
${submitButton("Bezwaar indienen")}
</form>`
    : ""
}`;
    };

    sendPage(req, res, {
      status: x.status ?? 200,
      title: `${fouten ? "Fout: " : ""}SAS: ${view.titel}`,
      body: html`<h1 class="utrecht-heading-1">SAS: ${view.titel}</h1>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/aanbieder/procedures/${view.procedureId}">Terug naar de procedure</a></p>
${gegevens([
  ["Contract", contract ? `${contract.naam} (inkoopplan ${contract.sectie})` : view.contractId],
  ["Fase", html`<span class="inkoop-status">${sasFaseLabel[sas.fase] ?? sas.fase}</span>`],
  ...(sas.offertes.sluitingAt ? ([["Sluiting definitieve inschrijving", moment(sas.offertes.sluitingAt, true)]] as [string, string][]) : []),
])}
<p class="utrecht-paragraph">${uitleg(sas, view)}</p>
<h2 class="utrecht-heading-2">Selectie</h2>
${selectie()}
<h2 class="utrecht-heading-2">Dialoog</h2>
${
  sas.dialoog.sessies.length > 0
    ? table(
        "Uw dialoogsessies",
        ["Datum", "Deelnemers", "Verslag"],
        sas.dialoog.sessies.map((s) => [html`${s.datum}`, html`${s.deelnemers.join(", ")}`, html`${s.verslag}`]),
      )
    : html`<h3 class="utrecht-heading-3">Uw dialoogsessies</h3>
<p class="utrecht-paragraph">Er zijn nog geen dialoogsessies met u vastgelegd.</p>`
}
<h3 class="utrecht-heading-3">Nota's van wijzigingen</h3>
${
  sas.dialoog.wijzigingen.length > 0
    ? sas.dialoog.wijzigingen.map((w) => {
        const nota = notaVan(w.nr);
        return html`<div class="inkoop-kaart"><h4 class="utrecht-heading-4">Wijziging ${w.nr}: ${w.onderwerp}</h4>
<p class="utrecht-paragraph">${w.wijziging}</p>
<p class="utrecht-paragraph">Gepubliceerd op ${moment(w.at)}.${nota ? html` <a class="utrecht-link" href="/api/v1/procedures/${view.procedureId}/documenten/${nota.id}">${nota.bestandsnaam}</a> (PDF, ${Math.ceil(nota.bytes / 1024)} kB)` : ""}</p></div>`;
      })
    : html`<p class="utrecht-paragraph">${geselecteerd && geselecteerd.length > 0 ? "Er zijn nog geen wijzigingen van de eisen gepubliceerd." : "Wijzigingen van de eisen uit de dialoog gaan alleen naar de geselecteerde kandidaten."}</p>`
}
${sas.dialoog.geslotenOp ? html`<p class="utrecht-paragraph">De dialoog is gesloten op ${moment(sas.dialoog.geslotenOp)}.</p>` : ""}
<h2 class="utrecht-heading-2" id="offerte">Definitieve inschrijving</h2>
${offerte()}
${gunning()}
${bezwaar()}`,
    });
  };

  router.get(
    "/aanbieder/procedures/:id/sas",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const loaded = await load(req, res);
      if (loaded) show(req, res, loaded.view, loaded.sas);
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/sas/offerte",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const loaded = await load(req, res);
      if (!loaded) return;
      const { view, sas } = loaded;
      const form = readOfferte(req, sas);
      // Not selected, or already in: the engine says so in its own words (a page check would hide its reason).
      const mag = (sas.geselecteerdVoor?.length ?? 0) > 0 && !sas.mijnOfferte;
      const errors = mag ? checkOfferte(sas, form) : {};
      if (Object.keys(errors).length > 0) return show(req, res, view, sas, { offerte: form, offerteErrors: errors, status: 400 });
      const { actor, kvk } = me(req);
      const antwoorden = mijnPercelen(sas)
        .filter((p) => form.percelen.includes(p.perceel))
        .flatMap((p) => p.gunningscriteria.map((c) => ({ perceel: p.perceel, criterium: c.code, antwoord: (form.antwoorden[antwoordVeld(p.perceel, c.code)] ?? "").trim() })));
      try {
        // The key is the aanbieder's own: a double click gets the same receipt, another party cannot fetch it.
        const r = await submitSasOfferte(e.engine, view.procedureId, { actor, percelen: form.percelen, antwoorden }, { idempotencyKey: `sas-offerte:${kvk}:${form.sleutel}` });
        const b = r.ontvangstbewijs;
        redirectWith(
          res,
          `${path(view.procedureId)}#offerte`,
          b
            ? `Uw definitieve inschrijving is ontvangen. Ontvangstbewijs ${b.ontvangstbewijsId}, ontvangen op ${moment(b.ontvangenOp, true)}, SHA-256 ${b.sha256}.`
            : "Uw definitieve inschrijving is ontvangen.",
        );
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        show(req, res, view, sas, { offerte: { ...form, sleutel: newSleutel() }, offerteErrors: { [offerteVeld(refusal.veld)]: refusal.message }, status: refusal.status });
      }
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/sas/bezwaar",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const loaded = await load(req, res);
      if (!loaded) return;
      const { view, sas } = loaded;
      const motivering = typeof req.body?.motivering === "string" ? (req.body.motivering as string) : "";
      if (motivering.trim().length < 20)
        return show(req, res, view, sas, { motivering, bezwaarErrors: { motivering: motivering.trim() === "" ? "Vul de motivering van uw bezwaar in." : "Motiveer het bezwaar (minstens 20 tekens)." }, status: 400 });
      const { actor, kvk } = me(req);
      try {
        const r = await e.procedure(view.procedureId).sas({ actor, opdracht: { type: "DienBezwaarIn", kvk, motivering } });
        redirectWith(res, `${path(view.procedureId)}#bezwaar`, `Uw bezwaar${r.nr ? ` (nummer ${r.nr})` : ""} is ontvangen. De procedure is opgeschort tot de regio het heeft afgehandeld.`);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        show(req, res, view, sas, { motivering, bezwaarErrors: { [refusal.veld === "motivering" ? "motivering" : "bezwaar-algemeen"]: refusal.message }, status: refusal.status });
      }
    }),
  );
}
