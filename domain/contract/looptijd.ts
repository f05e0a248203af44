import { findContract, type Looptijd } from "../catalogue";
import { addDays, formatDateNl, formatInstantNl, leadTimeStart, startOfDayAmsterdam, termDates, toAmsterdamDate } from "../calendar";
import { refuse, type Refusal } from "../shared/refusal";
import type { CommandOf, ContractEvent, Lopend, Termijn, VerlengingHoe } from "./types";

/**
 * Looptijd and verlenging of one contract: the terms of the catalogue scheme, the regime of each
 * extension (tacit or by decision), the lead-time signal and what happens at a term's end.
 */

/**
 * Default lead time in months before a term ends: the verlengingsronde opens then, and the inkoper is
 * signalled. Source: the model contract 6.4 ("telkens drie (3) maanden vóór het aflopen") of Midden-Limburg,
 * another region; the inkoopplan of Midden-Holland names no lead time. A setting per contract (`aanloopMaanden`).
 */
export const AANLOOP_MAANDEN_STANDAARD = 3;

export function termijnenOf(looptijd: Looptijd | null, ingangsdatum: string): Termijn[] {
  if (!looptijd) return [];
  const years = [looptijd.initieelJaren, ...looptijd.verlengingen.map((v) => v.jaren)];
  return termDates(ingangsdatum, years).map((t, i) => ({
    nr: i + 1,
    start: t.start,
    eind: t.end,
    soort: i === 0 ? "initieel" : "verlenging",
    ...(i === 0 ? {} : { wijze: looptijd.verlengingen[i - 1]?.wijze }),
  }));
}

export function huidigeTermijn(termijnen: readonly Termijn[], now: Date): Termijn | null {
  const today = toAmsterdamDate(now);
  return termijnen.find((t) => t.start <= today && today <= t.eind) ?? null;
}

/** The first instant after the inclusive end date `datum` (00:00 Amsterdam the next day): the term has ended. */
export function eindeMoment(datum: string): Date {
  return startOfDayAmsterdam(addDays(datum, 1));
}

/** 00:00 Amsterdam on the first day of the lead time of a term ending on `eind`. */
export function signaalMoment(eind: string, aanloopMaanden: number): Date {
  return startOfDayAmsterdam(leadTimeStart(eind, aanloopMaanden));
}

/** The key of the verlengingsronde of a catalogue contract for the term that ends on `termijnEinde`. */
export function rondeKey(contractId: string, termijnEinde: string): string {
  return `${contractId}/${termijnEinde}`;
}

/**
 * How an extension term takes effect, from the catalogue's wijze:
 * - "stilzwijgend": extended unless refused ("verlengd tenzij", 5.1; 6.2.2 for the tacit year of JeugdzorgPlus);
 * - "besluit-vooraf" (JeugdzorgPlus after its tacit year, 6.2.2: "niet verlengd tenzij") and
 *   "voorwaardelijk-na-evaluatie" (Hoog-specialistisch, 6.5.2): ended unless a verlengingsbesluit extends;
 * - "niet-vermeld": treated as tacit. For Open House contracts that is inkoopplan 5.1 ("Bij de Open House
 *   contracten wordt gewerkt met een stilzwijgende verlenging"). The catalogue uses "niet-vermeld" only for
 *   JB/JR (6.1.2) and Wonen Wmo (6.7.2), which are not Open House; there the documents are silent and we
 *   choose tacit too, so that a contract (for JB/JR: court-ordered care) never ends by omission; the
 *   VerlengingSignaal tells the inkoper in advance either way.
 */
export function regimeVan(contractId: string, wijze: string | undefined): { regime: VerlengingHoe; grondslag: string } {
  const c = findContract(contractId);
  const sectie = c?.sectie ?? "";
  switch (wijze) {
    case "besluit-vooraf":
      return { regime: "besluit", grondslag: `Inkoopplan ${sectie}: jaarlijkse verlenging met voorafgaand besluit ("niet verlengd tenzij").` };
    case "voorwaardelijk-na-evaluatie":
      return { regime: "besluit", grondslag: `Inkoopplan ${sectie}: verlenging alleen na een positieve evaluatie van de samenwerking.` };
    case "niet-vermeld":
      return c?.procedureType.startsWith("open-house")
        ? { regime: "stilzwijgend", grondslag: "Inkoopplan 5.1: Open House-contracten worden stilzwijgend verlengd." }
        : {
            regime: "stilzwijgend",
            grondslag: `Inkoopplan ${sectie} zegt niet hoe verlengd wordt; de regio verlengt stilzwijgend tenzij zij anders besluit (keuze van de applicatie, niet uit het inkoopplan).`,
          };
    default:
      return { regime: "stilzwijgend", grondslag: `Inkoopplan ${sectie === "" ? "5.1" : sectie}: stilzwijgende verlenging ("verlengd tenzij").` };
  }
}

export function lopendeTermijn(state: Lopend): Termijn | undefined {
  return state.termijnen[state.termijnNr - 1];
}

export function volgendeTermijn(state: Lopend): Termijn | undefined {
  return state.termijnen[state.termijnNr];
}

const nogNiet = (at: Date, wat: string): Refusal => refuse("NogNietGesloten", 409, `${wat} is pas op ${formatInstantNl(at)}.`);

/** At the lead-time start of a term with a next term: tell the inkoper the round can open and what happens without one. */
export function decideSignaal(state: Lopend, c: CommandOf<"SignaleerVerlenging">, now: Date): ContractEvent[] | Refusal {
  const t = lopendeTermijn(state);
  const next = volgendeTermijn(state);
  if (!t || !next || c.data.termijnNr !== t.nr || state.gesignaleerd >= t.nr) return [];
  const at = signaalMoment(t.eind, state.aanloopMaanden);
  if (now < at) return nogNiet(at, "Het verlengingssignaal");
  const { regime, grondslag } = regimeVan(state.contractId, next.wijze);
  return [
    {
      type: "VerlengingSignaal",
      data: {
        termijnNr: t.nr,
        termijnEinde: t.eind,
        volgendeTermijnNr: next.nr,
        rondeOpent: leadTimeStart(t.eind, state.aanloopMaanden),
        rondeKey: rondeKey(state.contractId, t.eind),
        regime,
        zonderBesluit: regime === "stilzwijgend" ? "verlengd" : "afgelopen",
        grondslag,
      },
    },
  ];
}

/**
 * At the end of the running term: a planned end on that day ends the contract; otherwise the next term
 * starts when a verlengingsbesluit extended it or its regime is tacit; a decision regime without a
 * besluit, or the last term, ends the contract.
 */
export function decideEindeTermijn(state: Lopend, c: CommandOf<"EindeTermijn">, now: Date): ContractEvent[] | Refusal {
  const t = lopendeTermijn(state);
  if (!t || c.data.termijnNr !== t.nr) return [];
  const at = eindeMoment(t.eind);
  if (now < at) return nogNiet(at, `Het einde van termijn ${t.nr}`);
  if (state.einde && state.einde.einddatum <= t.eind)
    return [{ type: "ContractAfgelopen", data: { reden: state.einde.reden, einddatum: state.einde.einddatum, ...besluitIdOf(state.einde) } }];
  const next = volgendeTermijn(state);
  if (!next) return [{ type: "ContractAfgelopen", data: { reden: "looptijd-voorbij", einddatum: t.eind } }];
  const besluit = state.verlengingsbesluit?.termijnNr === next.nr ? state.verlengingsbesluit : undefined;
  if (besluit) return [{ type: "VerlengingIngegaan", data: { termijnNr: next.nr, start: next.start, eind: next.eind, hoe: "besluit", besluitId: besluit.besluitId } }];
  if (regimeVan(state.contractId, next.wijze).regime === "stilzwijgend")
    return [{ type: "VerlengingIngegaan", data: { termijnNr: next.nr, start: next.start, eind: next.eind, hoe: "stilzwijgend" } }];
  return [{ type: "ContractAfgelopen", data: { reden: "geen-verlengingsbesluit", einddatum: t.eind } }];
}

/** At the end of a notice period (opzegging, landelijk beleid) that ends before the running term. */
export function decideEindeOpzegging(state: Lopend, c: CommandOf<"EindeOpzegging">, now: Date): ContractEvent[] | Refusal {
  if (!state.einde || state.einde.einddatum !== c.data.einddatum) return [];
  const at = eindeMoment(c.data.einddatum);
  if (now < at) return nogNiet(at, "Het einde van de opzegtermijn");
  return [{ type: "ContractAfgelopen", data: { reden: state.einde.reden, einddatum: state.einde.einddatum, ...besluitIdOf(state.einde) } }];
}

/** The verlengings- or niet-verlengingsbesluit of the round for this aanbieder, before the running term ends. */
export function decideVerlengingsbesluit(state: Lopend, c: CommandOf<"RecordVerlengingsbesluit">, now: Date): ContractEvent[] | Refusal {
  const d = c.data;
  if (state.besluiten.includes(d.besluitId)) return [];
  const t = lopendeTermijn(state);
  const next = volgendeTermijn(state);
  if (!t) return refuse("OngeldigeInvoer", 409, "Dit contract heeft geen looptijd om te verlengen.");
  if (d.termijnEinde !== t.eind)
    return refuse("OngeldigeInvoer", 409, `Dit besluit gaat over de termijn die eindigt op ${formatDateNl(d.termijnEinde)}; de lopende termijn eindigt op ${formatDateNl(t.eind)}.`, "termijnEinde");
  if (!next) return refuse("OngeldigeInvoer", 409, `Termijn ${t.nr} is de laatste: de looptijd van ${t.eind} kan niet worden verlengd.`, "termijnEinde");
  if (now >= eindeMoment(t.eind)) return refuse("TermijnVerstreken", 409, `Termijn ${t.nr} is op ${formatDateNl(t.eind)} geëindigd; over de verlenging is niet meer te besluiten.`);
  if (state.verlengingsbesluit?.termijnNr === next.nr || state.einde?.reden === "niet-verlengd")
    return refuse("BestaatAl", 409, "Over de verlenging van deze termijn is al besloten.", "besluitId");
  if (d.uitkomst === "verlengd") return [{ type: "VerlengingBesloten", data: { besluitId: d.besluitId, termijnNr: next.nr, termijnEinde: t.eind } }];
  if (!d.reden) return refuse("OngeldigeInvoer", 400, "Een niet-verlengingsbesluit noemt de reden.", "reden");
  return [
    {
      type: "NietVerlengd",
      data: { besluitId: d.besluitId, termijnNr: t.nr, einddatum: t.eind, reden: d.reden, ...(d.motivering === undefined ? {} : { motivering: d.motivering }) },
    },
  ];
}

function besluitIdOf(x: { besluitId?: string }): { besluitId?: string } {
  return x.besluitId === undefined ? {} : { besluitId: x.besluitId };
}
