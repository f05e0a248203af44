import { Router, type Request, type Response } from "express";
import { formatDateNl } from "../../../domain/calendar";
import { KvkSchema } from "../../../domain/shared/kvk";
import { html } from "../html";
import { table } from "../layout";
import { requireUser } from "../session";
import { actorOf, gegevens, handle, heading, link, PageError, paragraph, render, status, type Engine } from "./common";
import { contractNaam, contractStatus, productMetPlaatsen } from "./labels";

type Summary = { id: string; contractId?: string; kvk?: string; naam?: string; status?: string; ingangsdatum?: string; procedureId?: string };

const datum = (d: string | undefined) => (d ? formatDateNl(d) : "");
const besluitRoles = ["inkoper", "programmadirecteur", "bosd"];
const wijze: Record<string, string> = {
  stilzwijgend: "Stilzwijgend (verlengd, tenzij de regio anders besluit)",
  "besluit-vooraf": "Alleen na een besluit vooraf",
  "voorwaardelijk-na-evaluatie": "Na een positieve evaluatie",
  "niet-vermeld": "Het inkoopplan zegt niet hoe",
};

async function overzicht(engine: Engine, req: Request, res: Response) {
  const actor = actorOf(req);
  const all = (await engine.register("contracten").list()) as Summary[];
  const list = actor.rol === "aanbieder" ? all.filter((c) => c.kvk === actor.kvk) : all;
  const title = actor.rol === "aanbieder" ? "Mijn contracten" : "Contracten";
  render(req, res, {
    title,
    current: "/contracten",
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
${paragraph(actor.rol === "aanbieder" ? "Uw contracten met de regio, met hun termijnen." : "Alle contracten per aanbieder, met hun termijnen.")}
${table(
  title,
  ["Contract", "Aanbieder", "Status", "Ingangsdatum"],
  list.map((c) => [
    link(`/contracten/${encodeURIComponent(c.contractId ?? "")}/${c.kvk ?? ""}`, contractNaam(c.contractId ?? "")),
    html`${c.naam ?? ""} (KvK ${c.kvk ?? ""})`,
    status(contractStatus[c.status ?? ""] ?? c.status ?? ""),
    html`${datum(c.ingangsdatum)}`,
  ]),
)}`,
  });
}

async function contractPage(engine: Engine, req: Request, res: Response) {
  const actor = actorOf(req);
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new PageError(400, "Dit is geen geldig KvK-nummer (8 cijfers).");
  const c = await engine.contract(`${String(req.params.contractId)}/${kvk.data}`).get({ actor });
  const huidig = c.huidigeTermijn?.nr;
  const besluit = (id: string) => (besluitRoles.includes(actor.rol) ? link(`/besluiten/${encodeURIComponent(id)}`, id) : html`${id}`);
  render(req, res, {
    title: `Contract ${c.naam}`,
    current: "/contracten",
    body: html`<h1 class="utrecht-heading-1">${contractNaam(c.contractId)}: ${c.naam}</h1>
${paragraph(html`${status(contractStatus[c.status] ?? c.status)} ${link("/contracten", "Terug naar de contracten")}`)}
${actor.rol === "inkoper" ? paragraph(link(`/inkoper/contracten/${encodeURIComponent(c.contractId)}/${c.kvk}`, "Beheren: besluit voorstellen en logboek")) : actor.rol === "aanbieder" ? paragraph(link(`/aanbieder/contracten/${encodeURIComponent(c.contractId)}`, "Opzeggen, besluiten en hoor en wederhoor")) : ""}
${gegevens([
  ["Contract", contractNaam(c.contractId)],
  ["Aanbieder", `${c.naam}, KvK ${c.kvk}`],
  ["Ingangsdatum", datum(c.ingangsdatum)],
  ["Procedure", actor.rol === "inkoper" ? link(`/inkoper/procedures/${encodeURIComponent(c.procedureId)}`, c.procedureId) : c.procedureId],
  ["Huidige termijn", c.huidigeTermijn ? `Termijn ${c.huidigeTermijn.nr}: ${datum(c.huidigeTermijn.start)} tot en met ${datum(c.huidigeTermijn.eind)}` : "Geen: het contract is nog niet ingegaan of is afgelopen"],
  ["Besluiten", html`${c.besluiten.map((b) => html`${besluit(b)}<br>`)}`],
  ["Ontbonden", c.ontbonden ? html`Per ${datum(c.ontbonden.perDatum)} (besluit ${besluit(c.ontbonden.besluitId)}): ${c.ontbonden.motivering}` : undefined],
])}
${heading(2, "Producten")}
<ul class="utrecht-unordered-list">${c.producten.map((p) => html`<li>${productMetPlaatsen(p, c.plaatsen)}</li>`)}</ul>
${heading(2, "Termijnen")}
${table(
  "Termijnen van het contract",
  ["Termijn", "Soort", "Van", "Tot en met", "Verlenging", ""],
  c.termijnen.map((t) => [
    html`${String(t.nr)}`,
    html`${t.soort === "initieel" ? "Eerste termijn" : "Verlenging"}`,
    html`${datum(t.start)}`,
    html`${datum(t.eind)}`,
    html`${t.wijze ? (wijze[t.wijze] ?? t.wijze) : ""}`,
    t.nr === huidig ? html`<strong aria-current="true">Huidige termijn</strong>` : html``,
  ]),
)}`,
  });
}

/** Contracts for every logged-in role; an aanbieder sees only its own (the engine checks that too). */
export function contractenRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser();
  router.get("/contracten", guard, handle((req, res) => overzicht(engine, req, res)));
  router.get("/contracten/:contractId/:kvk", guard, handle((req, res) => contractPage(engine, req, res)));
  return router;
}
