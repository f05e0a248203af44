import { Router, type Request, type Response } from "express";
import { formatDateNl } from "../../../domain/calendar";
import { tijdlijnVan, type TijdlijnContract, type TijdlijnItem, type TijdlijnStatus } from "../../../domain/contract/tijdlijn";
import { KvkSchema } from "../../../domain/shared/kvk";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { selectField } from "../forms";
import { actorOf, attempt, filterFormulier, filterOpties, filterUit, gefilterd, gegevens, handle, heading, link, pagineer, PageError, paginering, paragraph, PER_PAGINA, render, status, type Engine } from "./common";
import { dringendeRedenLabel, eindeReden } from "./contract-beheer";
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

const termijnStatus: Record<TijdlijnStatus, string> = { voorbij: "voorbij", lopend: "lopend", komend: "komend", vervalt: "vervalt: het contract eindigt eerder" };
const rondeStatus: Record<TijdlijnStatus, string> = { voorbij: "voorbij", lopend: "nu open", komend: "komend", vervalt: "vervalt: het contract eindigt eerder" };
const wijzeTekst: Record<string, string> = {
  stilzwijgend: "Gaat stilzwijgend in, tenzij de regio anders besluit.",
  "besluit-vooraf": "Gaat alleen in na een verlengingsbesluit vooraf.",
  "voorwaardelijk-na-evaluatie": "Gaat alleen in na een positieve evaluatie en een verlengingsbesluit.",
  "niet-vermeld": "Het inkoopplan zegt niet hoe; de regio verlengt stilzwijgend, tenzij zij anders besluit.",
};
const ingebrekeStand = { lopend: "de verbetertermijn loopt", verstreken: "de verbetertermijn is verstreken", verbeterd: "de aanbieder heeft verbeterd" } as const;
/** The bar of a term: its share of the whole looptijd in steps of 5% (a class per step: the CSP allows no style=). */
const balkKlasse = (aandeel: number) => `inkoop-looptijd__balk--b${String(Math.min(100, Math.max(5, Math.round(aandeel / 5) * 5)))}`;
const zin = (s: string | undefined) => (s ? html` ${s}` : "");

function tijdlijnItem(i: TijdlijnItem, besluit: (id: string) => SafeHtml | string): SafeHtml {
  const besluitZin = (id: string | undefined) => (id ? html` Besluit ${besluit(id)}.` : "");
  const item = (soort: string, datumTekst: string, wat: string, status: string | undefined, detail: SafeHtml | string, extra: { klasse?: string; huidig?: boolean; balk?: SafeHtml } = {}) =>
    html`<li class="inkoop-looptijd__item inkoop-looptijd__item--${soort}${extra.klasse ? ` inkoop-looptijd__item--${extra.klasse}` : ""}"${extra.huidig ? html` aria-current="date"` : ""}>
<span class="inkoop-looptijd__datum">${datumTekst}</span>
<span class="inkoop-looptijd__wat"><strong>${wat}</strong>${status ? html` <span class="inkoop-status">${status}</span>` : ""}</span>
${String(detail) === "" ? "" : html`<span class="inkoop-looptijd__detail">${detail}</span>`}${extra.balk ?? ""}
</li>`;
  switch (i.soort) {
    case "termijn": {
      const ingegaan = i.ingegaan ? (i.ingegaan.hoe === "stilzwijgend" ? html` Stilzwijgend ingegaan.` : html` Ingegaan na een verlengingsbesluit.${besluitZin(i.ingegaan.besluitId)}`) : "";
      return item(
        "termijn",
        `${datum(i.start)} tot en met ${datum(i.eind)}`,
        `Termijn ${String(i.nr)}: ${i.termijnSoort === "initieel" ? "eerste termijn" : "verlenging"}, ${String(i.jaren)} jaar`,
        termijnStatus[i.status],
        html`${i.wijze ? (wijzeTekst[i.wijze] ?? i.wijze) : ""}${ingegaan}${zin(i.eindigtOp ? `Het contract eindigt al op ${datum(i.eindigtOp)}.` : undefined)}`,
        { klasse: i.status, balk: html`<span class="inkoop-looptijd__balk ${balkKlasse(i.aandeel)}" aria-hidden="true"></span>` },
      );
    }
    case "verlengingsronde": {
      const zonder = i.zonderBesluit === "verlengd" ? "Zonder besluit wordt het contract stilzwijgend verlengd." : `Zonder verlengingsbesluit eindigt het contract op ${datum(i.termijnEinde)}.`;
      const u = i.uitkomst;
      const uitkomst = !u
        ? ""
        : u.soort === "verlengd"
          ? u.hoe === "stilzwijgend"
            ? html` Uitkomst: stilzwijgend verlengd.`
            : html` Uitkomst: verlengd.${besluitZin(u.besluitId)}`
          : u.soort === "niet-verlengd"
            ? html` Uitkomst: niet verlengd.${besluitZin(u.besluitId)}`
            : html` Uitkomst: er is geen verlengingsbesluit genomen; het contract is afgelopen.`;
      return item("ronde", `Vanaf ${datum(i.datum)}`, `Verlengingsronde voor termijn ${String(i.volgendeTermijnNr)}`, rondeStatus[i.status], html`Open tot en met ${datum(i.termijnEinde)}. ${zonder}${uitkomst}`, { klasse: i.status });
    }
    case "clientenstop":
      return item("handhaving", `Sinds ${datum(i.datum)}`, "Cliëntenstop", undefined, html`Geen nieuwe cliënten. ${i.motivering}${besluitZin(i.besluitId)}`);
    case "ingebrekestelling":
      return item("handhaving", datum(i.datum), "Ingebrekestelling", ingebrekeStand[i.stand], html`Verbeteren vóór ${formatNl(i.termijnEinde)}. ${i.motivering}${besluitZin(i.besluitId)}`);
    case "ontbonden":
      return item("einde", `Per ${datum(i.datum)}`, "Contract ontbonden", undefined, html`${i.motivering}${besluitZin(i.besluitId)}`);
    case "beeindigd":
      return item("einde", `Per ${datum(i.datum)}`, "Contract beëindigd wegens een dringende reden", undefined, html`${dringendeRedenLabel[i.grond] ?? i.grond}. ${i.motivering}${besluitZin(i.besluitId)}`);
    case "einde":
      return item("einde", datum(i.datum), i.gepland ? "Gepland einde" : "Contract afgelopen", undefined, html`${eindeReden[i.reden] ?? i.reden}.${besluitZin(i.besluitId)}`);
    case "vandaag":
      return item("vandaag", datum(i.datum), "Vandaag", undefined, "", { huidig: true });
    case "laatste-einddatum":
      return item(
        "laatste",
        datum(i.datum),
        "Uiterste einddatum van de looptijd",
        undefined,
        i.eerderEinde ? `Dit contract eindigt eerder: op ${datum(i.eerderEinde)}.` : i.bereikt ? "Het contract heeft zijn hele looptijd gelopen." : "Zo lang loopt het contract als elke verlenging doorgaat.",
      );
  }
}

/**
 * The looptijd at a glance (issue 14): an ordered list, one item per term, verlengingsronde, handhaving event
 * and end, with today as an item of its own and each status in words; a bar per term shows its length.
 */
export function looptijdTijdlijn(c: TijdlijnContract, now: Date, besluit: (id: string) => SafeHtml | string = (id) => id): SafeHtml {
  const items = tijdlijnVan(c, now);
  return html`<h2 class="utrecht-heading-2" id="looptijd-tijdlijn">Looptijd in één oogopslag</h2>
${c.termijnen.length === 0 ? html`<p class="utrecht-paragraph inkoop-leeg">Dit contract heeft geen looptijd met termijnen.</p>` : ""}
<ol class="inkoop-looptijd" aria-labelledby="looptijd-tijdlijn">
${items.map((i) => tijdlijnItem(i, besluit))}
</ol>`;
}

const CONTRACT_FILTERS = ["status", "contract", "jaar"] as const;

async function overzicht(engine: Engine, req: Request, res: Response) {
  const actor = actorOf(req);
  const all = (await engine.register("contracten").list()) as Summary[];
  const list = (actor.rol === "aanbieder" ? all.filter((c) => c.kvk === actor.kvk) : all)
    .slice()
    .sort((a, b) => contractNaam(a.contractId ?? "").localeCompare(contractNaam(b.contractId ?? ""), "nl") || (a.naam ?? "").localeCompare(b.naam ?? "", "nl"));
  // Filtered by status, contract (or perceel) and year of start: a GET form, bookmarkable; 20 a page.
  const f = filterUit(req.query, CONTRACT_FILTERS);
  const gekozen = list.filter((c) => (!f.status || c.status === f.status) && (!f.contract || c.contractId === f.contract) && (!f.jaar || (c.ingangsdatum ?? "").startsWith(f.jaar)));
  const { pagina, paginas, zichtbaar } = pagineer(gekozen, req.query);
  const title = actor.rol === "aanbieder" ? "Mijn contracten" : "Contracten";
  const form = filterFormulier({
    action: "/contracten",
    label: "Contracten filteren",
    f,
    velden: [
      selectField({ name: "status", label: "Status", value: f.status, options: filterOpties(list.map((c) => c.status), (x) => contractStatus[x] ?? x) }),
      selectField({ name: "contract", label: "Contract of perceel", value: f.contract, options: filterOpties(list.map((c) => c.contractId), contractNaam) }),
      selectField({ name: "jaar", label: "Jaar van ingang", value: f.jaar, options: filterOpties(list.map((c) => c.ingangsdatum?.slice(0, 4))) }),
    ],
  });
  render(req, res, {
    title,
    current: "/contracten",
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
${paragraph(actor.rol === "aanbieder" ? "Uw contracten met de regio, met hun termijnen." : "Alle contracten per aanbieder, met hun termijnen.")}
${list.length > PER_PAGINA || gefilterd(f) ? form : ""}
${table(
  title,
  ["Contract", "Aanbieder", "Status", "Ingangsdatum"],
  zichtbaar.map((c) => [
    link(`/contracten/${encodeURIComponent(c.contractId ?? "")}/${c.kvk ?? ""}`, contractNaam(c.contractId ?? "")),
    html`${c.naam ?? ""} (KvK ${c.kvk ?? ""})`,
    status(contractStatus[c.status ?? ""] ?? c.status ?? ""),
    html`${datum(c.ingangsdatum)}`,
  ]),
  list.length === 0 ? (actor.rol === "aanbieder" ? "U heeft nog geen contract met de regio." : "Er zijn nog geen contracten.") : "Geen contract voldoet aan dit filter.",
)}
${paginering({ action: "/contracten", f, pagina, paginas, totaal: gekozen.length, wat: "contracten" })}`,
  });
}

async function contractPage(engine: Engine, req: Request, res: Response) {
  const actor = actorOf(req);
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new PageError(400, "Dit is geen geldig KvK-nummer (8 cijfers).");
  const c = await engine.contract(`${String(req.params.contractId)}/${kvk.data}`).get({ actor });
  const huidig = c.huidigeTermijn?.nr;
  const procedure = await attempt(() => engine.procedure(c.procedureId).get({ actor }));
  const procedureTitel = procedure.ok ? procedure.value.titel : c.procedureId;
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
  ["Procedure", actor.rol === "inkoper" ? link(`/inkoper/procedures/${encodeURIComponent(c.procedureId)}`, procedureTitel) : procedureTitel],
  ["Huidige termijn", c.huidigeTermijn ? `Termijn ${c.huidigeTermijn.nr}: ${datum(c.huidigeTermijn.start)} tot en met ${datum(c.huidigeTermijn.eind)}` : "Geen: het contract is nog niet ingegaan of is afgelopen"],
  ["Besluiten", html`${c.besluiten.map((b) => html`${besluit(b)}<br>`)}`],
  ["Ontbonden", c.ontbonden ? html`Per ${datum(c.ontbonden.perDatum)} (besluit ${besluit(c.ontbonden.besluitId)}): ${c.ontbonden.motivering}` : undefined],
])}
${looptijdTijdlijn(c, new Date(), besluit)}
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
  undefined,
  { titelVerborgen: true },
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
