import type { Contract } from "../../../domain/catalogue";
import type { CriteriumInput, PerceelOpzetInput, SasInput } from "../../../domain/sas/opzet";
import { choiceGroup, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { anchored, field, paragraph } from "./common";

/**
 * The opzet of a new SAS on the form of a new procedure (domain/sas/opzet.ts): per perceel of the
 * catalogue (or the contract as its single perceel) the maximum number of candidates and the
 * selectiecriteria with weights; Wonen Wmo also its gunningscriteria. Hoog-specialistisch has the
 * plan's four gunningscriteria, whose weights the BOSD sets later (7.2). Empty rows are ignored.
 */
const RIJEN = 5;

type Values = Record<string, string | string[]>;

const percelenVan = (c: Contract) => c.percelen?.percelen.map((p) => ({ id: p.id, naam: p.naam })) ?? [{ id: c.id, naam: c.naam }];
const eigenGunningscriteria = (c: Contract) => c.gunningscriteria.length === 0;

function criteriaRows(prefix: string, soort: "s" | "g", legend: string, values: Values, errors: FieldErrors): SafeHtml {
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const rows = Array.from({ length: RIJEN }, (_, i) => {
    const base = `${prefix}-${soort}${i + 1}`;
    return html`<div class="inkoop-kaart">
${textField({ name: `${base}-naam`, label: `${legend} ${i + 1}: naam`, value: v(`${base}-naam`), errors, required: i === 0 })}
${textField({ name: `${base}-gewicht`, label: `${legend} ${i + 1}: gewicht`, type: "number", value: v(`${base}-gewicht`), errors, required: i === 0 })}
</div>`;
  });
  return html`<fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${legend}s</legend>
${paragraph(`Tot ${RIJEN} criteria; lege rijen tellen niet mee. Het gewicht is een getal groter dan 0 (hoogstens 100).`)}
${rows}</fieldset>`;
}

/** The opzet's fields on the form. */
export function sasOpzetFields(contract: Contract, values: Values, errors: FieldErrors): SafeHtml {
  const v = (k: string, d = "") => (typeof values[k] === "string" ? (values[k] as string) : d);
  const percelen = percelenVan(contract).map((p) => {
    const prefix = `sas-${p.id}`;
    return html`<h3 class="utrecht-heading-3">Perceel ${p.naam}</h3>
${textField({ name: `${prefix}-maxKandidaten`, label: `Maximaal aantal kandidaten (${p.naam})`, type: "number", value: v(`${prefix}-maxKandidaten`), errors, required: true, description: "Zoveel kandidaten gaan na de selectie door naar de dialoog." })}
${textField({ name: `${prefix}-maxGunningen`, label: `Maximaal aantal gunningen (${p.naam})`, type: "number", value: v(`${prefix}-maxGunningen`), errors, description: "Leeg laten: elke inschrijver die de gunning haalt. Niet meer dan het aantal kandidaten." })}
${criteriaRows(prefix, "s", "Selectiecriterium", values, errors)}
${
  eigenGunningscriteria(contract)
    ? criteriaRows(prefix, "g", "Gunningscriterium", values, errors)
    : html`<h4 class="utrecht-heading-4">Gunningscriteria (inkoopplan ${contract.sectie})</h4>
<ul class="utrecht-unordered-list">${contract.gunningscriteria.map((c, i) => html`<li>G${String(i + 1)} ${c}</li>`)}</ul>
${paragraph("Deze vier gunningscriteria liggen vast in het inkoopplan. Hun gewichten en de schaal stelt het BOSD later vast in de gunningssystematiek (7.2), vóór de uitnodiging tot inschrijving.")}`
}`;
  });
  return html`<div id="veld-sas"><h2 class="utrecht-heading-2">Opzet van de SAS-aanbesteding</h2>
${paragraph("Per perceel: hoeveel kandidaten doorgaan en op welke criteria de beoordelaars de selectie scoren. Na publicatie ligt de opzet vast.")}
${percelen}
<h3 class="utrecht-heading-3">Instellingen van de SAS</h3>
${textField({ name: "sas-schaalMin", label: "Schaal: laagste score", type: "number", value: v("sas-schaalMin", "0"), errors, required: true, description: "Scores zijn gehele getallen op deze schaal (een instelling: het inkoopplan noemt geen schaal)." })}
${textField({ name: "sas-schaalMax", label: "Schaal: hoogste score", type: "number", value: v("sas-schaalMax", "10"), errors, required: true })}
${textField({ name: "sas-beoordelaars", label: "Beoordelaars per onderdeel", type: "number", value: v("sas-beoordelaars", "2"), errors, required: true, description: "Van 2 tot en met 5: zoveel beoordelaars scoren elk onderdeel zelfstandig vóór de consensus." })}
${textField({ name: "sas-standstill", label: "Opschortende termijn (kalenderdagen)", type: "number", value: v("sas-standstill", "20"), errors, required: true, description: "Van 20 tot en met 60 kalenderdagen na de voorlopige gunning." })}
${anchored(
  "sas-openingDoor",
  choiceGroup({
    name: "sas-openingDoor",
    legend: "Opening van de inschrijvingen (vier ogen)",
    type: "radio",
    options: [
      { value: "inkoper+inkoper", label: "Twee verschillende inkopers" },
      { value: "inkoper+beoordelaar", label: "Een inkoper en een beoordelaar" },
    ],
    checked: [v("sas-openingDoor", "inkoper+inkoper")],
    errors,
  }),
)}</div>`;
}

function heel(s: string, min: number, max: number): number | null {
  const n = Number(s.trim());
  return /^\d+$/.test(s.trim()) && n >= min && n <= max ? n : null;
}

function readCriteria(body: unknown, prefix: string, soort: "s" | "g", wat: string, values: Values, errors: FieldErrors): CriteriumInput[] {
  const out: CriteriumInput[] = [];
  for (let i = 1; i <= RIJEN; i += 1) {
    const base = `${prefix}-${soort}${i}`;
    const naam = field(body, `${base}-naam`);
    const gewichtRaw = field(body, `${base}-gewicht`);
    values[`${base}-naam`] = naam;
    values[`${base}-gewicht`] = gewichtRaw;
    if (!naam.trim() && !gewichtRaw.trim()) continue;
    const gewicht = Number(gewichtRaw.trim().replace(",", "."));
    if (naam.trim().length < 3) errors[`${base}-naam`] = `${wat} ${i}: vul een naam in van minstens 3 tekens.`;
    else if (!gewichtRaw.trim() || !Number.isFinite(gewicht) || gewicht <= 0 || gewicht > 100) errors[`${base}-gewicht`] = `${wat} ${i}: het gewicht is een getal groter dan 0 en hoogstens 100.`;
    else out.push({ naam: naam.trim(), gewicht });
  }
  if (out.length === 0 && !Object.keys(errors).some((k) => k.startsWith(`${prefix}-${soort}`))) errors[`${prefix}-${soort}1-naam`] = `Geef minstens één ${wat.toLowerCase()} met een gewicht.`;
  return out;
}

/** Reads the opzet from the form; errors land on the form's own fields. */
export function readSasOpzet(contract: Contract, body: unknown, values: Values, errors: FieldErrors): SasInput | undefined {
  const percelen: PerceelOpzetInput[] = [];
  for (const p of percelenVan(contract)) {
    const prefix = `sas-${p.id}`;
    const maxRaw = field(body, `${prefix}-maxKandidaten`);
    const maxGunRaw = field(body, `${prefix}-maxGunningen`);
    values[`${prefix}-maxKandidaten`] = maxRaw;
    values[`${prefix}-maxGunningen`] = maxGunRaw;
    const maxKandidaten = heel(maxRaw, 1, 100);
    if (maxKandidaten === null) errors[`${prefix}-maxKandidaten`] = `${p.naam}: het maximaal aantal kandidaten is een geheel getal van 1 tot en met 100.`;
    const maxGunningen = maxGunRaw.trim() ? heel(maxGunRaw, 1, 100) : undefined;
    if (maxGunningen === null) errors[`${prefix}-maxGunningen`] = `${p.naam}: het maximaal aantal gunningen is een geheel getal van 1 tot en met 100, of leeg.`;
    else if (maxGunningen !== undefined && maxKandidaten !== null && maxGunningen > maxKandidaten) errors[`${prefix}-maxGunningen`] = `${p.naam}: niet meer gunningen dan kandidaten.`;
    const selectiecriteria = readCriteria(body, prefix, "s", "Selectiecriterium", values, errors);
    const gunningscriteria = eigenGunningscriteria(contract) ? readCriteria(body, prefix, "g", "Gunningscriterium", values, errors) : undefined;
    percelen.push({
      ...(contract.percelen ? { perceel: p.id } : {}),
      maxKandidaten: maxKandidaten ?? 1,
      ...(typeof maxGunningen === "number" ? { maxGunningen } : {}),
      selectiecriteria,
      ...(gunningscriteria ? { gunningscriteria } : {}),
    });
  }
  for (const k of ["sas-schaalMin", "sas-schaalMax", "sas-beoordelaars", "sas-standstill", "sas-openingDoor"]) values[k] = field(body, k);
  const min = heel(field(body, "sas-schaalMin"), 0, 10);
  if (min === null) errors["sas-schaalMin"] = "De laagste score is een geheel getal van 0 tot en met 10.";
  const max = heel(field(body, "sas-schaalMax"), 1, 100);
  if (max === null) errors["sas-schaalMax"] = "De hoogste score is een geheel getal van 1 tot en met 100.";
  else if (min !== null && max <= min) errors["sas-schaalMax"] = "De hoogste score moet groter zijn dan de laagste.";
  const beoordelaars = heel(field(body, "sas-beoordelaars"), 2, 5);
  if (beoordelaars === null) errors["sas-beoordelaars"] = "Het aantal beoordelaars per onderdeel is een geheel getal van 2 tot en met 5.";
  const standstill = heel(field(body, "sas-standstill"), 20, 60);
  if (standstill === null) errors["sas-standstill"] = "De opschortende termijn is een geheel aantal kalenderdagen van 20 tot en met 60.";
  const openingDoor = field(body, "sas-openingDoor");
  if (openingDoor !== "inkoper+inkoper" && openingDoor !== "inkoper+beoordelaar") errors["sas-openingDoor"] = "Kies wie de opening bevestigen.";
  if (min === null || max === null || beoordelaars === null || standstill === null || (openingDoor !== "inkoper+inkoper" && openingDoor !== "inkoper+beoordelaar")) return undefined;
  return { percelen, instellingen: { schaal: { min, max }, aantalBeoordelaars: beoordelaars, standstillKalenderdagen: standstill, openingDoor } };
}

/** The engine's field names of the opzet ("sas.percelen.0.maxKandidaten") on the form's fields. */
export function sasEngineFields(contract: Contract): Record<string, string> {
  const out: Record<string, string> = {};
  percelenVan(contract).forEach((p, i) => {
    const prefix = `sas-${p.id}`;
    out[`sas.percelen.${i}.maxKandidaten`] = `${prefix}-maxKandidaten`;
    out[`sas.percelen.${i}.maxGunningen`] = `${prefix}-maxGunningen`;
    out[`sas.percelen.${i}.selectiecriteria`] = `${prefix}-s1-naam`;
    out[`sas.percelen.${i}.gunningscriteria`] = `${prefix}-g1-naam`;
    out[`sas.percelen.${i}.perceel`] = `${prefix}-maxKandidaten`;
  });
  out["sas.instellingen.schaal"] = "sas-schaalMin";
  return out;
}
