import { Router, type Request, type Response } from "express";
import { randomBytes } from "node:crypto";
import { HERSTEL_TERMIJN_TOELICHTING, HOOR_TERMIJN_TOELICHTING } from "../../../domain/besluit/teksten";
import { contracts, findContract, productsOfContract, type Contract } from "../../../domain/catalogue";
import { OPEN_HOUSE_TYPES } from "../../../domain/procedure/procedure";
import { procedureTijdlijn, wanneerTekst, type TijdlijnMoment } from "../../../domain/procedure/tijdlijn";
import { choiceGroup, csrfField, errorSummary, selectField, submitButton, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { requireUser } from "../session";
import { actorOf, amsterdamInstant, anchored, attempt, errorsFrom, field, fields, filterFormulier, filterOpties, filterUit, formId, gefilterd, handle, link, pagineer, paginering, paragraph, PER_PAGINA, redirectWith, render, status, type Engine } from "./common";
import { contractNaam, procedureStatus } from "./labels";
import { readSasOpzet, sasEngineFields, sasOpzetFields } from "./sas-nieuw";

const NIEUW = "/inkoper/procedures/nieuw";

export const openHouseContracts = (): Contract[] => contracts.filter((c) => (OPEN_HOUSE_TYPES as readonly string[]).includes(c.procedureType));
/** What an inkoper can start here: an Open House, or a SAS (Hoog-specialistisch Jeugd, Wonen Wmo). */
export const nieuwContracts = (): Contract[] => contracts.filter((c) => (OPEN_HOUSE_TYPES as readonly string[]).includes(c.procedureType) || c.procedureType === "sas");

type Summary = { id: string; titel?: string; contractId?: string; status?: string; ronde?: number; sluitingAt?: string; aantalInschrijvingen?: number; aantalVragen?: number };

/** The next moment of a procedure that is not past: what comes, when, and whose turn it is. */
function volgendeStap(momenten: TijdlijnMoment[]): SafeHtml {
  const komend = momenten.filter((x) => x.wat !== "Vandaag" && x.stand !== "voorbij");
  const m = komend[0];
  if (!m) return html`—`;
  const aanZet = komend.find((x) => x.wachtOp)?.wachtOp;
  return html`${m.wat}${m.wanneer || m.stand === "nu" ? html`, ${wanneerTekst(m)}` : ""}${aanZet ? html`<br><strong>Aan zet: ${aanZet}</strong>` : ""}`;
}

const FILTERS = ["status", "contract", "jaar"] as const;

function filterForm(alle: Summary[], f: Record<(typeof FILTERS)[number], string>): SafeHtml {
  return filterFormulier({
    action: "/inkoper",
    label: "Procedures filteren",
    f,
    velden: [
      selectField({ name: "status", label: "Status", value: f.status, options: filterOpties(alle.map((p) => p.status), (x) => procedureStatus[x] ?? x) }),
      selectField({ name: "contract", label: "Contract", value: f.contract, options: filterOpties(alle.map((p) => p.contractId), contractNaam) }),
      selectField({ name: "jaar", label: "Jaar van sluiting", value: f.jaar, options: filterOpties(alle.map((p) => p.sluitingAt?.slice(0, 4))) }),
    ],
  });
}

async function dashboard(engine: Engine, req: Request, res: Response) {
  const alle = ((await engine.register("procedures").list()) as Summary[]).slice().reverse();
  // Filtered by status, contract and year of closing (a GET form: bookmarkable, no JavaScript), one page of it.
  const f = filterUit(req.query, FILTERS);
  const gekozen = alle.filter((p) => (!f.status || p.status === f.status) && (!f.contract || p.contractId === f.contract) && (!f.jaar || (p.sluitingAt ?? "").startsWith(f.jaar)));
  const { pagina, paginas, zichtbaar: list } = pagineer(gekozen, req.query);
  const now = new Date();
  // The index trails a procedure by a moment and may name one the engine cannot answer for: then no next step.
  const views = await Promise.all(list.map((p) => attempt(() => engine.procedure(p.id).get({ actor: actorOf(req) }))));
  const rows = list.map((p, i) => [
    link(`/inkoper/procedures/${encodeURIComponent(p.id)}`, p.titel ?? p.id),
    html`${p.contractId ? contractNaam(p.contractId) : ""}`,
    status(procedureStatus[p.status ?? ""] ?? p.status ?? ""),
    html`${p.ronde ? String(p.ronde) : "—"}`,
    html`${formatNl(p.sluitingAt)}`,
    html`${String(p.aantalInschrijvingen ?? 0)}${p.status === "gepubliceerd" ? " (verzegeld)" : ""}`,
    html`${String(p.aantalVragen ?? 0)}`,
    views[i]?.ok ? volgendeStap(procedureTijdlijn(views[i].value, now)) : html`—`,
  ]);
  render(req, res, {
    title: "Procedures",
    current: "/inkoper",
    body: html`<h1 class="utrecht-heading-1">Procedures</h1>
${paragraph(html`Alle procedures van de regio, de nieuwste bovenaan. ${link(NIEUW, "Maak een nieuwe procedure")}.`)}
${paragraph(html`Verlenging van contracten: ${link("/inkoper/verlengingsrondes", "de verlengingsrondes")}.`)}
${paragraph(html`JB/JR, JeugdzorgPlus en Forensische GGZ worden onderhands ingekocht: ${link("/inkoper/onderhands", "de onderhandse procedures")}.`)}
${alle.length > PER_PAGINA || gefilterd(f) ? filterForm(alle, f) : ""}
${table("Procedures", ["Titel", "Contract", "Status", "Ronde", "Sluiting", "Inschrijvingen", "Vragen", "Volgende stap"], rows, alle.length === 0 ? "Er zijn nog geen procedures. Begin met een nieuwe procedure." : "Geen procedure voldoet aan dit filter.")}
${paginering({ action: "/inkoper", f, pagina, paginas, totaal: gekozen.length, wat: "procedures" })}`,
  });
}

function stap1(req: Request, res: Response, gekozen: string, errors: FieldErrors, httpStatus = 200) {
  const options = [{ value: "", label: "Kies een contract" }, ...nieuwContracts().map((c) => ({ value: c.id, label: `${c.sectie} ${c.naam}${c.procedureType === "sas" ? " (SAS-aanbesteding)" : ""}` }))];
  render(req, res, {
    title: "Nieuwe procedure: contract",
    current: NIEUW,
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Nieuwe procedure</h1>
${errorSummary(errors)}
${paragraph("Stap 1 van 2: kies het contract uit het inkoopplan dat u via Open House of een SAS-aanbesteding inkoopt. In stap 2 vult u de gegevens en de producten in, en bij een SAS de opzet per perceel.")}
<form method="post" action="${NIEUW}" novalidate>
${csrfField(req.csrf!)}<input type="hidden" name="stap" value="contract">
${selectField({ name: "contractId", label: "Contract", value: gekozen, options, errors, required: true, description: "Alleen contracten die het inkoopplan via Open House of een SAS-aanbesteding inkoopt, met hun paragraaf." })}
${submitButton("Volgende stap")}
</form>`,
  });
}

type Values = Record<string, string | string[]>;

function stap2(req: Request, res: Response, contract: Contract, values: Values, errors: FieldErrors, httpStatus = 200) {
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const producten = productsOfContract(contract.id);
  const checked = Array.isArray(values.producten) ? values.producten : producten.filter((p) => p.opleggerStatus !== "stoppen").map((p) => p.id);
  render(req, res, {
    title: "Nieuwe procedure: gegevens",
    current: NIEUW,
    status: httpStatus,
    body: html`<h1 class="utrecht-heading-1">Nieuwe procedure: ${contract.naam}</h1>
${errorSummary(errors)}
${paragraph(html`Stap 2 van 2. Contract: ${contractNaam(contract.id)}. ${link(NIEUW, "Ander contract kiezen")}.`)}
<form method="post" action="${NIEUW}" id="${formId("procedure")}" novalidate>
${csrfField(req.csrf!)}<input type="hidden" name="stap" value="gegevens"><input type="hidden" name="contractId" value="${contract.id}">
${textField({ name: "titel", label: "Titel", value: v("titel"), errors, required: true, description: "Zoals aanbieders de procedure zien, bijvoorbeeld: Open House Ambulant Jeugd 2027." })}
${textField({ name: "publicatie", label: "Publicatie", type: "datetime-local", value: v("publicatie"), errors, required: true, description: "Datum en tijd in Nederlandse tijd (Europe/Amsterdam)." })}
${textField({ name: "sluiting", label: "Sluiting", type: "datetime-local", value: v("sluiting"), errors, required: true, description: "Het sluitingstijdstip in Nederlandse tijd: daarna wordt niets meer aanvaard; de inschrijvingen blijven verzegeld tot de opening met vier ogen." })}
${textField({ name: "vragenTot", label: "Vragen stellen tot", type: "datetime-local", value: v("vragenTot"), errors, description: "Leeg laten: vragen kunnen tot het sluitingstijdstip." })}
${anchored(
  "producten",
  choiceGroup({
    name: "producten",
    legend: "Producten",
    type: "checkbox",
    description: "Standaard aangevinkt: de producten die de oplegger niet laat stoppen.",
    options: producten.map((p) => ({ value: p.id, label: `${p.codeLabel ?? "zonder code"} ${p.naam}`, ...(p.opleggerStatus === "stoppen" ? { description: "Volgens de oplegger: stoppen." } : p.opleggerStatus === "nieuw" ? { description: "Nieuw volgens de oplegger." } : {}) })),
    checked,
    errors,
  }),
)}
<h2 class="utrecht-heading-2">Instellingen</h2>
${anchored("beoordelaars", choiceGroup({ name: "beoordelaars", legend: "Aantal beoordelaars per criterium", type: "radio", options: [{ value: "1", label: "Eén beoordelaar" }, { value: "2", label: "Twee beoordelaars (bij verschil beslecht de inkoper)" }], checked: [v("beoordelaars") || "1"], errors }))}
${textField({ name: "hoorTermijn", label: "Termijn hoor en wederhoor (werkdagen)", type: "number", value: v("hoorTermijn") || "10", errors, required: true, description: HOOR_TERMIJN_TOELICHTING })}
${textField({ name: "herstelTermijn", label: "Hersteltermijn (werkdagen)", type: "number", value: v("herstelTermijn") || "5", errors, required: true, description: HERSTEL_TERMIJN_TOELICHTING })}
${textField({ name: "ingangsdatum", label: "Ingangsdatum contracten", type: "date", value: v("ingangsdatum"), errors, description: "Leeg laten: de eerste dag van de maand na de gunning." })}
${
  contract.procedureType === "sas"
    ? ""
    : anchored(
        "openingDoor",
        choiceGroup({
          name: "openingDoor",
          legend: "Opening van de inschrijvingen (vier ogen)",
          description: "Na het sluitingstijdstip blijven de inschrijvingen verzegeld tot twee verschillende personen van de regio de opening bevestigen; het proces-verbaal noemt beiden.",
          type: "radio",
          options: [
            { value: "inkoper+inkoper", label: "Twee verschillende inkopers" },
            { value: "inkoper+beoordelaar", label: "Een inkoper en daarna een beoordelaar" },
          ],
          checked: [v("openingDoor") || "inkoper+inkoper"],
          errors,
        }),
      )
}
${contract.procedureType === "sas" ? sasOpzetFields(contract, values, errors) : ""}
${submitButton(contract.procedureType === "sas" ? "SAS-aanbesteding aanmaken" : "Procedure aanmaken")}
</form>`,
  });
}

const engineFields: Record<string, string> = {
  id: "titel",
  titel: "titel",
  publicatieAt: "publicatie",
  sluitingAt: "sluiting",
  vragenTot: "vragenTot",
  producten: "producten",
  "instellingen.aantalBeoordelaarsPerCriterium": "beoordelaars",
  "instellingen.hoorEnWederhoorTermijnWerkdagen": "hoorTermijn",
  "instellingen.herstelTermijnWerkdagen": "herstelTermijn",
  "instellingen.contractIngangsdatum": "ingangsdatum",
  "instellingen.openingDoor": "openingDoor",
  sas: "sas",
  "sas.percelen": "sas",
  "sas.instellingen.schaal": "sas-schaalMin",
};

function wholeNumber(s: string, min: number, max: number): number | null {
  const n = Number(s);
  return /^\d+$/.test(s.trim()) && n >= min && n <= max ? n : null;
}

async function create(engine: Engine, req: Request, res: Response, contract: Contract) {
  const body = req.body as unknown;
  const values: Values = {};
  for (const k of ["titel", "publicatie", "sluiting", "vragenTot", "beoordelaars", "hoorTermijn", "herstelTermijn", "ingangsdatum", "openingDoor"]) values[k] = field(body, k);
  values.producten = fields(body, "producten");
  const errors: FieldErrors = {};
  const titel = field(body, "titel").trim();
  if (titel.length < 3) errors.titel = "Vul een titel in van minstens 3 tekens.";
  const publicatieAt = amsterdamInstant(field(body, "publicatie"));
  if (!publicatieAt) errors.publicatie = "Vul het publicatietijdstip in als datum en tijd.";
  const sluitingAt = amsterdamInstant(field(body, "sluiting"));
  if (!sluitingAt) errors.sluiting = "Vul het sluitingstijdstip in als datum en tijd.";
  const vragenTot = field(body, "vragenTot") ? amsterdamInstant(field(body, "vragenTot")) : undefined;
  if (vragenTot === null) errors.vragenTot = "Vul het einde van de vragentermijn in als datum en tijd, of laat het veld leeg.";
  if (values.producten.length === 0) errors.producten = "Kies minstens één product.";
  const beoordelaars = wholeNumber(field(body, "beoordelaars"), 1, 2);
  if (beoordelaars === null) errors.beoordelaars = "Kies één of twee beoordelaars.";
  const hoor = wholeNumber(field(body, "hoorTermijn"), 1, 60);
  if (hoor === null) errors.hoorTermijn = "De termijn voor hoor en wederhoor is een heel aantal werkdagen van 1 tot en met 60.";
  const herstel = wholeNumber(field(body, "herstelTermijn"), 1, 30);
  if (herstel === null) errors.herstelTermijn = "De hersteltermijn is een heel aantal werkdagen van 1 tot en met 30.";
  const ingangsdatum = field(body, "ingangsdatum").trim();
  if (ingangsdatum && !/^\d{4}-\d{2}-\d{2}$/.test(ingangsdatum)) errors.ingangsdatum = "Vul de ingangsdatum in als datum, of laat het veld leeg.";
  const openingDoor = field(body, "openingDoor") || "inkoper+inkoper";
  if (contract.procedureType !== "sas" && openingDoor !== "inkoper+inkoper" && openingDoor !== "inkoper+beoordelaar") errors.openingDoor = "Kies wie de opening bevestigen.";
  const sas = contract.procedureType === "sas" ? readSasOpzet(contract, body, values, errors) : undefined;
  if (Object.keys(errors).length > 0) return stap2(req, res, contract, values, errors, 400);

  const id = `${contract.id}-${randomBytes(4).toString("hex")}`;
  const result = await attempt(() =>
    engine.procedure(id).create({
      actor: actorOf(req),
      procedure: {
        id,
        contractId: contract.id,
        titel,
        publicatieAt: publicatieAt!,
        sluitingAt: sluitingAt!,
        ...(vragenTot ? { vragenTot } : {}),
        producten: [values.producten ?? []].flat(),
        instellingen: {
          aantalBeoordelaarsPerCriterium: beoordelaars!,
          hoorEnWederhoorTermijnWerkdagen: hoor!,
          herstelTermijnWerkdagen: herstel!,
          ...(ingangsdatum ? { contractIngangsdatum: ingangsdatum } : {}),
          ...(contract.procedureType !== "sas" ? { openingDoor: openingDoor as "inkoper+inkoper" | "inkoper+beoordelaar" } : {}),
        },
        ...(sas ? { sas } : {}),
      },
    }),
  );
  if (!result.ok) return stap2(req, res, contract, values, errorsFrom(result.refusal, { ...engineFields, ...sasEngineFields(contract) }, "procedure"), result.refusal.status);
  redirectWith(
    res,
    `/inkoper/procedures/${id}`,
    sas
      ? "De SAS-aanbesteding is aangemaakt als concept. Controleer de gegevens en de opzet en publiceer haar; daarna kunnen aanbieders zich aanmelden."
      : "De procedure is aangemaakt als concept. Controleer de gegevens en publiceer haar.",
  );
}

/** The inkoper's dashboard and the two-step form for a new Open House or SAS. */
export function inkoperNieuwRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("inkoper");

  router.get("/inkoper", guard, handle((req, res) => dashboard(engine, req, res)));

  router.get(
    NIEUW,
    guard,
    handle(async (req, res) => {
      const id = typeof req.query.contract === "string" ? req.query.contract : "";
      if (!id) return stap1(req, res, "", {});
      const contract = nieuwContracts().find((c) => c.id === id);
      if (!contract) return stap1(req, res, id, { contractId: "Kies een contract dat via Open House of een SAS-aanbesteding wordt ingekocht." }, 400);
      stap2(req, res, contract, {}, {});
    }),
  );

  router.post(
    NIEUW,
    guard,
    handle(async (req, res) => {
      const contractId = field(req.body, "contractId");
      const contract = nieuwContracts().find((c) => c.id === contractId);
      if (field(req.body, "stap") !== "gegevens") {
        if (!contract) return stap1(req, res, contractId, { contractId: "Kies een contract dat via Open House of een SAS-aanbesteding wordt ingekocht." }, 400);
        return redirectWith(res, `${NIEUW}?contract=${encodeURIComponent(contract.id)}`, `U koos ${contract.naam}. Vul nu de gegevens van de procedure in.`);
      }
      if (!contract) return stap1(req, res, contractId, { contractId: findContract(contractId) ? "Dit contract wordt niet via Open House of een SAS-aanbesteding ingekocht." : "Kies een contract." }, 400);
      await create(engine, req, res, contract);
    }),
  );

  return router;
}
