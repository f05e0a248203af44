import { z } from "zod";
import type { Contract } from "../catalogue/schema";
import { OpeningDoorSchema } from "../shared/opening";
import { refuse, type Refusal } from "../shared/refusal";

/**
 * How a SAS is set up: per perceel its selectie- and gunningscriteria, how many candidates go through,
 * and the procedure's settings. The seeds fix little of this (SEEDFACTS; inkoopplan 6.5, 6.7): what
 * they leave open is a setting the inkoper fills in before publication, labelled as such.
 */
export const SasInstellingenSchema = z.object({
  /** Scores are whole numbers on this scale (a setting: the plan names none). */
  schaal: z
    .object({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(100) })
    .refine((s) => s.max > s.min, { error: "schaal: max moet groter zijn dan min" })
    .default({ min: 0, max: 10 }),
  /** Independent scores per item before a consensus may be set ("several beoordelaars"). */
  aantalBeoordelaars: z.number().int().min(2).max(5).default(2),
  /** Aanbestedingswet practice (art. 2.127), not in the seeds: a setting, default 20 calendar days. */
  standstillKalenderdagen: z.number().int().min(20).max(60).default(20),
  /** Who confirms the opening of the final offers: two different people with these roles. */
  openingDoor: OpeningDoorSchema.default("inkoper+inkoper"),
});
export type SasInstellingen = z.infer<typeof SasInstellingenSchema>;

export const CriteriumInputSchema = z.object({
  naam: z.string({ error: "naam ontbreekt" }).trim().min(3, { error: "naam is te kort" }).max(200, { error: "naam is te lang (maximaal 200 tekens)" }),
  toelichting: z.string().trim().max(2000, { error: "toelichting is te lang (maximaal 2000 tekens)" }).optional(),
  gewicht: z.number({ error: "gewicht moet een getal zijn" }).positive({ error: "gewicht moet groter dan 0 zijn" }).max(100, { error: "gewicht is hoogstens 100" }),
});
export type CriteriumInput = z.infer<typeof CriteriumInputSchema>;

export const PerceelOpzetInputSchema = z.object({
  /** The catalogue's perceel id; may be left out when the contract has no percelen. */
  perceel: z.string().min(1).max(64).optional(),
  maxKandidaten: z.number({ error: "maxKandidaten moet een getal zijn" }).int().min(1, { error: "maxKandidaten is minstens 1" }).max(100),
  /** At most this many contracts in the perceel; by default every candidate that reaches the minimum score. */
  maxGunningen: z.number().int().min(1).max(100).optional(),
  selectiecriteria: z.array(CriteriumInputSchema, { error: "selectiecriteria ontbreekt" }).min(1, { error: "geef minstens één selectiecriterium" }).max(20),
  /** Only where the catalogue names none (Wonen Wmo); Hoog-specialistisch has the plan's four. */
  gunningscriteria: z.array(CriteriumInputSchema).min(1).max(20).optional(),
  /** A weighted gunning score below this gets no contract (a setting; none by default). */
  minimumGunningsscore: z.number().min(0).max(100).optional(),
});
export type PerceelOpzetInput = z.infer<typeof PerceelOpzetInputSchema>;

export const SasInputSchema = z.object({
  percelen: z.array(PerceelOpzetInputSchema, { error: "percelen ontbreekt" }).min(1, { error: "geef de opzet van minstens één perceel" }).max(10),
  instellingen: SasInstellingenSchema.partial().optional(),
});
export type SasInput = z.infer<typeof SasInputSchema>;

export interface Criterium {
  code: string;
  naam: string;
  toelichting?: string;
  /** null for the gunningscriteria of Hoog-specialistisch until the BOSD sets the gunningssystematiek (7.2). */
  gewicht: number | null;
}

export interface PerceelOpzet {
  perceel: string;
  naam: string;
  maxKandidaten: number;
  maxGunningen?: number;
  minimumGunningsscore?: number;
  selectiecriteria: Criterium[];
  gunningscriteria: Criterium[];
}

export interface SasOpzet {
  percelen: PerceelOpzet[];
  instellingen: SasInstellingen;
  /** True where the gunningscriteria's weights and scale await a BOSD besluit (Hoog-specialistisch). */
  gunningssystematiekDoorBosd: boolean;
}

const coded = (prefix: string, list: CriteriumInput[]): Criterium[] =>
  list.map((c, i) => ({ code: `${prefix}${i + 1}`, naam: c.naam, ...(c.toelichting ? { toelichting: c.toelichting } : {}), gewicht: c.gewicht }));

/** Checks the opzet against the catalogue's contract: its percelen, and who sets the gunningscriteria. */
export function sasOpzetFor(contract: Contract, input: SasInput | undefined): SasOpzet | Refusal {
  if (!input) return refuse("OngeldigeInvoer", 400, `Een SAS voor ${contract.naam} heeft een opzet nodig: per perceel de selectiecriteria met gewichten en het aantal kandidaten.`, "sas");
  const catalogus = contract.percelen?.percelen ?? [{ id: contract.id, naam: contract.naam }];
  const opzet: PerceelOpzet[] = [];
  for (const [i, p] of input.percelen.entries()) {
    const id = p.perceel ?? (contract.percelen ? undefined : contract.id);
    const perceel = catalogus.find((c) => c.id === id);
    if (!perceel)
      return refuse("OngeldigeInvoer", 400, `Perceel '${p.perceel ?? ""}' bestaat niet bij ${contract.naam}; kies uit: ${catalogus.map((c) => c.id).join(", ")}.`, `sas.percelen.${i}.perceel`);
    if (opzet.some((o) => o.perceel === perceel.id)) return refuse("OngeldigeInvoer", 400, `Perceel '${perceel.id}' staat twee keer in de opzet.`, `sas.percelen.${i}.perceel`);
    let gunningscriteria: Criterium[];
    if (contract.gunningscriteria.length > 0) {
      if (p.gunningscriteria)
        return refuse(
          "OngeldigeInvoer",
          400,
          `De gunningscriteria van ${contract.naam} staan in het inkoopplan (${contract.sectie}); hun weging stelt het BOSD vast in de gunningssystematiek (7.2), niet de opzet.`,
          `sas.percelen.${i}.gunningscriteria`,
        );
      gunningscriteria = contract.gunningscriteria.map((naam, j) => ({ code: `G${j + 1}`, naam, gewicht: null }));
    } else {
      if (!p.gunningscriteria)
        return refuse(
          "OngeldigeInvoer",
          400,
          `Het inkoopplan noemt geen gunningscriteria voor ${contract.naam}: leg ze per perceel vast, met gewichten, vóór publicatie.`,
          `sas.percelen.${i}.gunningscriteria`,
        );
      gunningscriteria = coded("G", p.gunningscriteria);
    }
    if (p.maxGunningen !== undefined && p.maxGunningen > p.maxKandidaten)
      return refuse("OngeldigeInvoer", 400, "maxGunningen kan niet groter zijn dan maxKandidaten.", `sas.percelen.${i}.maxGunningen`);
    opzet.push({
      perceel: perceel.id,
      naam: perceel.naam,
      maxKandidaten: p.maxKandidaten,
      ...(p.maxGunningen !== undefined ? { maxGunningen: p.maxGunningen } : {}),
      ...(p.minimumGunningsscore !== undefined ? { minimumGunningsscore: p.minimumGunningsscore } : {}),
      selectiecriteria: coded("S", p.selectiecriteria),
      gunningscriteria,
    });
  }
  const missing = catalogus.filter((c) => !opzet.some((o) => o.perceel === c.id));
  if (missing.length > 0) return refuse("OngeldigeInvoer", 400, `De opzet mist perceel ${missing.map((m) => `'${m.id}'`).join(" en ")}.`, "sas.percelen");
  const instellingen = SasInstellingenSchema.parse(input.instellingen ?? {});
  return { percelen: opzet, instellingen, gunningssystematiekDoorBosd: contract.gunningscriteria.length > 0 };
}
