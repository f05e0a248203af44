import { authorityFor, type BesluitType } from "../catalogue";
import { addDays, formatDateNl, formatInstantNl, opzeggingEarliestEnd, toAmsterdamDate, werkdagenTermEnd } from "../calendar";
import { roleOfAuthority } from "../besluit/besluit";
import type { Actor } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import type { CommandOf, ContractDetails, DringendeReden, ContractEvent, ContractState, Voorstel, VoorstelBasis, VoorstelSoort } from "./types";

/**
 * Besluiten about one contract are proposed by the inkoper, laid before their authority (inkoopplan 7.2/7.3
 * as data: `authorityFor`) by the workflow, and take effect only when that authority says akkoord
 * (`VerwerkBesluit`). The inkoopplan has no besluit type for opzegging by the region, beëindiging per direct
 * or beëindiging bij landelijk beleid: those take the authority of "ontbinding" (the programmadirecteur, who
 * signs the contracts, 7.2), a choice of the application.
 */
export const besluitTypeVan: Record<VoorstelSoort, BesluitType> = {
  clientenstop: "clientenstop",
  "opheffing-clientenstop": "clientenstop",
  ingebrekestelling: "ingebrekestelling",
  ontbinding: "ontbinding",
  opzegging: "ontbinding",
  "dringende-reden": "ontbinding",
  "landelijk-beleid": "ontbinding",
};

export const voorstelNamen: Record<VoorstelSoort, string> = {
  clientenstop: "cliëntenstop",
  "opheffing-clientenstop": "opheffing van de cliëntenstop",
  ingebrekestelling: "ingebrekestelling",
  ontbinding: "ontbinding",
  opzegging: "opzegging door de regio",
  "dringende-reden": "beëindiging wegens dringende reden",
  "landelijk-beleid": "beëindiging wegens landelijk beleid",
};

export const MIN_MOTIVERING = 20;

/**
 * Common checks of a proposal and its basis data. Returns [] for a retry of the same proposal (idempotent),
 * a refusal, or the basis for the proposal event.
 */
export function voorstelBasis(
  state: ContractDetails,
  soort: VoorstelSoort,
  data: { besluitId: string; motivering: string },
  actor: Actor,
  now: Date,
): VoorstelBasis | [] | Refusal {
  const besluitId = data.besluitId.trim();
  if (besluitId === "") return refuse("OngeldigeInvoer", 400, "Het besluitnummer ontbreekt.", "besluitId");
  if (state.lopend.some((v) => v.besluitId === besluitId && v.soort === soort)) return [];
  if (state.besluiten.includes(besluitId) || state.lopend.some((v) => v.besluitId === besluitId))
    return refuse("BestaatAl", 409, `Besluit ${besluitId} bestaat al voor dit contract.`, "besluitId");
  const open = state.lopend.find((v) => v.soort === soort);
  if (open) return refuse("BestaatAl", 409, `Er ligt al een voorstel tot ${voorstelNamen[soort]} voor (${open.besluitId}).`);
  const motivering = data.motivering.trim();
  if (motivering.length < MIN_MOTIVERING) return refuse("OngeldigeInvoer", 400, `Motiveer de ${voorstelNamen[soort]} (minstens ${MIN_MOTIVERING} tekens).`, "motivering");
  const besluitType = besluitTypeVan[soort];
  return { besluitId, besluitType, authority: authorityFor(besluitType).authority, motivering, door: actor.id, at: now.toISOString() };
}

/** The last day the contract can still run: a planned end or the end of the last term. */
export function laatsteDag(state: ContractDetails): string | undefined {
  const laatste = state.termijnen[state.termijnen.length - 1]?.eind;
  if (!state.einde) return laatste;
  return laatste !== undefined && laatste < state.einde.einddatum ? laatste : state.einde.einddatum;
}

/**
 * The end date of a notice given at `now` (model contract 8.1/8.2, Midden-Limburg: at least one calendar
 * month from the first of the next month), or a later wished date; a refusal when the contract ends
 * earlier anyway.
 */
export function opzegEinddatum(state: ContractDetails, now: Date, gewenst: string | undefined): string | Refusal {
  const vroegst = opzeggingEarliestEnd(now, 1);
  if (gewenst !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(gewenst)) return refuse("OngeldigeInvoer", 400, "Geef de einddatum als JJJJ-MM-DD.", "einddatum");
  if (gewenst !== undefined && gewenst < vroegst)
    return refuse(
      "OngeldigeInvoer",
      400,
      `Met een opzegtermijn van ten minste één kalendermaand vanaf de eerste van de volgende maand eindigt het contract op zijn vroegst op ${formatDateNl(vroegst)} (modelovereenkomst 8.1/8.2).`,
      "einddatum",
    );
  const einddatum = gewenst ?? vroegst;
  const laatste = laatsteDag(state);
  if (laatste !== undefined && laatste <= einddatum) return refuse("OngeldigeInvoer", 409, `Het contract eindigt al op ${formatDateNl(laatste)}.`, "einddatum");
  return einddatum;
}

/** The authority said akkoord or sent the proposal back: the effect, or the proposal goes back to the inkoper. */
export function decideVerwerkBesluit(state: ContractState, c: CommandOf<"VerwerkBesluit">, now: Date): ContractEvent[] | Refusal {
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Dit contract bestaat niet.");
  const v = state.lopend.find((x) => x.besluitId === c.data.besluitId);
  if (!v) return []; // not waited for here, or already processed
  if (c.actor.rol !== "systeem" && c.actor.rol !== roleOfAuthority[v.authority])
    return refuse("RolNietToegestaan", 403, `Over dit besluit beslist de ${roleOfAuthority[v.authority]} (${authorityFor(v.besluitType).bron}).`);
  const motivering = c.data.motivering.trim();
  if (!c.data.akkoord) {
    if (motivering.length < 10) return refuse("OngeldigeInvoer", 400, "Wie een besluit terugstuurt, motiveert dat (minstens 10 tekens).", "motivering");
    return [{ type: "VoorstelTeruggestuurd", data: { besluitId: v.besluitId, soort: v.soort, motivering, door: c.actor.id, at: now.toISOString() } }];
  }
  const vervallen = (reden: string): ContractEvent[] => [{ type: "VoorstelVervallen", data: { besluitId: v.besluitId, soort: v.soort, reden } }];
  if (state.status !== "actief") return vervallen(`Het contract loopt niet meer (${state.status}).`);
  return effectOf(state, v, now, vervallen);
}

function effectOf(state: ContractDetails, v: Voorstel, now: Date, vervallen: (reden: string) => ContractEvent[]): ContractEvent[] {
  const vandaag = toAmsterdamDate(now);
  const b = { besluitId: v.besluitId, motivering: v.motivering };
  switch (v.soort) {
    case "clientenstop":
      return state.clientenstop ? vervallen(`Er geldt al een cliëntenstop (${state.clientenstop.besluitId}).`) : [{ type: "ClientenstopOpgelegd", data: { ...b, perDatum: vandaag } }];
    case "opheffing-clientenstop":
      return state.clientenstop ? [{ type: "ClientenstopOpgeheven", data: { ...b, perDatum: vandaag } }] : vervallen("Er geldt geen cliëntenstop meer.");
    case "ingebrekestelling": {
      const t = v.termijn ?? { werkdagen: 10 };
      // The term runs from the besluit (the letter), so werkdagen are counted from the akkoord.
      const termijnEinde = "werkdagen" in t ? werkdagenTermEnd(now, t.werkdagen) : new Date(t.einde);
      if (termijnEinde <= now) return vervallen(`De termijn van de ingebrekestelling (${formatInstantNl(termijnEinde)}) was al verstreken toen het besluit werd genomen.`);
      return [{ type: "IngebrekeGesteld", data: { ...b, termijnEinde: termijnEinde.toISOString(), at: now.toISOString() } }];
    }
    case "ontbinding":
      // As OntbindContract: effective the day after the besluit, so current clients can be handed over.
      return [{ type: "ContractOntbonden", data: { ...b, perDatum: addDays(vandaag, 1) } }];
    case "opzegging":
    case "landelijk-beleid": {
      const einddatum = opzegEinddatum(state, now, v.gewensteEinddatum && v.gewensteEinddatum > opzeggingEarliestEnd(now, 1) ? v.gewensteEinddatum : undefined);
      if (typeof einddatum !== "string") return vervallen(einddatum.melding);
      return v.soort === "opzegging" ? [{ type: "OpgezegdDoorRegio", data: { ...b, einddatum } }] : [{ type: "BeeindigdLandelijkBeleid", data: { ...b, einddatum } }];
    }
    case "dringende-reden":
      return [{ type: "BeeindigdWegensDringendeReden", data: { ...b, grond: v.grond as DringendeReden, perDatum: vandaag } }];
    default: {
      const _exhaustive: never = v.soort;
      return [];
    }
  }
}
