import type { Request, Response, Router } from "express";
import { findContract, toelatingscriteria } from "../../../domain/catalogue";
import type { CriteriumAntwoord } from "../../../domain/inschrijving/inschrijving";
import { dienTrajectOfferteIn } from "../../../engine/commands";
import { trajectEntity, type TrajectView } from "../../../workflows/traject/definition";
import { choiceGroup, csrfField, errorSummary, fileField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { table } from "../layout";
import { requireUser } from "../session";
import { errorsFrom } from "../regio/common";
import { beeindigingsReden } from "../regio/labels";
import { offerteKaart, RONDES_ONTWERP, rondesKaarten, toetsTekst } from "../regio/onderhands-traject";
import { engine, gegevens, handle, me, moment, ownDocuments, redirectWith, refusalOf, sendPage, type Engine } from "./common";
import { acceptAttribute, keptFields, parseKept, readMultipart, storeFiles, uploadHint, type KeptUpload } from "./multipart";

/*
 * The aanbieder's onderhandse trajectories (JB/JR 6.1, JeugdzorgPlus 6.2, Forensische GGZ 6.3): each
 * invitation is its own inkooptraject, addressed by the procedure and the logged-in aanbieder's own
 * KvK, so another aanbieder's trajectory cannot even be named here.
 *
 * GET  /aanbieder/onderhands              my invitations with their status and deadline
 * GET  /aanbieder/onderhands/:id          my trajectory: deadline, my offers, the rounds, outcome, besluiten, offer form
 * POST /aanbieder/onderhands/:id/offerte  an offer, or a revised offer after a conversation round
 */

const LIJST = "/aanbieder/onderhands";
const trajectPad = (id: string) => `${LIJST}/${encodeURIComponent(id)}`;
const DIENST_RIJEN = 5;
const PAD_RIJEN = 4;

/** The trajectory's state as the aanbieder reads it. */
const statusLabel: Record<string, string> = {
  uitgenodigd: "Uitgenodigd: doe uw offerte",
  ingediend: "Offerte ontvangen",
  onderhandeling: "In onderhandeling",
  "overeenstemming-voorgelegd": "Overeenstemming: wacht op het besluit",
  overeenstemming: "Overeenstemming bereikt",
  "beeindiging-voorgelegd": "Beëindiging: wacht op het besluit",
  beeindigd: "Beëindigd zonder gunning",
  verlopen: "Verlopen: geen offerte binnen de termijn",
  gegund: "Gegund",
};

type TrajectSummary = { id: string; procedureId?: string; kvk?: string; status?: string; deadline?: string };
type BesluitSummary = { id: string; procedureId?: string; ontvangerKvk?: string; status?: string };
type Values = Record<string, string>;
/** The evidence kept per answer, by the name of its verklaring field (`TC04.verklaring`, `TC07.verklaring.2`). */
type Bijlagen = Record<string, KeptUpload>;
/** The file and the kept-upload field beside a verklaring field. */
const bestandVan = (verklaring: string) => verklaring.replace(".verklaring", ".bestand");
const bewaardVan = (verklaring: string) => verklaring.replace(".verklaring", ".upload");
const BESTAND = /^TC\d+\.bestand(?:\.\d+)?$/;

const traject = (e: Engine, req: Request) => e.engine.entity(trajectEntity, `${String(req.params.id)}/${me(req).kvk}`);

/** Whether the aanbieder can make an offer now, and if not, why not. */
function offerteMogelijk(t: TrajectView, now = Date.now()): { kan: true } | { kan: false; reden: string } {
  if (t.status === "uitgenodigd")
    return now < new Date(t.deadline).getTime() ? { kan: true } : { kan: false, reden: `De termijn voor de offerte is verstreken op ${moment(t.deadline, true)}.` };
  if (t.status === "ingediend") return { kan: false, reden: "Uw offerte is ontvangen. Een herziene offerte kunt u doen na een gespreksronde met de regio." };
  if (t.status === "onderhandeling") {
    const ronde = t.rondes.length;
    return t.offertes.some((o) => o.naRonde === ronde)
      ? { kan: false, reden: `Na gespreksronde ${ronde} is uw herziene offerte ontvangen; een volgende versie volgt op een volgende gespreksronde.` }
      : { kan: true };
  }
  if (t.status === "overeenstemming-voorgelegd") return { kan: false, reden: "De regio stelt overeenstemming voor op uw laatste offerte; de programmadirecteur beslist. U ontvangt het besluit." };
  if (t.status === "beeindiging-voorgelegd") return { kan: false, reden: "De regio stelt voor dit traject te beëindigen; u ontvangt het besluit." };
  return { kan: false, reden: "In dit traject kan geen offerte meer worden gedaan." };
}

/** A Dutch amount ("4.210,50", "4210.5", "€ 610") as a number, or null. */
function bedrag(s: string): number | null {
  let v = s.replace(/€|\s/g, "");
  if (v.includes(",")) v = v.replace(/\./g, "").replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(v) ? Number(v) : null;
}
const getal = (n: number) => String(n).replace(".", ",");

/** The form values from the latest version, so a revised offer starts from what was offered. */
function uitVorigeVersie(t: TrajectView): Values {
  const o = t.offertes[t.offertes.length - 1];
  if (!o) return {};
  const v: Values = { toelichting: "" };
  o.diensten.forEach((d, i) => {
    v[`dienst-${i + 1}-naam`] = d.naam;
    v[`dienst-${i + 1}-tarief`] = getal(d.tarief);
    v[`dienst-${i + 1}-eenheid`] = d.eenheid;
  });
  if (o.landelijkTarief) {
    v.landelijk = o.landelijkTarief.geaccepteerd ? "ja" : "nee";
    o.landelijkTarief.ingroeipad.forEach((p, i) => {
      v[`ingroeipad-${i + 1}-jaar`] = String(p.jaar);
      v[`ingroeipad-${i + 1}-percentage`] = getal(p.percentage);
    });
  }
  return v;
}

/** The highest row of a repeated group that has a value, so a form shown again keeps every row typed. */
const rijen = (values: Values, prefix: string): number =>
  Math.max(0, ...Object.entries(values).filter(([k, v]) => k.startsWith(`${prefix}-`) && v.trim()).map(([k]) => Number(k.split("-")[1]) || 0));

const vrijstellingLabel: Record<string, string> = { "micro-onderneming": "Micro-onderneming", "geen-vrijwilligers": "Geen vrijwilligers" };
const anker = (name: string) => `veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/**
 * The toelatingscriteria with the first offer, as in the Open House (knock-outs; the regio judges them,
 * with hoor en wederhoor). TC02 and TC07 are asked per product: here per dienst row of the form, the
 * diensten standing in for the products the catalogue does not have for these contracts. Evidence goes
 * with each answer, as in the Open House; what is missing the regio asks for afterwards (herstel).
 */
function criteriaFields(req: Request, secret: string, values: Values, bijlagen: Bijlagen, errors: FieldErrors, aantalDiensten: number): SafeHtml {
  return html`<h3 class="utrecht-heading-3">Toelatingscriteria (bij uw eerste offerte)</h3>
<p class="utrecht-paragraph">Elk criterium is een harde eis (knock-out), zoals in de Open House. De regio toetst uw antwoorden; pas als u bent toegelaten, kan er overeenstemming volgen. Voeg bij elk antwoord het gevraagde bewijsstuk toe; ontbreekt er een, dan vraagt de regio erom (herstel).</p>
${toelatingscriteria.map((c) => {
  const vrijstelling = `${c.code}.vrijstelling`;
  const opties = [{ value: "voldoet", label: "Voldoet" }, { value: "voldoet-niet", label: "Voldoet niet" }, ...(c.vrijstellingen.length > 0 ? [{ value: "vrijgesteld", label: "Vrijgesteld" }] : [])];
  const verklaringen = (c.perProduct ? Array.from({ length: aantalDiensten }, (_, i) => i + 1) : [0]).map((n) => {
    const name = n === 0 ? `${c.code}.verklaring` : `${c.code}.verklaring.${n}`;
    return html`<div id="${anker(name)}" tabindex="-1">${choiceGroup({
      name,
      legend: n === 0 ? `Verklaring ${c.code}` : `Verklaring ${c.code} voor dienst ${n}`,
      type: "radio",
      options: opties,
      checked: values[name] ? [values[name]] : [],
      errors,
      ...(n === 1 ? { description: "Per dienst gevraagd (de diensten van uw offerte staan hier voor de producten): vul het in voor elke rij waarin u een dienst noemt." } : {}),
    })}</div>
${fileField({ name: bestandVan(name), label: n === 0 ? `Bewijsstuk bij ${c.code}` : `Bewijsstuk bij ${c.code} voor dienst ${n}`, description: uploadHint, errors, accept: acceptAttribute })}
${bijlagen[name] ? keptFields(secret, req, bewaardVan(name), [bijlagen[name]]) : ""}`;
  });
  return html`<section class="inkoop-kaart" aria-labelledby="criterium-${c.code}">
<h4 class="utrecht-heading-4" id="criterium-${c.code}">${c.code} ${c.titel}</h4>
<p class="utrecht-paragraph">${c.tekst}</p>
${c.bewijs.length > 0 ? html`<p class="utrecht-paragraph"><strong>Gevraagd bewijs:</strong></p>
<ul class="utrecht-unordered-list">${c.bewijs.map((b) => html`<li class="utrecht-unordered-list__item">${b.omschrijving}</li>`)}</ul>` : ""}
${verklaringen}
${
  c.vrijstellingen.length > 0
    ? html`<div id="${anker(vrijstelling)}" tabindex="-1">${choiceGroup({
        name: vrijstelling,
        legend: `Vrijstelling ${c.code}`,
        description: "Alleen invullen als u hierboven 'Vrijgesteld' kiest.",
        type: "radio",
        options: c.vrijstellingen.map((x) => ({ value: x.code, label: vrijstellingLabel[x.code] ?? x.code, description: x.omschrijving })),
        checked: values[vrijstelling] ? [values[vrijstelling]] : [],
        errors,
      })}</div>`
    : ""
}
${textArea({ name: `${c.code}.toelichting`, label: `Toelichting bij ${c.code}`, value: values[`${c.code}.toelichting`] ?? "", errors, rows: 3, description: "Maximaal 4000 tekens." })}
</section>`;
})}`;
}

/** The answers for the engine (per dienst where the criterion is per product), and the criterion of each. */
function leesCriteria(values: Values, bijlagen: Bijlagen, diensten: { n: number; naam: string }[], errors: FieldErrors): { antwoorden: CriteriumAntwoord[]; codes: string[] } {
  const antwoorden: CriteriumAntwoord[] = [];
  /** The form field of each answer sent, so a refusal on `antwoorden.7` lands on its field. */
  const codes: string[] = [];
  for (const c of toelatingscriteria) {
    const vrijstelling = values[`${c.code}.vrijstelling`] ?? "";
    const toelichting = (values[`${c.code}.toelichting`] ?? "").trim();
    if (toelichting.length > 4000) errors[`${c.code}.toelichting`] = `De toelichting bij ${c.code} is te lang (maximaal 4000 tekens).`;
    for (const d of c.perProduct ? diensten : [undefined]) {
      const name = d === undefined ? `${c.code}.verklaring` : `${c.code}.verklaring.${d.n}`;
      const verklaring = values[name] ?? "";
      if (verklaring !== "voldoet" && verklaring !== "voldoet-niet" && !(verklaring === "vrijgesteld" && c.vrijstellingen.length > 0)) {
        errors[name] = d === undefined ? `Kies bij ${c.code} (${c.titel}) of u voldoet.` : `Kies bij ${c.code} (${c.titel}) of u voldoet voor dienst ${d.n} (${d.naam}).`;
        continue;
      }
      if (verklaring === "vrijgesteld" && !c.vrijstellingen.some((x) => x.code === vrijstelling)) errors[`${c.code}.vrijstelling`] = `Kies welke vrijstelling geldt voor ${c.code} (${c.titel}).`;
      const bijlage = bijlagen[name];
      const antwoord = { criterium: c.code, verklaring, ...(verklaring === "vrijgesteld" ? { vrijstelling } : {}), ...(toelichting ? { toelichting } : {}), ...(bijlage ? { documentRef: bijlage.id } : {}) } as CriteriumAntwoord;
      antwoorden.push(d === undefined ? antwoord : { ...antwoord, productId: d.naam });
      codes.push(name);
    }
  }
  return { antwoorden, codes };
}

function offerteForm(req: Request, secret: string, t: TrajectView, values: Values, bijlagen: Bijlagen, errors: FieldErrors): SafeHtml {
  const v = (k: string) => values[k] ?? "";
  const aantalDiensten = Math.max(DIENST_RIJEN, rijen(values, "dienst") + 1);
  const aantalPad = Math.max(PAD_RIJEN, rijen(values, "ingroeipad") + 1);
  const padFout = errors.ingroeipad;
  return html`<form method="post" action="${trajectPad(t.procedureId)}/offerte" enctype="multipart/form-data" id="veld-offerte" class="inkoop-kaart" novalidate>
${csrfField(req.csrf!)}
${errors.offerte ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${errors.offerte}</p></div></div>` : ""}
<h3 class="utrecht-heading-3">Diensten en tarieven</h3>
<p class="utrecht-paragraph">Per dienst de naam, het tarief in euro en de eenheid (bijvoorbeeld: per jaar, per etmaal, per uur). Lege rijen worden overgeslagen; minstens één dienst is nodig.</p>
${Array.from({ length: aantalDiensten }, (_, i) => i + 1).map(
  (n) => html`<fieldset class="utrecht-form-fieldset inkoop-kaart">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Dienst ${String(n)}</legend>
${textField({ name: `dienst-${n}-naam`, label: `Naam van dienst ${n}`, value: v(`dienst-${n}-naam`), errors, required: n === 1 })}
${textField({ name: `dienst-${n}-tarief`, label: `Tarief van dienst ${n} in euro`, value: v(`dienst-${n}-tarief`), errors, required: n === 1, description: "Bijvoorbeeld 4210,50." })}
${textField({ name: `dienst-${n}-eenheid`, label: `Eenheid van dienst ${n}`, value: v(`dienst-${n}-eenheid`), errors, required: n === 1, description: "Bijvoorbeeld: jaar, etmaal, uur." })}
</fieldset>`,
)}
${
  t.vraagtLandelijkTarief
    ? html`<h3 class="utrecht-heading-3">Landelijk tarief (inkoopplan 6.1.3)</h3>
<div id="veld-landelijk">${choiceGroup({
        name: "landelijk",
        legend: "Aanvaardt u de landelijke tarieven meteen?",
        type: "radio",
        options: [
          { value: "ja", label: "Ja, meteen" },
          { value: "nee", label: "Nee, met een ingroeipad", description: "Vul hieronder per jaar het percentage van het landelijk tarief in; het pad eindigt op 100%." },
        ],
        checked: v("landelijk") ? [v("landelijk")] : [],
        errors,
      })}</div>
<fieldset class="utrecht-form-fieldset${padFout ? " utrecht-form-fieldset--invalid" : ""}" id="veld-ingroeipad"${padFout ? html` aria-invalid="true" aria-describedby="veld-ingroeipad-fout"` : ""}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Ingroeipad (alleen bij "Nee")</legend>
<div class="utrecht-form-field-description">Per jaar, oplopend, het percentage van het landelijk tarief (1 tot en met 100); het laatste jaar is 100%. Lege rijen worden overgeslagen.</div>
${padFout ? html`<div class="utrecht-form-field-error-message" id="veld-ingroeipad-fout">${padFout}</div>` : ""}
${Array.from({ length: aantalPad }, (_, i) => i + 1).map(
  (n) => html`${textField({ name: `ingroeipad-${n}-jaar`, label: `Jaar ${n}`, type: "number", value: v(`ingroeipad-${n}-jaar`), errors, description: n === 1 ? "Bijvoorbeeld 2027." : "" })}
${textField({ name: `ingroeipad-${n}-percentage`, label: `Percentage in jaar ${n}`, value: v(`ingroeipad-${n}-percentage`), errors })}`,
)}
</fieldset>`
    : ""
}
${textArea({ name: "toelichting", label: "Toelichting", value: v("toelichting"), errors, rows: 5, description: "Maximaal 20000 tekens." })}
${t.offertes.length === 0 ? criteriaFields(req, secret, values, bijlagen, errors, aantalDiensten) : ""}
${submitButton(t.offertes.length === 0 ? "Offerte versturen" : "Herziene offerte versturen")}
</form>`;
}

async function trajectPage(e: Engine, secret: string, req: Request, res: Response, form: { values: Values; bijlagen: Bijlagen; errors: FieldErrors } | null = null, status = 200): Promise<void> {
  const { actor, kvk } = me(req);
  const t = await traject(e, req).get({ actor });
  const alle = (await e.register("besluiten").list()) as BesluitSummary[];
  const besluiten = await Promise.all(alle.filter((b) => b.procedureId === t.procedureId && b.ontvangerKvk === kvk && b.status === "vastgesteld").map((b) => e.besluit(b.id).get({ actor })));
  const mogelijk = offerteMogelijk(t);
  // While the toets asks something of the aanbieder (herstel, hoor en wederhoor), the usual pages take it.
  const inschrijving = t.toets ? await e.inschrijving(`${t.procedureId}/${kvk}`).read({ actor }).catch(() => null) : null;
  const toets = t.toets?.status === "loopt" ? inschrijving : null;
  const toetsActie =
    toets?.status === "herstel"
      ? html` <a class="utrecht-link" href="/aanbieder/procedures/${encodeURIComponent(t.procedureId)}/herstel">Ontbrekende stukken aanleveren</a>`
      : toets?.status === "hoor-en-wederhoor"
        ? html` <a class="utrecht-link" href="/aanbieder/procedures/${encodeURIComponent(t.procedureId)}/hoor-en-wederhoor">Reageren op hoor en wederhoor</a>`
        : "";
  const errors = form?.errors ?? {};
  const contract = findContract(t.contractId);
  const u = t.uitkomst;
  sendPage(req, res, {
    status,
    current: LIJST,
    title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}${t.procedureTitel}`,
    body: html`<h1 class="utrecht-heading-1">${t.procedureTitel}</h1>
${errorSummary(errors)}
<p class="utrecht-paragraph">Uw eigen inkooptraject: de regio nodigde u rechtstreeks uit, zonder concurrentiestelling. <a class="utrecht-link" href="${LIJST}">Naar uw onderhandse trajecten</a></p>
${gegevens([
  ["Contract", contract ? `${contract.naam} (inkoopplan ${contract.sectie})` : t.contractId],
  ["Status", html`<span class="inkoop-status">${statusLabel[t.status] ?? t.status}</span>`],
  ["Uitgenodigd op", moment(t.uitgenodigdOp)],
  ["Termijn voor de offerte", moment(t.deadline, true)],
  ["Toets op de toelatingscriteria", html`${toetsTekst(t)}${toetsActie}`],
  ...(t.vraagtLandelijkTarief ? ([["Landelijk tarief", "Gevraagd: aanvaardt u de landelijke tarieven, en anders met welk ingroeipad (inkoopplan 6.1.3)?"]] as [string, string][]) : []),
])}
${
  u
    ? html`<h2 class="utrecht-heading-2" id="uitkomst">Uitkomst</h2>
${gegevens([
  ["Uitkomst", t.status === "gegund" ? "Gegund" : { overeenstemming: "Overeenstemming", beeindigd: "Beëindigd zonder gunning", verlopen: "Verlopen" }[u.soort]],
  ["Op", moment(u.at)],
  ...(u.reden ? ([["Reden", beeindigingsReden[u.reden] ?? u.reden]] as [string, string][]) : []),
  ["Motivering", u.motivering],
])}`
    : ""
}
<h2 class="utrecht-heading-2" id="besluiten">Uw besluiten in dit traject</h2>
${table(
  "Besluiten over uw traject",
  ["Besluit", "Kenmerk", "Datum", "Documenten"],
  besluiten.map((b) => [
    html`${b.titel}`,
    html`${b.besluitId}`,
    html`${moment(b.beslissing?.at ?? b.datum)}`,
    html`${b.documenten.map((d, i) => html`${i > 0 ? html`<br>` : ""}<a class="utrecht-link" href="/api/v1/besluiten/${encodeURIComponent(b.besluitId)}/documenten/${encodeURIComponent(d.id)}">${d.bestandsnaam}</a> (PDF)`)}`,
  ]),
)}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/aanbieder/besluiten">Al uw besluiten</a></p>
<h2 class="utrecht-heading-2" id="offerte">${t.offertes.length === 0 ? "Uw offerte" : "Herziene offerte"}</h2>
${mogelijk.kan ? offerteForm(req, secret, t, form?.values ?? uitVorigeVersie(t), form?.bijlagen ?? {}, errors) : html`<p class="utrecht-paragraph">${mogelijk.reden}</p>`}
<h2 class="utrecht-heading-2" id="offertes">Uw offertes</h2>
${t.offertes.length === 0 ? html`<p class="utrecht-paragraph">U heeft nog geen offerte gedaan.</p>` : html`${t.offertes.slice().reverse().map((o) => offerteKaart(o, t.vraagtLandelijkTarief))}`}
${inschrijving ? ownDocuments(t.procedureId, inschrijving) : ""}
<h2 class="utrecht-heading-2" id="rondes">Gespreksrondes</h2>
<div class="utrecht-alert utrecht-alert--info" role="status"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${RONDES_ONTWERP}</p></div></div>
${rondesKaarten(t)}`,
  });
}

/** Reads the offer form; empty rows are skipped, half-filled ones are named by their field. */
function leesOfferte(body: unknown, bijlagen: Bijlagen, vraagtLandelijkTarief: boolean, eerste: boolean) {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values: Values = {};
  for (const [k, v] of Object.entries(raw)) if (k !== "_csrf" && !/\.upload(?:\.\d+)?$/.test(k) && typeof v === "string") values[k] = v;
  const errors: FieldErrors = {};
  const diensten: { naam: string; tarief: number; eenheid: string }[] = [];
  /** The form row of each service sent, so a refusal on `diensten.2` lands on its row. */
  const dienstRij: number[] = [];
  for (let n = 1; n <= 50; n++) {
    const naam = (values[`dienst-${n}-naam`] ?? "").trim();
    const tariefTekst = (values[`dienst-${n}-tarief`] ?? "").trim();
    const eenheid = (values[`dienst-${n}-eenheid`] ?? "").trim();
    if (!naam && !tariefTekst && !eenheid) continue;
    const tarief = bedrag(tariefTekst);
    if (!naam) errors[`dienst-${n}-naam`] = `Vul de naam van dienst ${n} in.`;
    if (tarief === null) errors[`dienst-${n}-tarief`] = `Vul het tarief van dienst ${n} in als bedrag in euro, bijvoorbeeld 4210,50.`;
    if (!eenheid) errors[`dienst-${n}-eenheid`] = `Vul de eenheid van dienst ${n} in, bijvoorbeeld jaar of etmaal.`;
    diensten.push({ naam, tarief: tarief ?? 0, eenheid });
    dienstRij.push(n);
  }
  let landelijkTarief: { geaccepteerd: boolean; ingroeipad: { jaar: number; percentage: number }[] } | undefined;
  if (vraagtLandelijkTarief && (values.landelijk === "ja" || values.landelijk === "nee")) {
    const ingroeipad: { jaar: number; percentage: number }[] = [];
    if (values.landelijk === "nee")
      for (let n = 1; n <= 10; n++) {
        const jaar = (values[`ingroeipad-${n}-jaar`] ?? "").trim();
        const pct = (values[`ingroeipad-${n}-percentage`] ?? "").trim().replace("%", "").replace(",", ".");
        if (!jaar && !pct) continue;
        if (!/^\d{4}$/.test(jaar)) errors[`ingroeipad-${n}-jaar`] = `Vul in rij ${n} van het ingroeipad een jaar in, bijvoorbeeld 2027.`;
        if (!/^\d{1,3}(\.\d+)?$/.test(pct)) errors[`ingroeipad-${n}-percentage`] = `Vul in rij ${n} van het ingroeipad een percentage in, bijvoorbeeld 92.`;
        ingroeipad.push({ jaar: Number(jaar), percentage: Number(pct) });
      }
    landelijkTarief = { geaccepteerd: values.landelijk === "ja", ingroeipad };
  }
  const toelichting = values.toelichting ?? "";
  const criteria = eerste ? leesCriteria(values, bijlagen, diensten.map((d, i) => ({ n: dienstRij[i]!, naam: d.naam })), errors) : undefined;
  const fields: Record<string, string> = {
    diensten: `dienst-${dienstRij[0] ?? 1}-naam`,
    landelijkTarief: "landelijk",
    "landelijkTarief.geaccepteerd": "landelijk",
    "landelijkTarief.ingroeipad": "ingroeipad",
    toelichting: "toelichting",
  };
  dienstRij.forEach((n, i) => {
    fields[`diensten.${i}`] = `dienst-${n}-naam`;
    for (const k of ["naam", "tarief", "eenheid"]) fields[`diensten.${i}.${k}`] = `dienst-${n}-${k}`;
  });
  // The engine names an answer by its place in the list sent, or a missing one by criterion (and dienst).
  criteria?.codes.forEach((name, i) => {
    const code = name.split(".")[0]!;
    fields[`antwoorden.${i}`] = name;
    for (const k of ["verklaring", "criterium", "productId"]) fields[`antwoorden.${i}.${k}`] = name;
    for (const k of ["vrijstelling", "toelichting"]) fields[`antwoorden.${i}.${k}`] = `${code}.${k}`;
    fields[`antwoorden.${i}.documentRef`] = bestandVan(name);
  });
  for (const c of toelatingscriteria) {
    fields[`antwoorden.${c.code}`] = `${c.code}.verklaring`;
    diensten.forEach((d, i) => (fields[`antwoorden.${c.code}.${d.naam}`] = `${c.code}.verklaring.${dienstRij[i]}`));
  }
  if (eerste) fields.antwoorden = `${toelatingscriteria[0]?.code ?? "TC01"}.verklaring`;
  return { values, errors, fields, offerte: { diensten, ...(landelijkTarief ? { landelijkTarief } : {}), toelichting, ...(criteria ? { antwoorden: criteria.antwoorden } : {}) } };
}

export function onderhandsRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);
  const secret = deps.session.secret;

  router.get(
    LIJST,
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { actor, kvk } = me(req);
      const mijn = ((await e.engine.list(trajectEntity)) as TrajectSummary[]).filter((t) => t.kvk === kvk && t.procedureId);
      const trajecten = await Promise.all(mijn.map((t) => e.engine.entity(trajectEntity, t.id).get({ actor })));
      trajecten.sort((a, b) => b.uitgenodigdOp.localeCompare(a.uitgenodigdOp));
      sendPage(req, res, {
        title: "Onderhandse trajecten",
        current: LIJST,
        body: html`<h1 class="utrecht-heading-1">Onderhandse trajecten</h1>
<p class="utrecht-paragraph">Uitnodigingen van de regio voor een onderhandse procedure (Jeugdbescherming en Jeugdreclassering, JeugdzorgPlus, Forensische GGZ). Elke uitnodiging is uw eigen inkooptraject: offerte, gespreksrondes met een herziene offerte, en daarna overeenstemming of beëindiging.</p>
${table(
  "Mijn uitnodigingen",
  ["Procedure", "Contract", "Termijn voor de offerte", "Status", "Wat u kunt doen"],
  trajecten.map((t) => [
    html`<a class="utrecht-link" href="${trajectPad(t.procedureId)}">${t.procedureTitel}</a>`,
    html`${findContract(t.contractId)?.naam ?? t.contractId}`,
    html`${moment(t.deadline)}`,
    html`<span class="inkoop-status">${statusLabel[t.status] ?? t.status}</span>`,
    offerteMogelijk(t).kan ? html`<a class="utrecht-link" href="${trajectPad(t.procedureId)}#offerte">${t.offertes.length === 0 ? "Offerte doen" : "Herziene offerte doen"}</a>` : html``,
  ]),
)}`,
      });
    }),
  );

  router.get(
    `${LIJST}/:id`,
    requireUser("aanbieder"),
    handle((req, res) => trajectPage(e, secret, req, res)),
  );

  router.post(
    `${LIJST}/:id/offerte`,
    requireUser("aanbieder"),
    handle(async (req, res) => {
      if (!(await readMultipart(req, res))) return;
      const { actor, kvk } = me(req);
      const t = await traject(e, req).get({ actor });
      const eerste = t.offertes.length === 0;
      // Evidence belongs to the first offer only (the toets); a kept upload comes back signed for this session.
      const body = req.body as Record<string, unknown>;
      const bijlagen: Bijlagen = {};
      const { stored, errors: uploadErrors } = eerste ? await storeFiles(req, (f) => BESTAND.test(f)) : { stored: new Map(), errors: {} };
      if (eerste) {
        for (const [k, v] of Object.entries(body)) {
          const kept = /\.upload(?:\.\d+)?$/.test(k) ? parseKept(secret, req, v) : null;
          if (kept) bijlagen[k.replace(".upload", ".verklaring")] = kept;
        }
        for (const [f, [s]] of stored) if (s) bijlagen[f.replace(".bestand", ".verklaring")] = { id: s.id, naam: s.naam };
      }
      const { values, errors: formErrors, fields, offerte } = leesOfferte(body, bijlagen, t.vraagtLandelijkTarief, eerste);
      const errors = { ...formErrors, ...uploadErrors };
      if (Object.keys(errors).length > 0) return trajectPage(e, secret, req, res, { values, bijlagen, errors }, 400);
      try {
        const na = await dienTrajectOfferteIn(e.engine, `${t.procedureId}/${kvk}`, { actor, ...offerte });
        const versie = na.offertes[na.offertes.length - 1]?.versie ?? 1;
        redirectWith(res, `${trajectPad(t.procedureId)}#offertes`, `Uw ${versie === 1 ? "offerte" : `herziene offerte (versie ${versie})`} is ontvangen op ${moment(na.offertes[na.offertes.length - 1]?.ontvangenOp, true)}.`);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        await trajectPage(e, secret, req, res, { values, bijlagen, errors: errorsFrom(refusal, fields, "offerte") }, refusal.status);
      }
    }),
  );
}
