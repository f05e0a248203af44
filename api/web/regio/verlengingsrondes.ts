import { Router, type Request, type Response } from "express";
import { contracts } from "../../../domain/catalogue";
import { rondeKey } from "../../../domain/contract/contract";
import { weigeringsRedenen, type Weigering } from "../../../domain/contract/verlengingsronde";
import type { Actor } from "../../../domain/shared/actor";
import { openVerlengingsronde, proposeWeigering, startRondeHoor } from "../../../engine/commands";
import { verlengingsrondeEntity } from "../../../workflows/verlengingsronde/definition";
import { choiceGroup, csrfField, errorSummary, selectField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { datum } from "./contract-beheer";
import { actorOf, amsterdamInstant, anchored, attempt, errorsFrom, field, formId, gegevens, handle, heading, link, paragraph, redirectWith, render, status, type Refusal } from "./common";
import { contractNaam, wie } from "./labels";

/**
 * Verlengingsrondes for the inkoper: the list and the form to open one, and one round with its
 * aanbieders, individual refusals and their hearings, and the forms to propose a refusal, start hoor en
 * wederhoor, reassess, and lay the general verlengingsbesluit before the authority (inkoopplan 5.1, 7.3).
 *
 * GET  /inkoper/verlengingsrondes
 * POST /inkoper/verlengingsrondes
 * GET  /inkoper/verlengingsrondes/:contractId/:termijnEinde
 * POST /inkoper/verlengingsrondes/:contractId/:termijnEinde/{weigering,hoor-en-wederhoor,herbeoordeling,verlengingsbesluit}
 */

const LIJST = "/inkoper/verlengingsrondes";
const rondeUrl = (contractId: string, termijnEinde: string) => `${LIJST}/${encodeURIComponent(contractId)}/${encodeURIComponent(termijnEinde)}`;

const rondeStatusLabel: Record<string, string> = { open: "Open", voorgelegd: "Verlengingsbesluit voorgelegd", vastgesteld: "Vastgesteld", verlopen: "Verlopen zonder besluit" };
const voorstelStatus: Record<string, string> = { voorgelegd: "Voorgelegd", teruggestuurd: "Teruggestuurd", akkoord: "Akkoord" };
const redenLabel: Record<string, string> = { "ondermaats-presteren": "Presteert niet goed (genoeg) (5.1)", "geen-zorg-geleverd": "Geen zorg geleverd in de regio (5.3.4)" };

const eventLabels: Record<string, string> = {
  RondeGeopend: "Verlengingsronde geopend",
  WeigeringVoorgesteld: "Weigering voorgesteld",
  HoorEnWederhoorGestart: "Hoor en wederhoor gestart (brief verstuurd)",
  HoorReactieOntvangen: "Reactie van de aanbieder ontvangen",
  HoorTermijnVerstreken: "Termijn hoor en wederhoor verstreken",
  WeigeringHerbeoordeeld: "Weigering herbeoordeeld",
  VerlengingsbesluitVoorgesteld: "Verlengingsbesluit voorgelegd",
  VerlengingsbesluitGenomen: "Besluit over de verlenging genomen",
  UitkomstVastgesteld: "Uitkomst per aanbieder vastgesteld",
  RondeVerlopen: "Ronde verlopen",
};

type LogEntry = { type: string; at: string; actor?: Actor; reden?: string; data?: unknown };

function eventDetail(e: LogEntry): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.kvk === "string") parts.push(`KvK ${d.kvk}`);
  if (typeof d.besluitId === "string") parts.push(`besluit ${d.besluitId}`);
  if (typeof d.besluit === "string") parts.push(d.besluit);
  if (typeof d.akkoord === "boolean") parts.push(d.akkoord ? "akkoord" : "teruggestuurd");
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function rondeLogboek(log: readonly unknown[]): SafeHtml {
  return table(
    "Logboek van de verlengingsronde",
    ["Wanneer", "Wie", "Wat", "Waarom"],
    (log as LogEntry[]).map((e) => [html`${formatNl(e.at)}`, html`${wie(e.actor)}`, html`${eventLabels[e.type] ?? e.type}${eventDetail(e)}`, html`${e.reden ?? ""}`]),
  );
}

/** Where a refusal stands in its hearing, in words. */
export function hoorStand(w: Pick<Weigering, "hoor" | "herbeoordeling">): string {
  if (w.herbeoordeling) return w.herbeoordeling.besluit === "handhaven" ? "Gehandhaafd na hoor en wederhoor" : "Ingetrokken na hoor en wederhoor";
  if (!w.hoor) return "Voorgesteld; hoor en wederhoor nog niet gestart";
  if (w.hoor.reactie) return `Reactie ontvangen op ${formatNl(w.hoor.reactie.at)}${w.hoor.verstreken ? "; termijn verstreken, klaar voor herbeoordeling" : "; klaar voor herbeoordeling"}`;
  if (w.hoor.verstreken) return "Termijn verstreken zonder reactie; klaar voor herbeoordeling";
  return `Hoor en wederhoor loopt tot ${formatNl(w.hoor.termijnEinde)}`;
}

type RondeSummary = { id: string; contractId?: string; termijnEinde?: string; status?: string; aanbieders?: number };
type FormState = { form?: string; errors: FieldErrors; values: Record<string, string> };
const empty: FormState = { errors: {}, values: {} };

function clients(deps: WebDeps) {
  const engine = deps.session.engine;
  return {
    engine,
    ronde: (key: string) => engine.entity(verlengingsrondeEntity, key),
    rondes: () => ({ list: () => engine.list(verlengingsrondeEntity) }),
  };
}
type Clients = ReturnType<typeof clients>;

async function overzicht(c: Clients, req: Request, res: Response, state: FormState = empty, httpStatus = 200) {
  const actor = actorOf(req);
  const list = ((await c.rondes().list()) as RondeSummary[]).slice().sort((a, b) => (a.termijnEinde ?? "").localeCompare(b.termijnEinde ?? ""));
  // The register knows a round as it was opened; its status now comes from the round itself.
  const live = await Promise.all(list.map(async (r) => (r.contractId && r.termijnEinde ? await attempt(() => c.ronde(rondeKey(r.contractId!, r.termijnEinde!)).get({ actor })) : null)));
  const v = (k: string) => state.values[k] ?? "";
  const options = [{ value: "", label: "Kies een contract" }, ...contracts.filter((x) => x.looptijd).map((x) => ({ value: x.id, label: `${x.sectie} ${x.naam}` }))];
  render(req, res, {
    title: "Verlengingsrondes",
    current: "/contracten",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Verlengingsrondes</h1>
${errorSummary(state.errors)}
${paragraph(html`Per contract uit het inkoopplan en per einde van een termijn één ronde: daarin stelt u individuele weigeringen voor, met hoor en wederhoor, en legt u het algemene verlengingsbesluit voor (inkoopplan 5.1 en 7.3). ${link("/contracten", "Naar de contracten")}`)}
${table(
  "Verlengingsrondes",
  ["Contract", "Einde termijn", "Status", "Aanbieders", "Weigeringen"],
  list.map((r, i) => {
    const l = live[i];
    const s = l && l.ok && "weigeringen" in l.value ? l.value : null;
    return [
      link(rondeUrl(r.contractId ?? "", r.termijnEinde ?? ""), contractNaam(r.contractId ?? "")),
      html`${datum(r.termijnEinde)}`,
      status(rondeStatusLabel[s?.status ?? r.status ?? ""] ?? s?.status ?? r.status ?? ""),
      html`${String(s?.aanbieders.length ?? r.aanbieders ?? 0)}`,
      html`${String(s?.weigeringen.length ?? 0)}`,
    ];
  }),
)}
<form method="post" action="${LIJST}" id="${formId("ronde")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Verlengingsronde openen")}
${paragraph("De ronde kan open vanaf het begin van de aanlooptijd (standaard drie maanden voor het einde van de termijn) tot het einde van de termijn. Alle aanbieders met een lopend contract waarvan de termijn op die dag eindigt, komen in de ronde.")}
${selectField({ name: "contractId", label: "Contract", value: v("contractId"), options, errors: state.errors, required: true })}
${textField({ name: "termijnEinde", label: "Einde van de termijn", type: "date", value: v("termijnEinde"), errors: state.errors, required: true, description: "De laatste dag van de lopende termijn, zoals die op de contractpagina staat." })}
${submitButton("Ronde openen")}
</form>`,
  });
}

async function openRonde(c: Clients, req: Request, res: Response) {
  const values = { contractId: field(req.body, "contractId"), termijnEinde: field(req.body, "termijnEinde").trim() };
  const errors: FieldErrors = {};
  if (!values.contractId) errors.contractId = "Kies het contract.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.termijnEinde)) errors.termijnEinde = "Vul het einde van de termijn in als datum.";
  if (Object.keys(errors).length > 0) return overzicht(c, req, res, { errors, values }, 400);
  const result = await attempt(() => openVerlengingsronde(c.engine, rondeKey(values.contractId, values.termijnEinde), { actor: actorOf(req), ...values }));
  if (!result.ok) return overzicht(c, req, res, { errors: errorsFrom(result.refusal, { contractId: "contractId", termijnEinde: "termijnEinde", ingangsdatum: "termijnEinde", aanbieders: "contractId", aanloopMaanden: "termijnEinde" }, "ronde"), values }, result.refusal.status);
  redirectWith(res, rondeUrl(values.contractId, values.termijnEinde), `De verlengingsronde is geopend met ${result.value.aanbieders.length} aanbieder(s).`);
}

function refParams(req: Request) {
  const contractId = String(req.params.contractId);
  const termijnEinde = String(req.params.termijnEinde);
  return { contractId, termijnEinde, key: rondeKey(contractId, termijnEinde), url: rondeUrl(contractId, termijnEinde) };
}

async function rondePage(c: Clients, req: Request, res: Response, state: FormState = empty, httpStatus = 200) {
  const actor = actorOf(req);
  const { key, url, contractId } = refParams(req);
  const r = await c.ronde(key).get({ actor });
  if (!("weigeringen" in r)) throw new Error("onverwacht antwoord van de verlengingsronde");
  const log = await c.ronde(key).events({ actor });
  const errs = (form: string) => (state.form === form ? state.errors : {});
  const v = (form: string, k: string) => (state.form === form ? (state.values[k] ?? "") : "");
  const open = r.status === "open";
  const naamVan = (kvk: string) => r.aanbieders.find((a) => a.kvk === kvk)?.naam ?? kvk;
  const actief = r.weigeringen.filter((w) => w.herbeoordeling?.besluit !== "intrekken");
  const zonderHoor = actief.filter((w) => !w.hoor);
  const teHerbeoordelen = r.weigeringen.filter((w) => w.hoor && !w.herbeoordeling);
  const besluit = (id: string) => link(`/besluiten/${encodeURIComponent(id)}`, id);
  const kvkOptions = (list: { kvk: string }[]) => [{ value: "", label: "Kies de aanbieder" }, ...list.map((a) => ({ value: a.kvk, label: `${naamVan(a.kvk)} (KvK ${a.kvk})` }))];

  const forms = open
    ? html`<form method="post" action="${url}/weigering" id="${formId("weigering")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Weigering voorstellen")}
${paragraph("Een aanbieder die niet goed (genoeg) presteert of geen zorg heeft geleverd, krijgt geen verlenging. Iedere weigering krijgt hoor en wederhoor.")}
${selectField({ name: "kvk", label: "Aanbieder", value: v("weigering", "kvk"), options: kvkOptions(r.aanbieders), errors: errs("weigering"), required: true })}
${anchored("reden", choiceGroup({ name: "reden", legend: "Reden", type: "radio", checked: [v("weigering", "reden")], errors: errs("weigering"), options: Object.entries(weigeringsRedenen).map(([value, x]) => ({ value, label: x.omschrijving, description: x.bron })) }))}
${textArea({ name: "motivering", label: "Motivering", value: v("weigering", "motivering"), errors: errs("weigering"), required: true, rows: 4, description: "Waarom deze aanbieder geen verlenging krijgt (minstens 20 tekens). De motivering komt in de brief voor hoor en wederhoor." })}
${submitButton("Weigering voorstellen")}
</form>
${
  zonderHoor.length > 0
    ? html`<form method="post" action="${url}/hoor-en-wederhoor" id="${formId("hoor")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Hoor en wederhoor starten")}
${paragraph("De aanbieder krijgt een brief met de voorgenomen weigering en kan binnen de termijn reageren. Geef een einde als datum en tijd, of een aantal werkdagen.")}
${selectField({ name: "kvk", label: "Aanbieder", value: v("hoor", "kvk"), options: kvkOptions(zonderHoor), errors: errs("hoor"), required: true })}
${textField({ name: "termijnEinde", label: "Einde van de termijn", type: "datetime-local", value: v("hoor", "termijnEinde"), errors: errs("hoor"), description: "Datum en tijd in Nederlandse tijd. Moet voor het einde van de contracttermijn liggen." })}
${textField({ name: "termijnWerkdagen", label: "Of: termijn in werkdagen", type: "number", value: v("hoor", "termijnWerkdagen"), errors: errs("hoor"), description: "Als u geen einde invult: het aantal werkdagen vanaf vandaag (1 tot en met 60; leeg is 10)." })}
${submitButton("Brief versturen en termijn starten")}
</form>`
    : ""
}
${
  teHerbeoordelen.length > 0
    ? html`<form method="post" action="${url}/herbeoordeling" id="${formId("herbeoordeling")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Herbeoordeling")}
${paragraph("Na de reactie van de aanbieder of het verstrijken van de termijn handhaaft u de weigering of trekt u haar in, met een motivering.")}
${selectField({ name: "kvk", label: "Aanbieder", value: v("herbeoordeling", "kvk"), options: kvkOptions(teHerbeoordelen), errors: errs("herbeoordeling"), required: true })}
${anchored(
  "besluit",
  choiceGroup({
    name: "besluit",
    legend: "Besluit",
    type: "radio",
    checked: [v("herbeoordeling", "besluit")],
    errors: errs("herbeoordeling"),
    options: [
      { value: "handhaven", label: "Weigering handhaven" },
      { value: "intrekken", label: "Weigering intrekken" },
    ],
  }),
)}
${textArea({ name: "motivering", label: "Motivering", value: v("herbeoordeling", "motivering"), errors: errs("herbeoordeling"), required: true, rows: 4, description: "Minstens 20 tekens; ga in op de reactie van de aanbieder." })}
${submitButton("Herbeoordeling vastleggen")}
</form>`
    : ""
}
<form method="post" action="${url}/verlengingsbesluit" id="${formId("verlengingsbesluit")}" class="inkoop-kaart" novalidate>${csrfField(req.csrf!)}
${heading(2, "Leg verlengingsbesluit voor")}
${paragraph(`Het algemene verlengingsbesluit gaat naar het bevoegd gezag (inkoopplan 7.3). ${r.aanbieders.length - actief.length} van de ${r.aanbieders.length} aanbieder(s) worden verlengd zoals de ronde nu staat; een weigering telt pas na hoor en wederhoor en herbeoordeling.`)}
${textArea({ name: "motivering", label: "Motivering", value: v("verlengingsbesluit", "motivering"), errors: errs("verlengingsbesluit"), required: true, rows: 4, description: "Minstens 20 tekens." })}
${textArea({ name: "evaluatie", label: "Evaluatie", value: v("verlengingsbesluit", "evaluatie"), errors: errs("verlengingsbesluit"), rows: 4, description: "De evaluatie waarop de verlenging steunt, als het contract die vraagt (bijvoorbeeld hoog-specialistisch, 6.5.2)." })}
${submitButton("Leg verlengingsbesluit voor")}
</form>`
    : paragraph(r.status === "voorgelegd" ? "Het verlengingsbesluit ligt bij het bevoegd gezag. Stuurt het gezag het terug, dan kunt u de ronde weer aanpassen." : "Deze ronde is afgerond.");

  render(req, res, {
    title: `Verlengingsronde ${contractNaam(contractId)}`,
    current: "/contracten",
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Verlengingsronde ${contractNaam(r.contractId)}</h1>
${errorSummary(state.errors)}
${paragraph(html`${status(rondeStatusLabel[r.status] ?? r.status)} ${link(LIJST, "Terug naar de verlengingsrondes")}`)}
${gegevens([
  ["Einde van de termijn", `Termijn ${r.termijnNr} eindigt op ${datum(r.termijnEinde)}`],
  ["Volgende termijn", `${datum(r.volgendeTermijn.start)} tot en met ${datum(r.volgendeTermijn.eind)}`],
  ["Verlenging", r.regime === "stilzwijgend" ? "Stilzwijgend: zonder besluit wordt verlengd" : "Alleen met een besluit: zonder besluit eindigt het contract"],
  ["Aanlooptijd", `${r.aanloopMaanden} maanden, vanaf ${datum(r.opent)}`],
  ["Geopend", `${formatNl(r.geopend.at)} door ${r.geopend.door}`],
])}
${heading(2, "Aanbieders")}
${table(
  "Aanbieders in de ronde",
  ["Aanbieder", "KvK", "Contract", "Stand"],
  r.aanbieders.map((a) => {
    const w = r.weigeringen.find((x) => x.kvk === a.kvk);
    const u = r.uitkomst?.uitkomsten.find((x) => x.kvk === a.kvk);
    return [
      html`${a.naam}`,
      html`${a.kvk}`,
      link(`/inkoper/contracten/${encodeURIComponent(r.contractId)}/${a.kvk}`, "Contract beheren"),
      html`${u ? (u.uitkomst === "verlengd" ? "Verlengd" : "Niet verlengd") : w && w.herbeoordeling?.besluit !== "intrekken" ? "Weigering voorgesteld" : "Wordt verlengd"}`,
    ];
  }),
)}
${heading(2, "Weigeringen")}
${table(
  "Voorgestelde weigeringen en hun hoor en wederhoor",
  ["Aanbieder", "Reden", "Motivering", "Hoor en wederhoor", "Reactie", "Herbeoordeling"],
  r.weigeringen.map((w) => [
    html`${w.naam} (KvK ${w.kvk})`,
    html`${redenLabel[w.reden] ?? w.reden}`,
    html`${w.motivering}`,
    html`${hoorStand(w)}`,
    html`${w.hoor?.reactie?.toelichting ?? ""}`,
    html`${w.herbeoordeling ? `${w.herbeoordeling.besluit === "handhaven" ? "Gehandhaafd" : "Ingetrokken"}: ${w.herbeoordeling.motivering}` : ""}`,
  ]),
)}
${heading(2, "Verlengingsbesluiten")}
${table(
  "Voorgelegde verlengingsbesluiten",
  ["Besluit", "Status", "Voorgelegd", "Motivering", "Beslissing"],
  r.voorstellen.map((p) => [
    besluit(p.besluitId),
    status(voorstelStatus[p.status] ?? p.status),
    html`${formatNl(p.at)} door ${p.door}`,
    html`${p.motivering}`,
    html`${p.beslissing ? `${p.beslissing.akkoord ? "Akkoord" : "Teruggestuurd"}: ${p.beslissing.motivering}` : ""}`,
  ]),
)}
${forms}
${heading(2, "Logboek")}
${rondeLogboek(log)}`,
  });
}

type Action = { form: string; names: string[]; fields: Record<string, string>; run: (c: Clients, req: Request, values: Record<string, string>) => Promise<{ errors?: FieldErrors; refusal?: Refusal; melding?: string }> };

const acties: Record<string, Action> = {
  weigering: {
    form: "weigering",
    names: ["kvk", "reden", "motivering"],
    fields: { kvk: "kvk", reden: "reden", motivering: "motivering" },
    run: async (c, req, v) => {
      const errors: FieldErrors = {};
      if (!/^\d{8}$/.test(v.kvk!)) errors.kvk = "Kies de aanbieder.";
      if (v.reden !== "ondermaats-presteren" && v.reden !== "geen-zorg-geleverd") errors.reden = "Kies de reden.";
      if (Object.keys(errors).length > 0) return { errors };
      const r = await attempt(() => proposeWeigering(c.engine, refParams(req).key, refParams(req).contractId, { actor: actorOf(req), kvk: v.kvk!, reden: v.reden as "ondermaats-presteren", motivering: v.motivering! }));
      return r.ok ? { melding: `De weigering voor KvK ${v.kvk} is voorgesteld. Start nu hoor en wederhoor.` } : { refusal: r.refusal };
    },
  },
  "hoor-en-wederhoor": {
    form: "hoor",
    names: ["kvk", "termijnEinde", "termijnWerkdagen"],
    fields: { kvk: "kvk", termijnEinde: "termijnEinde", termijnWerkdagen: "termijnWerkdagen" },
    run: async (c, req, v) => {
      const errors: FieldErrors = {};
      if (!/^\d{8}$/.test(v.kvk!)) errors.kvk = "Kies de aanbieder.";
      const einde = v.termijnEinde!.trim() ? amsterdamInstant(v.termijnEinde!) : undefined;
      if (einde === null) errors.termijnEinde = "Vul het einde in als datum en tijd, of laat het veld leeg.";
      const wd = v.termijnWerkdagen!.trim();
      const werkdagen = wd ? Number(wd) : undefined;
      if (werkdagen !== undefined && !(/^\d+$/.test(wd) && werkdagen >= 1 && werkdagen <= 60)) errors.termijnWerkdagen = "De termijn is een heel aantal werkdagen van 1 tot en met 60.";
      if (Object.keys(errors).length > 0) return { errors };
      const r = await attempt(() =>
        startRondeHoor(c.engine, refParams(req).key, { actor: actorOf(req), kvk: v.kvk!, ...(einde ? { termijnEinde: einde } : werkdagen !== undefined ? { termijnWerkdagen: werkdagen } : {}) }),
      );
      return r.ok ? { melding: `Hoor en wederhoor is gestart: de aanbieder (KvK ${v.kvk}) krijgt de brief per e-mail.` } : { refusal: r.refusal };
    },
  },
  herbeoordeling: {
    form: "herbeoordeling",
    names: ["kvk", "besluit", "motivering"],
    fields: { kvk: "kvk", besluit: "besluit", motivering: "motivering" },
    run: async (c, req, v) => {
      const errors: FieldErrors = {};
      if (!/^\d{8}$/.test(v.kvk!)) errors.kvk = "Kies de aanbieder.";
      if (v.besluit !== "handhaven" && v.besluit !== "intrekken") errors.besluit = "Kies handhaven of intrekken.";
      if (Object.keys(errors).length > 0) return { errors };
      const r = await attempt(() => c.ronde(refParams(req).key).reassess({ actor: actorOf(req), kvk: v.kvk!, besluit: v.besluit as "handhaven", motivering: v.motivering! }));
      return r.ok ? { melding: v.besluit === "handhaven" ? "De weigering is gehandhaafd." : "De weigering is ingetrokken." } : { refusal: r.refusal };
    },
  },
  verlengingsbesluit: {
    form: "verlengingsbesluit",
    names: ["motivering", "evaluatie"],
    fields: { motivering: "motivering", evaluatie: "evaluatie" },
    run: async (c, req, v) => {
      const r = await attempt(() => c.ronde(refParams(req).key).proposeBesluit({ actor: actorOf(req), motivering: v.motivering!, ...(v.evaluatie!.trim() ? { evaluatie: v.evaluatie! } : {}) }));
      return r.ok ? { melding: `Het verlengingsbesluit ${r.value.besluitId} is voorgelegd aan het bevoegd gezag.` } : { refusal: r.refusal };
    },
  },
};

/** The inkoper's verlengingsrondes. */
export function verlengingsrondesRouter(deps: WebDeps): Router {
  const c = clients(deps);
  const router = Router();
  const guard = requireUser("inkoper");
  router.get(LIJST, guard, handle((req, res) => overzicht(c, req, res)));
  router.post(LIJST, guard, handle((req, res) => openRonde(c, req, res)));
  router.get(`${LIJST}/:contractId/:termijnEinde`, guard, handle((req, res) => rondePage(c, req, res)));
  for (const [path, actie] of Object.entries(acties)) {
    router.post(
      `${LIJST}/:contractId/:termijnEinde/${path}`,
      guard,
      handle(async (req, res) => {
        const values: Record<string, string> = {};
        for (const n of actie.names) values[n] = field(req.body, n);
        const out = await actie.run(c, req, values);
        if (out.errors) return rondePage(c, req, res, { form: actie.form, errors: out.errors, values }, 400);
        if (out.refusal) return rondePage(c, req, res, { form: actie.form, errors: errorsFrom(out.refusal, actie.fields, actie.form), values }, out.refusal.status);
        redirectWith(res, refParams(req).url, out.melding ?? "Vastgelegd.");
      }),
    );
  }
  return router;
}
