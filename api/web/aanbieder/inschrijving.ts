import { findContract } from "../../../domain/catalogue";
import { plaatsenTekst, plaatsenVanContract } from "../../../domain/procedure/plaatsen";
import { submitInschrijving, vervangInschrijving } from "../../../engine/commands";
import type { InschrijvingInput } from "../../../domain/inschrijving/inschrijving";
import { Router, type Request, type Response } from "express";
import { randomBytes } from "node:crypto";
import { csrfField, submitButton, textArea, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { requireUser } from "../session";
import { engine, gegevens, handle, me, messagePage, moment, ownDocuments, productLabel, redirectWith, refusalOf, sendPage, type InschrijvingView, type ProcedureView } from "./common";
import { checkForm, fieldOfRefusal, itemsFor, readForm, renderForm, toInput, type InschrijvingForm, type PerceelKeuze, type PlaatsKeuze } from "./inschrijving-form";
import { readMultipart, storeFiles, values } from "./multipart";

const newSleutel = () => randomBytes(18).toString("base64url");
const SLEUTEL = /^[A-Za-z0-9_-]{16,64}$/;

/** A SAS starts with an aanmelding (inkoopplan 6.5, 6.7): its pages say "aanmelden" where an Open House says "inschrijven". */
export const isSas = (view: ProcedureView): boolean => view.procedureType === "sas";

/** The words of the first phase: an Open House's inschrijving or a SAS's aanmelding. */
export function woorden(view: ProcedureView) {
  return isSas(view)
    ? { werkwoord: "aanmelden", Werkwoord: "Aanmelden", zelfstandig: "aanmelding", Zelfstandig: "Aanmelding", termijn: "aanmeldingstermijn", ingediend: "Uw aanmelding is ontvangen." }
    : { werkwoord: "inschrijven", Werkwoord: "Inschrijven", zelfstandig: "inschrijving", Zelfstandig: "Inschrijving", termijn: "inschrijvingstermijn", ingediend: "Uw inschrijving is ontvangen." };
}

/** Whether the aanbieder can enter now, and for which products (the round's, or the toetreding's). */
export function entryOf(view: ProcedureView, now: number): { open: true; producten: string[] } | { open: false; reden: string } {
  const ronde = view.rondes[view.rondes.length - 1];
  const w = woorden(view);
  if (view.status === "gestopt") return { open: false, reden: `Deze procedure is stopgezet; ${w.werkwoord} is niet meer mogelijk.` };
  if (view.status === "concept" || !ronde) return { open: false, reden: "Deze procedure is nog niet gepubliceerd." };
  if (ronde.status === "open") {
    if (now < new Date(ronde.publicatieAt).getTime()) return { open: false, reden: `${w.Werkwoord} kan vanaf ${moment(ronde.publicatieAt)}.` };
    if (now < new Date(ronde.sluitingAt).getTime()) return { open: true, producten: ronde.producten };
  }
  // Open House met toetreding: after the first closing every entry is a round of its own.
  if (view.procedureType === "open-house-met-toetreding" && ronde.status !== "open") return { open: true, producten: view.producten };
  return { open: false, reden: `De ${w.termijn} is gesloten op ${moment(ronde.sluitingAt, true)}; ${w.werkwoord} is niet meer mogelijk.` };
}

/** A SAS with several percelen (Wonen Wmo): the aanmelding names its percelen, under the catalogue's rule (6.7.1). */
export function perceelKeuze(view: ProcedureView): PerceelKeuze | undefined {
  const percelen = view.sas?.opzet.percelen ?? [];
  if (percelen.length < 2) return undefined;
  const catalogus = findContract(view.contractId)?.percelen;
  return { opties: percelen.map((p) => ({ id: p.perceel, naam: p.naam })), ...(catalogus?.regel ? { regel: catalogus.regel } : {}), meerdere: catalogus?.inschrijvenOpMeerderePercelen ?? true };
}

/** A contract entered per plaats (Hulp bij huishouden, 6.10.1): the plaatsen open in the current round (a heropening may name some). */
export function plaatsKeuze(view: ProcedureView): PlaatsKeuze | undefined {
  const alle = plaatsenVanContract(view.contractId);
  if (!alle) return undefined;
  const beperkt = view.rondes[view.rondes.length - 1]?.plaatsen;
  return beperkt && beperkt.length > 0 ? { plaatsen: [...beperkt], beperkt: true } : { plaatsen: [...alle], beperkt: false };
}

/** My arrival that still blocks a new entry (its round is not yet gegund), as the engine decides. */
export function pendingArrival(view: ProcedureView) {
  return view.inschrijvingen.find((a) => view.rondes.find((r) => r.nr === a.ronde)?.status !== "gegund");
}

interface Receipt {
  inschrijvingId: string;
  ontvangstbewijsId: string;
  ontvangenOp: string;
  sha256: string;
  versie?: number;
}

type MijnArrival = ProcedureView["inschrijvingen"][number];

/** Whether my entry in its round can still change (a new version or a withdrawal): until the closing instant. */
export function wijzigbaar(view: ProcedureView, a: MijnArrival, now = Date.now()): boolean {
  const ronde = view.rondes.find((r) => r.nr === a.ronde);
  return ronde?.status === "open" && ronde.soort !== "toetreding" && now < new Date(ronde.sluitingAt).getTime();
}

/** The form filled with the current version, for a new version: the aanbieder changes what it wants. */
function formFromInput(input: InschrijvingInput, sleutel: string): InschrijvingForm {
  const items: InschrijvingForm["items"] = {};
  for (const a of input.antwoorden) {
    const key = a.productId ? `${a.criterium}:${a.productId}` : a.criterium;
    items[key] = {
      verklaring: a.verklaring,
      ...(a.vrijstelling ? { vrijstelling: a.vrijstelling } : {}),
      ...(a.toelichting ? { toelichting: a.toelichting } : {}),
      ...(a.documentRef?.startsWith("upl-") ? { upload: { id: a.documentRef, naam: "bewijsstuk uit de vorige versie" } } : {}),
    };
  }
  return {
    producten: [...input.producten],
    ...(input.percelen ? { percelen: [...input.percelen] } : {}),
    ...(input.plaatsen ? { plaatsen: Object.fromEntries(input.plaatsen.map((p) => [p.productId, [...p.plaatsen]])) } : {}),
    items,
    sleutel,
  };
}

export function receiptFacts(r: Receipt): SafeHtml {
  return gegevens([
    ["Inschrijving", r.inschrijvingId],
    ...((r.versie ?? 1) > 1 ? ([["Versie", `${r.versie} (deze versie telt; eerdere versies tellen niet meer)`]] as [string, string][]) : []),
    ["Ontvangstbewijs", r.ontvangstbewijsId],
    ["Ontvangen op", moment(r.ontvangenOp, true)],
    ["SHA-256 van de inschrijving", html`<code>${r.sha256}</code>`],
  ]);
}

function receiptPage(req: Request, res: Response, view: ProcedureView, r: MijnArrival, state: InschrijvingView): void {
  // Right after submitting the flash is there (verified, bound to this session): sendPage shows and clears it.
  // `?ontvangen=1` in the address counts for nothing. The flash of the submission's redirect is woorden().ingediend.
  const w = woorden(view);
  const nieuw = req.melding === w.ingediend;
  const percelen = state.inhoud.percelen;
  const sluiting = view.rondes[view.rondes.length - 1]?.sluitingAt ?? view.sluitingAt;
  sendPage(req, res, {
    title: "Ontvangstbewijs",
    body: html`<h1 class="utrecht-heading-1">Ontvangstbewijs</h1>
${
  r.ingetrokkenOp
    ? html`<div class="utrecht-alert utrecht-alert--warning" role="status"><div class="utrecht-alert__content"><p class="utrecht-paragraph">U heeft uw ${w.zelfstandig} ingetrokken op ${moment(r.ingetrokkenOp, true)}. Zij telt niet mee en wordt niet beoordeeld.</p></div></div>`
    : html`<p class="utrecht-paragraph">${nieuw ? `Uw ${w.zelfstandig}` : isSas(view) ? "U heeft zich al aangemeld. Uw aanmelding" : "U heeft al ingeschreven. Uw inschrijving"} voor <strong>${view.titel}</strong> is ontvangen. Bewaar dit ontvangstbewijs: de SHA-256 legt vast wat u heeft ingediend.</p>`
}
${receiptFacts(r)}
${percelen && percelen.length > 0 ? html`<p class="utrecht-paragraph">Percelen: ${percelen.map((p) => view.sas?.opzet.percelen.find((x) => x.perceel === p)?.naam ?? p).join("; ")}.</p>` : ""}
<p class="utrecht-paragraph">Producten: ${state.inhoud.producten.map(productLabel).join("; ")}.</p>
${state.inhoud.plaatsen && state.inhoud.plaatsen.length > 0 ? html`<p class="utrecht-paragraph">Plaatsen: ${plaatsenTekst(state.inhoud.plaatsen)}.</p>` : ""}
${ownDocuments(view.procedureId, state, true)}
${versiesEnIntrekking(req, view, r)}
<p class="utrecht-paragraph">Uw ${w.zelfstandig} blijft verzegeld tot het sluitingstijdstip (${moment(sluiting)}) en daarna tot de opening: tot dan kan niemand van de regio haar inzien.</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/aanbieder/procedures/${view.procedureId}">Terug naar de procedure</a></p>`,
  });
}

/** Earlier versions with their receipts, and until closing: a new version or withdrawing (issue 13). */
function versiesEnIntrekking(req: Request, view: ProcedureView, a: MijnArrival): SafeHtml {
  const w = woorden(view);
  const vorige = a.vorigeVersies ?? [];
  const lijst =
    vorige.length > 0
      ? html`<h2 class="utrecht-heading-2">Eerdere versies</h2>
<ul class="utrecht-unordered-list">${vorige.map((v) => html`<li class="utrecht-unordered-list__item">Versie ${String(v.versie)}: ontvangstbewijs ${v.ontvangstbewijsId}, ontvangen op ${moment(v.ontvangenOp, true)}${v.ingetrokkenOp ? `, ingetrokken op ${moment(v.ingetrokkenOp, true)}` : ""}. Telt niet meer.</li>`)}</ul>`
      : html``;
  if (!wijzigbaar(view, a)) return lijst;
  const pad = `/aanbieder/procedures/${encodeURIComponent(view.procedureId)}`;
  return html`${lijst}
<h2 class="utrecht-heading-2" id="wijzigen">Wijzigen tot de sluiting</h2>
<p class="utrecht-paragraph">Tot het sluitingstijdstip kunt u uw ${w.zelfstandig} vervangen door een nieuwe versie (u krijgt een nieuw ontvangstbewijs; alleen de laatste versie telt) of intrekken.</p>
<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${pad}/inschrijving?vervang=1">Nieuwe versie indienen</a></p>
<form method="post" action="${pad}/intrekking" id="veld-intrekking" class="inkoop-kaart" novalidate>
${csrfField(req.csrf!)}
<h3 class="utrecht-heading-3">${w.Zelfstandig} intrekken</h3>
<p class="utrecht-paragraph">Een ingetrokken ${w.zelfstandig} telt niet mee en wordt niet beoordeeld; het proces-verbaal vermeldt haar apart. Tot de sluiting kunt u daarna opnieuw ${w.werkwoord}.</p>
${textArea({ name: "toelichting", label: "Reden (niet verplicht)", value: "", rows: 3, description: "Maximaal 2000 tekens." })}
${submitButton(`${w.Zelfstandig} intrekken`, { secondary: true })}
</form>`;
}

/** GET and POST /aanbieder/procedures/:id/inschrijving: the form, its uploads, and the receipt. */
export function inschrijvingRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);
  const secret = deps.session.secret;
  const path = (id: string) => `/aanbieder/procedures/${encodeURIComponent(id)}/inschrijving`;

  const showForm = (req: Request, res: Response, view: ProcedureView, aangeboden: string[], form: InschrijvingForm, errors: FieldErrors, status = 200) => {
    const vervangen = req.query.vervang === "1";
    const w = woorden(view);
    const keuze = perceelKeuze(view);
    const plaatsen = plaatsKeuze(view);
    sendPage(req, res, {
      status,
      title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}${w.Werkwoord}: ${view.titel}`,
      body: html`<h1 class="utrecht-heading-1">${w.Werkwoord}: ${view.titel}</h1>
${isSas(view) ? html`<p class="utrecht-paragraph">Dit is een selectieprocedure (SAS). U meldt zich nu aan: na de sluiting toetst de regio de toelatingscriteria en kiest zij op de selectiecriteria wie doorgaat naar de dialoog en de definitieve inschrijving.</p>` : ""}
<p class="utrecht-paragraph">Sluiting: <strong>${moment(view.rondes[view.rondes.length - 1]?.sluitingAt ?? view.sluitingAt)}</strong>.</p>
${vervangen ? html`<div class="utrecht-alert utrecht-alert--info" role="status"><div class="utrecht-alert__content"><p class="utrecht-paragraph">U dient een nieuwe versie in. Het formulier staat ingevuld met uw huidige versie; pas aan wat u wilt. Na het indienen telt alleen de nieuwe versie.</p></div></div>` : ""}
${renderForm({ action: `${path(view.procedureId)}${vervangen ? "?vervang=1" : ""}`, csrf: req.csrf!, secret, req, aangeboden, form, errors, ...(req.method === "GET" && req.query.stap === "1" ? { stap: 1 as const } : {}), ...(isSas(view) ? { sas: keuze ? { percelen: keuze } : {} } : {}), ...(plaatsen ? { plaatsen } : {}) })}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/aanbieder/procedures/${view.procedureId}">Terug naar de procedure</a></p>`,
    });
  };

  const load = async (req: Request, res: Response) => {
    const view = await e.procedure(String(req.params.id)).get({ actor: me(req).actor });
    const pending = pendingArrival(view);
    // Until closing: a new version of my entry, or entering again after withdrawing (both a new version).
    const vervang = pending !== undefined && wijzigbaar(view, pending) && (req.query.vervang === "1" || pending.ingetrokkenOp !== undefined);
    if (pending && vervang) {
      const state = await e.inschrijving(pending.inschrijvingId).read({ actor: me(req).actor });
      return { view, aangeboden: view.rondes.find((r) => r.nr === pending.ronde)?.producten ?? view.producten, vervang: pending.ingetrokkenOp ? undefined : state.inhoud };
    }
    if (pending) {
      // A second click (or an old form sent again) lands on the receipt of what is already in.
      if (req.method === "POST") {
        res.redirect(303, path(view.procedureId));
        return null;
      }
      const state = await e.inschrijving(pending.inschrijvingId).read({ actor: me(req).actor });
      receiptPage(req, res, view, pending, state);
      return null;
    }
    const entry = entryOf(view, Date.now());
    if (!entry.open) {
      messagePage(req, res, 409, `${woorden(view).Werkwoord} niet mogelijk`, entry.reden, { href: `/aanbieder/procedures/${view.procedureId}`, label: "Terug naar de procedure" });
      return null;
    }
    return { view, aangeboden: entry.producten, vervang: undefined as InschrijvingInput | undefined };
  };

  router.get(
    "/aanbieder/procedures/:id/inschrijving",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const loaded = await load(req, res);
      if (!loaded) return;
      // Step 1 sends the chosen products back here as ?producten=…: step 2 asks only their criteria.
      const gekozen = values(req.query.producten).filter((p) => loaded.aangeboden.includes(p));
      const leeg = { producten: gekozen, ...(perceelKeuze(loaded.view) ? { percelen: [] } : {}), ...(plaatsKeuze(loaded.view) ? { plaatsen: {} } : {}), items: {}, sleutel: newSleutel() };
      const form = loaded.vervang ? formFromInput(loaded.vervang, newSleutel()) : leeg;
      if (loaded.vervang && gekozen.length > 0) form.producten = gekozen;
      // Step 1 sent without a product: say so on the field, as a refused form does.
      if (req.query.stap === "2" && gekozen.length === 0) return showForm(req, res, loaded.view, loaded.aangeboden, { ...form, producten: [] }, { producten: "Kies minstens één product." }, 400);
      showForm(req, res, loaded.view, loaded.aangeboden, form, {});
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/intrekking",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { actor, kvk } = me(req);
      const id = String(req.params.id);
      const toelichting = typeof (req.body as Record<string, unknown>)?.toelichting === "string" ? ((req.body as Record<string, string>).toelichting ?? "").trim() : "";
      try {
        await e.procedure(id).trekInschrijvingIn({ actor, kvk, ...(toelichting ? { toelichting } : {}) });
        redirectWith(res, path(id), "Uw inschrijving is ingetrokken. Zij telt niet mee; tot het sluitingstijdstip kunt u opnieuw inschrijven.");
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        messagePage(req, res, refusal.status, "Intrekken niet mogelijk", refusal.message, { href: path(id), label: "Terug naar uw inschrijving" });
      }
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/inschrijving",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      if (!(await readMultipart(req, res))) return;
      const loaded = await load(req, res);
      if (!loaded) return;
      const { view, aangeboden } = loaded;
      const form = readForm(req, secret, aangeboden, perceelKeuze(view), plaatsKeuze(view));
      if (!SLEUTEL.test(form.sleutel)) form.sleutel = newSleutel();

      // Only the files of items that will be sent: the organisation's criteria and the chosen products.
      const fileItems = new Map(itemsFor(aangeboden).filter((i) => !i.productId || form.producten.includes(i.productId)).map((i) => [`${i.key}.bestand`, i.key]));
      const { stored, errors: uploadErrors } = await storeFiles(req, (f) => fileItems.has(f));
      for (const [fieldname, [s]] of stored) {
        const key = fileItems.get(fieldname)!;
        if (s) form.items[key] = { ...form.items[key], upload: { id: s.id, naam: s.naam } };
      }

      const errors = { ...checkForm(form, aangeboden), ...uploadErrors };
      if (Object.keys(errors).length > 0) return showForm(req, res, view, aangeboden, form, errors, 400);

      const { input, keys } = toInput(form, aangeboden);
      const { actor, kvk } = me(req);
      try {
        // The key is the aanbieder's own: another party cannot fetch this receipt by sending the same key.
        if (loaded.vervang) {
          const r = await vervangInschrijving(e.engine, view.procedureId, { actor, kvk, inschrijving: input }, { idempotencyKey: `inschrijving:${kvk}:${form.sleutel}` });
          redirectWith(res, path(view.procedureId), `Versie ${r.versie ?? 2} van uw ${woorden(view).zelfstandig} is ontvangen; alleen deze versie telt.`);
          return;
        }
        await submitInschrijving(e.engine, view.procedureId, { actor, kvk, inschrijving: input }, { idempotencyKey: `inschrijving:${kvk}:${form.sleutel}` });
        // Post/redirect/get: the receipt is a page of its own, so reloading it submits nothing.
        redirectWith(res, path(view.procedureId), woorden(view).ingediend);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        // A refused submission is remembered under its key by the engine: the corrected form needs a new one.
        showForm(req, res, view, aangeboden, { ...form, sleutel: newSleutel() }, { [fieldOfRefusal(refusal.veld, keys, form.producten)]: refusal.message }, refusal.status);
      }
    }),
  );
}
