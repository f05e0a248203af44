import type { Request, Response, Router } from "express";
import { opzeggingEarliestEnd } from "../../../domain/calendar";
import { rondeKey } from "../../../domain/contract/contract";
import { weigeringsRedenen } from "../../../domain/contract/verlengingsronde";
import { contractEntity } from "../../../workflows/contract/definition";
import { verlengingsrondeEntity } from "../../../workflows/verlengingsronde/definition";
import { csrfField, errorSummary, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { table } from "../layout";
import { contractStatusLabel, datum, eindeReden, termijnenTable } from "../regio/contract-beheer";
import { looptijdTijdlijn } from "../regio/contracten";
import { contractNaam, productMetPlaatsen } from "../regio/labels";
import { hoorStand } from "../regio/verlengingsrondes";
import { requireUser } from "../session";
import { engine, gegevens, handle, me, moment, refusalOf, sendPage } from "./common";

/*
 * The aanbieder's contracts: the list, one contract with its terms, cliëntenstop, planned end and the
 * besluiten about it, the notice form (model contract 8.1/8.2), and the reply to a hearing about a
 * refused extension.
 *
 * GET  /aanbieder/contracten
 * GET  /aanbieder/contracten/:contractId
 * POST /aanbieder/contracten/:contractId/opzegging
 * POST /aanbieder/contracten/:contractId/verlenging/:termijnEinde/reactie
 */


type ContractSummary = { id: string; contractId?: string; kvk?: string; status?: string; ingangsdatum?: string };
type RondeSummary = { id: string; contractId?: string; termijnEinde?: string };
type BesluitSummary = { id: string; status?: string; ontvangerKvk?: string; datum?: string };

const LIJST = "/aanbieder/contracten";
const contractUrl = (contractId: string) => `${LIJST}/${encodeURIComponent(contractId)}`;
const link = (href: string, label: string) => html`<a class="utrecht-link" href="${href}">${label}</a>`;

type FormState = { form?: "opzegging" | "reactie"; errors: FieldErrors; values: Record<string, string> };
const empty: FormState = { errors: {}, values: {} };

export function contractenRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);
  const contract = (key: string) => e.engine.entity(contractEntity, key);
  const ronde = (key: string) => e.engine.entity(verlengingsrondeEntity, key);
  const rondesRegister = () => ({ list: () => e.engine.list(verlengingsrondeEntity) });
  const contractenRegister = () => ({ list: () => e.engine.list(contractEntity) });

  /** My hearings about a refused extension of this contract: rounds of its catalogue contract with a weigering for me. */
  const mijnRondes = async (req: Request, contractId: string) => {
    const { actor } = me(req);
    const rondes = ((await rondesRegister().list()) as RondeSummary[]).filter((r) => r.contractId === contractId && r.termijnEinde);
    const views = await Promise.all(
      rondes.map(async (r) => {
        try {
          return await ronde(rondeKey(contractId, r.termijnEinde!)).get({ actor });
        } catch (err) {
          if (refusalOf(err)) return null;
          throw err;
        }
      }),
    );
    return views.flatMap((v) => (v && "mijnWeigering" in v && v.mijnWeigering?.hoor ? [{ termijnEinde: v.termijnEinde, weigering: v.mijnWeigering }] : []));
  };

  router.get(
    LIJST,
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { actor, kvk } = me(req);
      const mine = ((await contractenRegister().list()) as ContractSummary[]).filter((c) => c.kvk === kvk && c.contractId);
      const views = await Promise.all(mine.map((c) => contract(`${c.contractId!}/${kvk}`).get({ actor })));
      sendPage(req, res, {
        title: "Mijn contracten",
        current: "/contracten",
        body: html`<h1 class="utrecht-heading-1">Mijn contracten</h1>
<p class="utrecht-paragraph">Uw overeenkomsten met de regio, met de lopende termijn. Open een contract voor de termijnen, de besluiten, opzeggen en hoor en wederhoor over verlenging.</p>
${table(
  "Mijn contracten",
  ["Contract", "Status", "Huidige termijn", "Gepland einde"],
  views.map((c) => [
    link(contractUrl(c.contractId), contractNaam(c.contractId)),
    html`<span class="inkoop-status">${contractStatusLabel[c.status] ?? c.status}</span>${c.clientenstop ? " · cliëntenstop" : ""}`,
    html`${c.huidigeTermijn ? `Termijn ${c.huidigeTermijn.nr}: ${datum(c.huidigeTermijn.start)} tot en met ${datum(c.huidigeTermijn.eind)}` : "Geen"}`,
    html`${c.einde ? `${datum(c.einde.einddatum)} (${eindeReden[c.einde.reden] ?? c.einde.reden})` : ""}`,
  ]),
  "U heeft nog geen contract met de regio. Na een toelatingsbesluit staat uw contract hier.",
)}`,
      });
    }),
  );

  const detail = async (req: Request, res: Response, state: FormState = empty, status = 200) => {
    const { actor, kvk } = me(req);
    const contractId = String(req.params.contractId);
    const key = `${contractId}/${kvk}`;
    const c = await contract(key).get({ actor });
    const alleBesluiten = ((await e.register("besluiten").list()) as BesluitSummary[]).filter((b) => b.ontvangerKvk === kvk && b.status === "vastgesteld");
    const besluiten = (await Promise.all(alleBesluiten.map((b) => e.besluit(b.id).get({ actor }))))
      .filter((b) => (b.onderwerp.soort === "contract" && b.onderwerp.id === key) || c.besluiten.includes(b.besluitId))
      .sort((a, b) => (b.beslissing?.at ?? b.datum).localeCompare(a.beslissing?.at ?? a.datum));
    const hoorzaken = await mijnRondes(req, contractId);
    const v = (form: string, k: string) => (state.form === form ? (state.values[k] ?? "") : "");
    const errs = (form: string) => (state.form === form ? state.errors : {});
    const vroegst = opzeggingEarliestEnd(new Date(), 1);
    const url = contractUrl(contractId);

    const hoor: SafeHtml[] = hoorzaken.map(({ termijnEinde, weigering: w }) => {
      const open = !w.hoor!.reactie && !w.hoor!.verstreken && !w.herbeoordeling && Date.now() < new Date(w.hoor!.termijnEinde).getTime();
      return html`<section class="inkoop-kaart" aria-labelledby="hoor-${termijnEinde}">
<h3 class="utrecht-heading-3" id="hoor-${termijnEinde}">Verlenging na ${datum(termijnEinde)}</h3>
${gegevens([
  ["Voornemen", `De regio is voornemens uw overeenkomst na ${datum(termijnEinde)} niet te verlengen.`],
  ["Reden", `${weigeringsRedenen[w.reden].omschrijving} (${weigeringsRedenen[w.reden].bron})`],
  ["Motivering", w.motivering],
  ["Stand", hoorStand(w)],
  ...(w.hoor!.reactie ? ([["Uw reactie", w.hoor!.reactie.toelichting]] as [string, string][]) : []),
])}
${
  open
    ? html`<form method="post" action="${url}/verlenging/${termijnEinde}/reactie" id="veld-reactie" novalidate>${csrfField(req.csrf!)}
${textArea({ name: "toelichting", label: "Uw reactie (zienswijze)", value: v("reactie", "toelichting"), errors: errs("reactie"), required: true, rows: 6, description: `Reageer vóór ${moment(w.hoor!.termijnEinde, true)}. Laat zien waarom de reden niet (meer) geldt; minstens 10 tekens.` })}
${submitButton("Reactie versturen")}
</form>`
    : ""
}
</section>`;
    });

    const opzegForm =
      c.status === "actief" && c.einde?.reden !== "opgezegd-door-aanbieder"
        ? html`<form method="post" action="${url}/opzegging" id="veld-opzegging" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
<h2 class="utrecht-heading-2" id="opzeggen">Contract opzeggen</h2>
<p class="utrecht-paragraph">U kunt de overeenkomst opzeggen met een opzegtermijn van ten minste één kalendermaand, gerekend vanaf de eerste van de volgende maand (modelovereenkomst 8.1 en 8.2). Zegt u vandaag op, dan eindigt het contract op zijn vroegst op <strong>${datum(vroegst)}</strong>. Tot die dag blijft u de zorg leveren. De regio hoeft hier niet over te besluiten.</p>
${textArea({ name: "toelichting", label: "Toelichting", value: v("opzegging", "toelichting"), errors: errs("opzegging"), rows: 4, description: "Waarom u opzegt (maximaal 4000 tekens)." })}
${textField({ name: "einddatum", label: "Einddatum", type: "date", value: v("opzegging", "einddatum"), errors: errs("opzegging"), description: `De laatste dag van het contract; leeg is ${datum(vroegst)}, de vroegst mogelijke datum.` })}
<div class="utrecht-form-field utrecht-form-field--checkbox${errs("opzegging").bevestig ? " utrecht-form-field--invalid" : ""}" id="veld-bevestig">
${errs("opzegging").bevestig ? html`<div class="utrecht-form-field-error-message">${errs("opzegging").bevestig}</div>` : ""}
<div class="utrecht-form-field__input"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="veld-bevestig-0" name="bevestig" value="ja"${v("opzegging", "bevestig") === "ja" ? html` checked` : ""}></div>
<div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="veld-bevestig-0">Ik zeg deze overeenkomst op. Dit kan ik niet via deze site terugdraaien.</label></div>
</div>
${submitButton("Contract opzeggen")}
</form>`
        : "";

    sendPage(req, res, {
      status,
      title: `${Object.keys(state.errors).length > 0 ? "Fout: " : ""}${contractNaam(c.contractId)}`,
      current: "/contracten",
      body: html`<h1 class="utrecht-heading-1">${contractNaam(c.contractId)}</h1>
${errorSummary(state.errors)}
<p class="utrecht-paragraph"><span class="inkoop-status">${contractStatusLabel[c.status] ?? c.status}</span> ${link(LIJST, "Terug naar mijn contracten")}</p>
${gegevens([
  ["Aanbieder", `${c.naam}, KvK ${c.kvk}`],
  ["Ingangsdatum", datum(c.ingangsdatum)],
  ["Producten", html`${c.producten.map((p, i) => html`${i > 0 ? html`<br>` : ""}${productMetPlaatsen(p, c.plaatsen)}`)}`],
  ["Huidige termijn", c.huidigeTermijn ? `Termijn ${c.huidigeTermijn.nr}: ${datum(c.huidigeTermijn.start)} tot en met ${datum(c.huidigeTermijn.eind)}` : "Geen: het contract is nog niet ingegaan of is afgelopen"],
  ["Cliëntenstop", c.clientenstop ? `Sinds ${datum(c.clientenstop.perDatum)}: u neemt geen nieuwe cliënten aan. ${c.clientenstop.motivering}` : "Geen"],
  ...(c.ingebrekestelling && c.ingebrekestelling.status === "lopend" ? ([["Ingebrekestelling", `Verbeteren vóór ${moment(c.ingebrekestelling.termijnEinde)}: ${c.ingebrekestelling.motivering}`]] as [string, string][]) : []),
  ["Gepland einde", c.einde ? `${datum(c.einde.einddatum)}: ${eindeReden[c.einde.reden] ?? c.einde.reden}` : "Geen: het contract loopt volgens de termijnen"],
])}
${looptijdTijdlijn(c, new Date())}
<h2 class="utrecht-heading-2">Termijnen</h2>
${termijnenTable(c.termijnen, c.huidigeTermijn?.nr)}
${hoor.length > 0 ? html`<h2 class="utrecht-heading-2">Hoor en wederhoor over verlenging</h2>${hoor}` : ""}
<h2 class="utrecht-heading-2">Besluiten over dit contract</h2>
${table(
  "Besluiten over dit contract",
  ["Besluit", "Kenmerk", "Datum", "Samenvatting", "Documenten"],
  besluiten.map((b) => [
    html`${b.titel}`,
    html`${b.besluitId}`,
    html`${moment(b.beslissing?.at ?? b.datum)}`,
    html`${b.samenvatting}`,
    html`${b.documenten.map((d, i) => html`${i > 0 ? html`<br>` : ""}<a class="utrecht-link" href="/api/v1/besluiten/${encodeURIComponent(b.besluitId)}/documenten/${encodeURIComponent(d.id)}">${d.bestandsnaam}</a> (PDF)`)}`,
  ]),
)}
${opzegForm}`,
    });
  };

  router.get(
    `${LIJST}/:contractId`,
    requireUser("aanbieder"),
    handle((req, res) => detail(req, res)),
  );

  router.post(
    `${LIJST}/:contractId/opzegging`,
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { actor, kvk } = me(req);
      const body = req.body as Record<string, unknown>;
      const values = { toelichting: typeof body.toelichting === "string" ? body.toelichting : "", einddatum: typeof body.einddatum === "string" ? body.einddatum.trim() : "", bevestig: body.bevestig === "ja" ? "ja" : "" };
      const errors: FieldErrors = {};
      if (values.einddatum && !/^\d{4}-\d{2}-\d{2}$/.test(values.einddatum)) errors.einddatum = "Vul de einddatum in als datum, of laat het veld leeg.";
      if (values.bevestig !== "ja") errors.bevestig = "Bevestig dat u de overeenkomst opzegt.";
      if (Object.keys(errors).length > 0) return detail(req, res, { form: "opzegging", errors, values }, 400);
      try {
        const c = await contract(`${String(req.params.contractId)}/${kvk}`).opzeggen({ actor, toelichting: values.toelichting, ...(values.einddatum ? { einddatum: values.einddatum } : {}) });
        // The confirmation travels as the session's flash (session.ts), not in the URL.
        req.setMelding?.(`U heeft de overeenkomst opgezegd. Het contract eindigt op ${datum(c.einde?.einddatum)}.`);
        res.redirect(303, contractUrl(String(req.params.contractId)));
      } catch (err) {
        const r = refusalOf(err);
        if (!r || r.status === 403 || r.status === 404) throw err;
        const veld = r.veld === "einddatum" || r.veld === "toelichting" ? r.veld : "opzegging";
        return detail(req, res, { form: "opzegging", errors: { [veld]: r.message.replace(/^[A-Za-z.0-9]+: /, "") }, values }, r.status);
      }
    }),
  );

  router.post(
    `${LIJST}/:contractId/verlenging/:termijnEinde/reactie`,
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { actor } = me(req);
      const contractId = String(req.params.contractId);
      const toelichting = typeof (req.body as Record<string, unknown>).toelichting === "string" ? ((req.body as Record<string, unknown>).toelichting as string) : "";
      try {
        await ronde(rondeKey(contractId, String(req.params.termijnEinde))).replyHoor({ actor, toelichting, documenten: [] });
        req.setMelding?.("Uw reactie is ontvangen. De regio beoordeelt de voorgenomen weigering opnieuw en laat u het besluit weten.");
        res.redirect(303, contractUrl(contractId));
      } catch (err) {
        const r = refusalOf(err);
        if (!r || r.status === 403 || r.status === 404) throw err;
        return detail(req, res, { form: "reactie", errors: { [r.veld === "toelichting" ? "toelichting" : "reactie"]: r.message.replace(/^[A-Za-z.0-9]+: /, "") }, values: { toelichting } }, r.status);
      }
    }),
  );
}
