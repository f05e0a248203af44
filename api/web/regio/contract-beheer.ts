import { Router, type Request, type Response } from "express";
import { formatDateNl } from "../../../domain/calendar";
import { voorstelNamen, type Termijn, type VoorstelSoort } from "../../../domain/contract/contract";
import type { Actor } from "../../../domain/shared/actor";
import { KvkSchema } from "../../../domain/shared/kvk";
import { csrfField, errorSummary, selectField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { proposeContractBesluit } from "../../../engine/commands";
import { actorOf, attempt, engineOf, errorsFrom, field, formId, gegevens, handle, heading, link, PageError, paragraph, redirectWith, render, status, type Engine } from "./common";
import { contractNaam, productMetPlaatsen, wie } from "./labels";

/**
 * The inkoper's page of one contract: its state (terms, cliëntenstop, ingebrekestelling, planned end,
 * proposals waiting for their authority), the audit trail, and the form to propose a besluit about it.
 *
 * GET  /inkoper/contracten/:contractId/:kvk
 * POST /inkoper/contracten/:contractId/:kvk/voorstel
 */

export const datum = (d: string | undefined): string => (d ? formatDateNl(d) : "");

export const contractStatusLabel: Record<string, string> = { actief: "Actief", afgelopen: "Afgelopen", beeindigd: "Beëindigd", ontbonden: "Ontbonden" };

export const eindeReden: Record<string, string> = {
  "looptijd-voorbij": "De looptijd is voorbij",
  "geen-verlengingsbesluit": "Er is geen verlengingsbesluit genomen",
  "niet-verlengd": "Niet verlengd (besluit van de verlengingsronde)",
  "opgezegd-door-aanbieder": "Opgezegd door de aanbieder",
  "opgezegd-door-regio": "Opgezegd door de regio",
  "landelijk-beleid": "Beëindigd wegens landelijk beleid",
};

export const dringendeRedenLabel: Record<string, string> = {
  "fusie-of-overname": "Fusie of overname met negatieve gevolgen",
  "voldoet-niet-meer-aan-voorwaarden": "Voldoet niet meer aan de voorwaarden",
  "ernstige-fout": "Ernstige fout van de aanbieder",
};

const ingebrekeStatus: Record<string, string> = { lopend: "Loopt", verstreken: "Termijn verstreken", verbeterd: "Verbeterd" };

/** The soorten of the form, in the order the inkoper meets them (handhaving first, then beëindiging). */
const soorten: { value: VoorstelSoort; label: string }[] = [
  { value: "clientenstop", label: "Cliëntenstop" },
  { value: "opheffing-clientenstop", label: "Opheffing van de cliëntenstop" },
  { value: "ingebrekestelling", label: "Ingebrekestelling (met een termijn in werkdagen)" },
  { value: "ontbinding", label: "Ontbinding" },
  { value: "opzegging", label: "Opzegging door de regio (met einddatum)" },
  { value: "dringende-reden", label: "Beëindiging per direct wegens dringende reden (met grond)" },
  { value: "landelijk-beleid", label: "Beëindiging wegens landelijk beleid" },
];

const eventLabels: Record<string, string> = {
  ContractGestart: "Contract gestart",
  ProductenToegevoegd: "Producten toegevoegd",
  VerlengingSignaal: "Signaal: de termijn loopt af, verlengingsronde kan open",
  VerlengingBesloten: "Verlenging besloten",
  NietVerlengd: "Niet verlengd",
  VerlengingIngegaan: "Verlenging ingegaan",
  ContractAfgelopen: "Contract afgelopen",
  ClientenstopVoorgesteld: "Cliëntenstop voorgesteld",
  OpheffingClientenstopVoorgesteld: "Opheffing cliëntenstop voorgesteld",
  IngebrekestellingVoorgesteld: "Ingebrekestelling voorgesteld",
  OntbindingVoorgesteld: "Ontbinding voorgesteld",
  OpzeggingVoorgesteld: "Opzegging door de regio voorgesteld",
  BeeindigingVoorgesteld: "Beëindiging per direct voorgesteld",
  BeeindigingLandelijkBeleidVoorgesteld: "Beëindiging wegens landelijk beleid voorgesteld",
  VoorstelTeruggestuurd: "Voorstel teruggestuurd door het bevoegd gezag",
  VoorstelVervallen: "Voorstel vervallen",
  ClientenstopOpgelegd: "Cliëntenstop opgelegd",
  ClientenstopOpgeheven: "Cliëntenstop opgeheven",
  IngebrekeGesteld: "In gebreke gesteld",
  IngebrekestellingVerstreken: "Termijn van de ingebrekestelling verstreken",
  IngebrekestellingAfgerond: "Ingebrekestelling afgerond",
  ContractOntbonden: "Contract ontbonden",
  OpgezegdDoorAanbieder: "Opgezegd door de aanbieder",
  OpgezegdDoorRegio: "Opgezegd door de regio",
  BeeindigdWegensDringendeReden: "Beëindigd wegens dringende reden",
  BeeindigdLandelijkBeleid: "Beëindigd wegens landelijk beleid",
};

type LogEntry = { type: string; at: string; actor?: Actor; reden?: string; data?: unknown };

function eventDetail(e: LogEntry): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.besluitId === "string") parts.push(`besluit ${d.besluitId}`);
  if (typeof d.termijnNr === "number") parts.push(`termijn ${d.termijnNr}`);
  for (const k of ["einddatum", "perDatum", "termijnEinde"]) {
    const v = d[k];
    if (typeof v === "string") parts.push(`${k === "termijnEinde" ? "tot" : "per"} ${/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDateNl(v) : formatNl(v)}`);
  }
  if (typeof d.reden === "string") parts.push(eindeReden[d.reden] ?? d.reden);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The audit trail of a contract: when, who, what (in Dutch), and why. */
export function contractLogboek(log: readonly unknown[]): SafeHtml {
  return table(
    "Logboek van het contract",
    ["Wanneer", "Wie", "Wat", "Waarom"],
    (log as LogEntry[]).map((e) => [html`${formatNl(e.at)}`, html`${wie(e.actor)}`, html`${eventLabels[e.type] ?? e.type}${eventDetail(e)}`, html`${e.reden ?? ""}`]),
  );
}

/** The terms of a contract with the running one marked. */
export function termijnenTable(termijnen: readonly Termijn[], huidig: number | undefined): SafeHtml {
  return table(
    "Termijnen van het contract",
    ["Termijn", "Soort", "Van", "Tot en met", ""],
    termijnen.map((t) => [
      html`${String(t.nr)}`,
      html`${t.soort === "initieel" ? "Eerste termijn" : "Verlenging"}`,
      html`${datum(t.start)}`,
      html`${datum(t.eind)}`,
      t.nr === huidig ? html`<strong aria-current="true">Huidige termijn</strong>` : html``,
    ]),
  );
}

const beheerUrl = (contractId: string, kvk: string) => `/inkoper/contracten/${encodeURIComponent(contractId)}/${kvk}`;

type FormState = { errors: FieldErrors; values: Record<string, string> };
const empty: FormState = { errors: {}, values: {} };

function keyOf(req: Request): { contractId: string; kvk: string; key: string } {
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new PageError(400, "Dit is geen geldig KvK-nummer (8 cijfers).");
  const contractId = String(req.params.contractId);
  return { contractId, kvk: kvk.data, key: `${contractId}/${kvk.data}` };
}

async function beheerPage(engine: Engine, req: Request, res: Response, state: FormState = empty, httpStatus = 200) {
  const actor = actorOf(req);
  const { contractId, kvk, key } = keyOf(req);
  const c = await engine.contract(key).get({ actor });
  const log = await engine.contract(key).events({ actor });
  const v = (k: string) => state.values[k] ?? "";
  const besluit = (id: string) => link(`/besluiten/${encodeURIComponent(id)}`, id);
  const url = beheerUrl(contractId, kvk);
  const form =
    c.status === "actief"
      ? html`<form method="post" action="${url}/voorstel" id="${formId("voorstel")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Besluit voorstellen", "besluit-voorstellen")}
${paragraph("Het voorstel gaat als besluit naar het bevoegd gezag (inkoopplan 7.2 en 7.3) en werkt pas na diens akkoord. De aanbieder krijgt dan een brief.")}
${selectField({ name: "soort", label: "Soort besluit", value: v("soort"), required: true, errors: state.errors, options: [{ value: "", label: "Kies de soort" }, ...soorten] })}
${textArea({ name: "motivering", label: "Motivering", value: v("motivering"), required: true, errors: state.errors, rows: 5, description: "Waarom dit besluit nodig is (minstens 20 tekens). De motivering komt in het besluit en de brief." })}
${textField({ name: "termijnWerkdagen", label: "Termijn van de ingebrekestelling in werkdagen", type: "number", value: v("termijnWerkdagen"), errors: state.errors, description: "Alleen bij een ingebrekestelling: binnen hoeveel werkdagen na het besluit de aanbieder moet verbeteren (1 tot en met 250; leeg is 20)." })}
${textField({ name: "einddatum", label: "Gewenste einddatum", type: "date", value: v("einddatum"), errors: state.errors, description: "Alleen bij opzegging of beëindiging wegens landelijk beleid: de laatste dag van het contract. Leeg is de vroegste datum volgens de opzegtermijn (ten minste één kalendermaand vanaf de eerste van de volgende maand)." })}
${selectField({ name: "grond", label: "Grond", value: v("grond"), errors: state.errors, description: "Alleen bij beëindiging per direct (modelovereenkomst 8.3).", options: [{ value: "", label: "Kies de grond" }, ...Object.entries(dringendeRedenLabel).map(([value, label]) => ({ value, label }))] })}
${submitButton("Besluit voorstellen")}
</form>`
      : paragraph(`Dit contract is ${(contractStatusLabel[c.status] ?? c.status).toLowerCase()}: er valt geen besluit meer over voor te stellen.`);
  render(req, res, {
    title: `Contract ${c.naam} beheren`,
    current: "/contracten",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">${contractNaam(c.contractId)}: ${c.naam}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(contractStatusLabel[c.status] ?? c.status)} ${link(`/contracten/${encodeURIComponent(contractId)}/${kvk}`, "Overzicht van het contract")} · ${link("/inkoper/verlengingsrondes", "Verlengingsrondes")}`)}
${gegevens([
  ["Aanbieder", `${c.naam}, KvK ${c.kvk}`],
  ["Ingangsdatum", datum(c.ingangsdatum)],
  ["Procedure", link(`/inkoper/procedures/${encodeURIComponent(c.procedureId)}`, c.procedureId)],
  ["Producten", html`${c.producten.map((p, i) => html`${i > 0 ? html`<br>` : ""}${productMetPlaatsen(p, c.plaatsen)}`)}`],
  ["Huidige termijn", c.huidigeTermijn ? `Termijn ${c.huidigeTermijn.nr}: ${datum(c.huidigeTermijn.start)} tot en met ${datum(c.huidigeTermijn.eind)}` : "Geen: het contract is nog niet ingegaan of is afgelopen"],
  ["Cliëntenstop", c.clientenstop ? html`Geldt sinds ${datum(c.clientenstop.perDatum)} (besluit ${besluit(c.clientenstop.besluitId)}): ${c.clientenstop.motivering}` : "Geen"],
  [
    "Ingebrekestelling",
    c.ingebrekestelling
      ? html`${ingebrekeStatus[c.ingebrekestelling.status] ?? c.ingebrekestelling.status}; termijn tot ${formatNl(c.ingebrekestelling.termijnEinde)} (besluit ${besluit(c.ingebrekestelling.besluitId)}): ${c.ingebrekestelling.motivering}`
      : "Geen",
  ],
  ["Gepland einde", c.einde ? html`${datum(c.einde.einddatum)}: ${eindeReden[c.einde.reden] ?? c.einde.reden}${c.einde.besluitId ? html` (besluit ${besluit(c.einde.besluitId)})` : ""}` : undefined],
  ["Afgelopen", c.afgelopen ? `${datum(c.afgelopen.einddatum)}: ${eindeReden[c.afgelopen.reden] ?? c.afgelopen.reden}` : undefined],
  ["Beëindigd", c.beeindigd ? html`Per ${datum(c.beeindigd.perDatum)}, ${dringendeRedenLabel[c.beeindigd.grond] ?? c.beeindigd.grond} (besluit ${besluit(c.beeindigd.besluitId)})` : undefined],
  ["Ontbonden", c.ontbonden ? html`Per ${datum(c.ontbonden.perDatum)} (besluit ${besluit(c.ontbonden.besluitId)}): ${c.ontbonden.motivering}` : undefined],
  ["Verlengingsbesluit", c.verlengingsbesluit ? html`Voor de termijn na termijn ${String(c.verlengingsbesluit.termijnNr)} (besluit ${besluit(c.verlengingsbesluit.besluitId)})` : undefined],
])}
${heading(2, "Termijnen")}
${termijnenTable(c.termijnen, c.huidigeTermijn?.nr)}
${heading(2, "Lopende voorstellen")}
${table(
  "Voorstellen die bij het bevoegd gezag liggen",
  ["Besluit", "Soort", "Voorgesteld", "Motivering", "Bijzonderheden"],
  c.lopend.map((p) => [
    besluit(p.besluitId),
    html`${voorstelNamen[p.soort] ?? p.soort}`,
    html`${formatNl(p.at)} door ${p.door}`,
    html`${p.motivering}`,
    html`${p.termijn ? ("werkdagen" in p.termijn ? `Termijn ${p.termijn.werkdagen} werkdagen` : `Termijn tot ${formatNl(p.termijn.einde)}`) : ""}${p.grond ? (dringendeRedenLabel[p.grond] ?? p.grond) : ""}${p.gewensteEinddatum ? `Gewenste einddatum ${datum(p.gewensteEinddatum)}` : ""}`,
  ]),
)}
${form}
${heading(2, "Logboek")}
${contractLogboek(log)}`,
  });
}

const engineFields: Record<string, string> = {
  soort: "soort",
  motivering: "motivering",
  termijnWerkdagen: "termijnWerkdagen",
  termijnEinde: "termijnWerkdagen",
  termijn: "termijnWerkdagen",
  einddatum: "einddatum",
  grond: "grond",
};

async function propose(engine: Engine, req: Request, res: Response) {
  const values: Record<string, string> = {};
  for (const k of ["soort", "motivering", "termijnWerkdagen", "einddatum", "grond"]) values[k] = field(req.body, k);
  const errors: FieldErrors = {};
  const soort = soorten.find((s) => s.value === values.soort)?.value;
  if (!soort) errors.soort = "Kies de soort besluit.";
  const werkdagenRaw = values.termijnWerkdagen!.trim();
  const werkdagen = werkdagenRaw === "" ? undefined : Number(werkdagenRaw);
  if (soort === "ingebrekestelling" && werkdagen !== undefined && !(/^\d+$/.test(werkdagenRaw) && werkdagen >= 1 && werkdagen <= 250))
    errors.termijnWerkdagen = "De termijn is een heel aantal werkdagen van 1 tot en met 250.";
  const einddatum = values.einddatum!.trim();
  if ((soort === "opzegging" || soort === "landelijk-beleid") && einddatum && !/^\d{4}-\d{2}-\d{2}$/.test(einddatum)) errors.einddatum = "Vul de einddatum in als datum, of laat het veld leeg.";
  const grond = values.grond!;
  if (soort === "dringende-reden" && !(grond in dringendeRedenLabel)) errors.grond = "Kies de grond voor beëindiging per direct.";
  if (Object.keys(errors).length > 0) return beheerPage(engine, req, res, { errors, values }, 400);

  const { contractId, kvk, key } = keyOf(req);
  const result = await attempt(() =>
    proposeContractBesluit(engine.engine, key, {
      actor: actorOf(req),
      soort: soort!,
      motivering: values.motivering!,
      ...(soort === "ingebrekestelling" && werkdagen !== undefined ? { termijnWerkdagen: werkdagen } : {}),
      ...((soort === "opzegging" || soort === "landelijk-beleid") && einddatum ? { einddatum } : {}),
      ...(soort === "dringende-reden" ? { grond: grond as "fusie-of-overname" | "voldoet-niet-meer-aan-voorwaarden" | "ernstige-fout" } : {}),
    }),
  );
  if (!result.ok) return beheerPage(engine, req, res, { errors: errorsFrom(result.refusal, engineFields, "voorstel"), values }, result.refusal.status);
  redirectWith(res, beheerUrl(contractId, kvk), `Het voorstel tot ${voorstelNamen[soort!]} is als besluit ${result.value.besluitId} voorgelegd aan het bevoegd gezag.`);
}

/** The inkoper's contract management page and its proposal form. */
export function contractBeheerRouter(deps: WebDeps): Router {
  const engine = engineOf(deps);
  const router = Router();
  const guard = requireUser("inkoper");
  router.get("/inkoper/contracten/:contractId/:kvk", guard, handle((req, res) => beheerPage(engine, req, res)));
  router.post("/inkoper/contracten/:contractId/:kvk/voorstel", guard, handle((req, res) => propose(engine, req, res)));
  return router;
}
