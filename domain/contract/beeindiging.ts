import { contracts, findContract } from "../catalogue";
import { refuse, type Refusal } from "../shared/refusal";
import type { CommandOf, ContractEvent, DringendeReden, Lopend } from "./types";
import { opzegEinddatum, voorstelBasis } from "./voorstel";

/**
 * Ending a contract before its looptijd is over. The inkoopplan has no notice rules; these follow the
 * model contract of Midden-Limburg (another region, SEEDFACTS 9):
 * - 8.1/8.2 opzegging by the aanbieder or the region: at least one calendar month, counted from the first
 *   of the next month (`opzeggingEarliestEnd`); the contract runs until the end date, then ContractAfgelopen;
 * - 8.3 per direct for a dringende reden (merger/takeover with negative effects, no longer meeting the
 *   conditions, an ernstige fout);
 * - inkoopplan 6.1.2, 6.2.2, 6.3.2: JB/JR, JeugdzorgPlus and Forensische GGZ "opgezegd kunnen worden indien
 *   landelijk beleid hier aanleiding toe geeft" (`beeindigingBijLandelijkBeleid`). The plan says "opgezegd",
 *   so the notice rule of 8.1/8.2 applies to it too.
 */

export const dringendeRedenen: Record<DringendeReden, string> = {
  "fusie-of-overname": "fusie of overname met negatieve gevolgen voor de uitvoering van de overeenkomst",
  "voldoet-niet-meer-aan-voorwaarden": "de aanbieder voldoet niet meer aan de voorwaarden van de overeenkomst",
  "ernstige-fout": "een ernstige fout van de aanbieder",
};

/** The aanbieder gives notice; no besluit of the region is needed (8.1/8.2). */
export function decideOpzegDoorAanbieder(state: Lopend, c: CommandOf<"OpzegDoorAanbieder">, now: Date): ContractEvent[] | Refusal {
  if (state.einde?.reden === "opgezegd-door-aanbieder") return refuse("BestaatAl", 409, `U heeft dit contract al opgezegd; het eindigt op ${state.einde.einddatum}.`);
  const einddatum = opzegEinddatum(state, now, c.data.einddatum);
  if (typeof einddatum !== "string") return einddatum;
  return [{ type: "OpgezegdDoorAanbieder", data: { einddatum, toelichting: (c.data.toelichting ?? "").trim(), door: c.actor.id, at: now.toISOString() } }];
}

export function decideProposeOpzegging(state: Lopend, c: CommandOf<"ProposeOpzegging">, now: Date): ContractEvent[] | Refusal {
  const einddatum = opzegEinddatum(state, now, c.data.einddatum);
  if (typeof einddatum !== "string") return einddatum;
  const basis = voorstelBasis(state, "opzegging", c.data, c.actor, now);
  if (Array.isArray(basis) || "refused" in basis) return basis;
  return [{ type: "OpzeggingVoorgesteld", data: { ...basis, ...(c.data.einddatum === undefined ? {} : { gewensteEinddatum: c.data.einddatum }) } }];
}

export function decideProposeDringendeReden(state: Lopend, c: CommandOf<"ProposeBeeindigingDringendeReden">, now: Date): ContractEvent[] | Refusal {
  if (!(c.data.grond in dringendeRedenen))
    return refuse("OngeldigeInvoer", 400, `Kies de grond: ${Object.keys(dringendeRedenen).join(", ")} (modelovereenkomst 8.3).`, "grond");
  const basis = voorstelBasis(state, "dringende-reden", c.data, c.actor, now);
  if (Array.isArray(basis) || "refused" in basis) return basis;
  return [{ type: "BeeindigingVoorgesteld", data: { ...basis, grond: c.data.grond } }];
}

export function decideProposeLandelijkBeleid(state: Lopend, c: CommandOf<"ProposeBeeindigingLandelijkBeleid">, now: Date): ContractEvent[] | Refusal {
  const contract = findContract(state.contractId);
  if (!contract?.beeindigingBijLandelijkBeleid) {
    const metBepaling = contracts.filter((x) => x.beeindigingBijLandelijkBeleid).map((x) => `${x.naam} (${x.sectie})`);
    return refuse(
      "OngeldigeInvoer",
      409,
      `Het contract ${contract?.naam ?? state.contractId} heeft geen bepaling over beëindiging bij landelijk beleid; die hebben alleen ${metBepaling.join(", ")}.`,
      "contractId",
    );
  }
  const einddatum = opzegEinddatum(state, now, c.data.einddatum);
  if (typeof einddatum !== "string") return einddatum;
  const basis = voorstelBasis(state, "landelijk-beleid", c.data, c.actor, now);
  if (Array.isArray(basis) || "refused" in basis) return basis;
  return [{ type: "BeeindigingLandelijkBeleidVoorgesteld", data: { ...basis, ...(c.data.einddatum === undefined ? {} : { gewensteEinddatum: c.data.einddatum }) } }];
}
