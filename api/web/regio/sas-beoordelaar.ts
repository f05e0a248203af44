import { Router, type Request, type Response } from "express";
import type { Offerte } from "../../../domain/sas/sas";
import type { ScoreRonde } from "../../../domain/sas/scoring";
import { errorSummary, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, alert, attempt, errorsFrom, field, handle, heading, link, paragraph, redirectWith, render, status, type Engine } from "./common";
import { sasFase } from "./labels";
import { consensusVan, criteriumNaam, hidden, itemKey, leeg, postForm, regioSas, value, type FormState, type Kandidaten, type RegioSas, type View } from "./sas";

export const beoordelaarSasUrl = (id: string) => `/beoordelaar/procedures/${encodeURIComponent(id)}/sas`;

/** The round being scored now, if any. */
const rondeNu = (sas: RegioSas): ScoreRonde | null => (sas.fase === "selectie" ? "selectie" : sas.fase === "gunning" ? "gunning" : null);

function itemCard(req: Request, view: View, sas: RegioSas, ronde: ScoreRonde, p: Kandidaten, k: Kandidaten["kandidaten"][number], c: Kandidaten["criteria"][number], me: string, state: FormState): SafeHtml {
  const key = itemKey(p.perceel, k.kvk, c.code);
  const mine = sas.scores.find((s) => s.ronde === ronde && s.perceel === p.perceel && s.kvk === k.kvk && s.criterium === c.code && s.beoordelaar === me);
  // The engine's view holds a colleague's score only once this beoordelaar scored the item, or the consensus is set.
  const anderen = sas.scores.filter((s) => s.ronde === ronde && s.perceel === p.perceel && s.kvk === k.kvk && s.criterium === c.code && s.beoordelaar !== me);
  const cons = consensusVan(sas.consensus, ronde, p.perceel, k.kvk, c.code);
  const antwoord = ronde === "gunning" ? (sas.offertes.ontvangen as Offerte[]).find((o) => o.kvk === k.kvk)?.antwoorden.find((a) => a.perceel === p.perceel && a.criterium === c.code) : undefined;
  const scoreName = `score-${key}`;
  const motiveringName = `motivering-${key}`;
  const form =
    !cons && sas.fase === ronde
      ? postForm(
          req,
          beoordelaarSasUrl(view.procedureId),
          `item-${key}`,
          html`${hidden("ronde", ronde)}${hidden("perceel", p.perceel)}${hidden("kvk", k.kvk)}${hidden("criterium", c.code)}
${textField({ name: scoreName, label: mine ? "Uw score wijzigen" : "Uw score", type: "number", value: value(state, scoreName, mine ? String(mine.score) : ""), errors: state.errors, required: true, description: `Een geheel getal van ${p.schaal.min} tot en met ${p.schaal.max}.` })}
${textArea({ name: motiveringName, label: "Motivering", value: value(state, motiveringName, mine?.motivering ?? ""), errors: state.errors, required: true, description: "Minstens 10 tekens. U scoort zelfstandig: de scores van collega's ziet u pas na uw eigen score." })}
${submitButton(mine ? "Score wijzigen" : "Score vastleggen", { secondary: Boolean(mine) })}`,
        )
      : html``;
  return html`<div class="inkoop-kaart">${heading(3, `${k.naam}: ${criteriumNaam(c)}`)}
${antwoord ? paragraph(html`<strong>Antwoord van de inschrijver:</strong> ${antwoord.antwoord}`) : ""}
${paragraph(mine ? `Uw score: ${mine.score} (${formatNl(mine.at)}). ${mine.motivering}` : "U heeft dit onderdeel nog niet gescoord.")}
${anderen.length > 0 ? paragraph(`Scores van collega's: ${anderen.map((s) => `${s.beoordelaar} ${s.score} (${s.motivering})`).join("; ")}`) : ""}
${cons ? paragraph(`Consensus: ${cons.score}, vastgesteld door ${cons.door}. ${cons.motivering}`) : ""}
${form}</div>`;
}

async function sasScorePage(engine: Engine, req: Request, res: Response, state: FormState = leeg, httpStatus = 200): Promise<void> {
  const actor = actorOf(req);
  const id = String(req.params.id);
  const view = await engine.procedure(id).get({ actor });
  const sas = regioSas(view);
  const ronde = rondeNu(sas);
  const lijst = ronde === "gunning" ? sas.gunningKandidaten : ronde === "selectie" ? sas.selectieKandidaten : [];
  const open = lijst.flatMap((p) => p.kandidaten.flatMap((k) => p.criteria.filter((c) => !sas.scores.some((s) => s.ronde === ronde && s.perceel === p.perceel && s.kvk === k.kvk && s.criterium === c.code && s.beoordelaar === actor.id)))).length;
  const percelen = ronde
    ? lijst.map(
        (p) => html`${heading(2, `Perceel ${p.naam}`)}
${paragraph(`Schaal ${p.schaal.min} tot en met ${p.schaal.max}.`)}
${p.kandidaten.length === 0 ? paragraph("Nog geen kandidaten in dit perceel.") : ""}
${p.kandidaten.map((k) => html`${ronde === "selectie" ? paragraph(link(`/beoordelaar/procedures/${encodeURIComponent(id)}/inschrijvingen/${k.kvk}`, `Aanmelding van ${k.naam} bekijken`)) : ""}${p.criteria.map((c) => itemCard(req, view, sas, ronde, p, k, c, actor.id, state))}`)}`,
      )
    : [];
  const eigen = sas.scores.filter((s) => s.beoordelaar === actor.id);
  render(req, res, {
    title: `SAS scoren: ${view.titel}`,
    current: "/beoordelaar",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">SAS scoren: ${view.titel}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(sasFase[sas.fase] ?? sas.fase)} ${link("/beoordelaar", "Terug naar de lijst")}`)}
${ronde ? paragraph(`U scoort de ${ronde === "selectie" ? "selectie" : "gunning"}: elk onderdeel (kandidaat, perceel, criterium) zelfstandig, met een motivering. Nog ${open} onderdeel/onderdelen zonder uw score. Na de consensus liggen de scores vast.`) : alert("info", "Er valt nu niets te scoren: scoren kan in de selectie en in de gunning.")}
${percelen}
${heading(2, "Uw scores")}
${table("Uw scores", ["Ronde", "Perceel", "Kandidaat", "Criterium", "Score", "Motivering", "Wanneer"], eigen.map((s) => [html`${s.ronde}`, html`${s.perceel}`, html`KvK ${s.kvk}`, html`${s.criterium}`, html`${String(s.score)}`, html`${s.motivering}`, html`${formatNl(s.at)}`]))}`,
  });
}

/** The beoordelaar's scores in a SAS: each item on its own, with a motivation. */
export function sasBeoordelaarRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("beoordelaar");
  const path = "/beoordelaar/procedures/:id/sas";
  router.get(path, guard, handle((req, res) => sasScorePage(engine, req, res)));
  router.post(
    path,
    guard,
    handle(async (req, res) => {
      const [ronde, perceel, kvk, criterium] = ["ronde", "perceel", "kvk", "criterium"].map((k) => field(req.body, k)) as [string, string, string, string];
      const key = itemKey(perceel, kvk, criterium);
      const scoreName = `score-${key}`;
      const motiveringName = `motivering-${key}`;
      const values = { [scoreName]: field(req.body, scoreName), [motiveringName]: field(req.body, motiveringName) };
      const errors: FieldErrors = {};
      if (ronde !== "selectie" && ronde !== "gunning") errors[`item-${key}`] = "Onbekende ronde.";
      const raw = values[scoreName]!.trim();
      if (!/^-?\d+$/.test(raw)) errors[scoreName] = "Vul uw score in als geheel getal.";
      if (!values[motiveringName]!.trim()) errors[motiveringName] = "Motiveer uw score.";
      if (Object.keys(errors).length > 0) return sasScorePage(engine, req, res, { errors, values }, 400);
      const result = await attempt(() =>
        engine.procedure(String(req.params.id)).sas({ actor: actorOf(req), opdracht: { type: "GeefScore", ronde: ronde as ScoreRonde, perceel, kvk, criterium, score: Number(raw), motivering: values[motiveringName]! } }),
      );
      if (!result.ok) return sasScorePage(engine, req, res, { errors: errorsFrom(result.refusal, { score: scoreName, motivering: motiveringName }, `item-${key}`), values }, result.refusal.status);
      redirectWith(res, beoordelaarSasUrl(String(req.params.id)), `Uw score voor ${criterium} van KvK ${kvk} is vastgelegd.`);
    }),
  );
  return router;
}
