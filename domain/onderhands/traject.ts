import { formatInstantNl } from "../calendar";
import type { Uitkomst } from "../inschrijving/entity";
import type { CriteriumAntwoord } from "../inschrijving/inschrijving";
import { validateInschrijving } from "../inschrijving/validate";
import type { Actor, Rol } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";

/**
 * One invited aanbieder's own inkooptraject (JB/JR 6.1.1: "elke aanbieder heeft zijn eigen
 * inkooptraject"; JeugdzorgPlus 6.2.1 and Forensische GGZ 6.3: onderhands gegund). The seeds give no
 * negotiation rounds: invitation → offer → conversations with a revised offer each → agreement or an
 * end with a reason is this system's design (SEEDFACTS 10.6), labelled as such on the pages.
 *
 *   uitgenodigd → ingediend → onderhandeling ⇄ (ronde + nieuwe versie) → overeenstemming-voorgelegd → overeenstemming → gegund
 *                  └ (deadline zonder offerte) verlopen          └ beeindiging-voorgelegd → beeindigd
 */
export type TrajectStatus =
  | "uitgenodigd"
  | "ingediend"
  | "onderhandeling"
  | "overeenstemming-voorgelegd"
  | "overeenstemming"
  | "beeindiging-voorgelegd"
  | "beeindigd"
  | "verlopen"
  | "gegund";

export interface Dienst {
  naam: string;
  /** Euro per eenheid, as offered (JB/JR: the landelijk tarief, 6.1.3). */
  tarief: number;
  eenheid: string;
}

export interface Offerteversie {
  versie: number;
  /** 0 for the first offer; otherwise the conversation round it follows. */
  naRonde: number;
  diensten: Dienst[];
  /** JB/JR: whether the aanbieder accepts the landelijke tarieven, and its ingroeipad when not at once (6.1.3). */
  landelijkTarief?: { geaccepteerd: boolean; ingroeipad: { jaar: number; percentage: number }[] };
  toelichting: string;
  ontvangenOp: string;
  sha256: string;
  /** The first offer answers the toelatingscriteria (per dienst where a criterion is per product). */
  antwoorden?: CriteriumAntwoord[];
}

export interface Gespreksronde {
  nr: number;
  datum: string;
  deelnemers: string[];
  verslag: string;
  vastgelegdDoor: string;
  at: string;
}

export type BeeindigingsReden = "geen-overeenstemming" | "ingetrokken-door-aanbieder" | "voldoet-niet-aan-toelatingscriteria" | "anders";

export interface TrajectDetails {
  procedureId: string;
  contractId: string;
  kvk: string;
  naam: string;
  email: string;
  uitgenodigdOp: string;
  deadline: string;
  /** JB/JR asks the landelijk tarief and an ingroeipad (6.1.3). */
  vraagtLandelijkTarief: boolean;
  offertes: Offerteversie[];
  rondes: Gespreksronde[];
  /** The knock-outs of the Open House, with hoor en wederhoor, judged in an inschrijving entity of its own. */
  toets?: { status: "loopt" | "afgerond"; uitkomst?: Uitkomst };
  lopendBesluit?: { soort: "overeenstemming" | "beeindiging"; besluitId: string; reden?: BeeindigingsReden; motivering: string };
  uitkomst?: { soort: "overeenstemming" | "beeindigd" | "verlopen"; at: string; besluitId?: string; reden?: BeeindigingsReden; motivering: string };
}

export type TrajectState = { status: "leeg" } | ({ status: TrajectStatus } & TrajectDetails);
export const initialTrajectState: TrajectState = { status: "leeg" };

export type TrajectEvent =
  | { type: "TrajectGestart"; data: Omit<TrajectDetails, "offertes" | "rondes" | "lopendBesluit" | "uitkomst"> }
  | { type: "OfferteOntvangen"; data: Offerteversie }
  | { type: "GespreksrondeVastgelegd"; data: Gespreksronde }
  | { type: "OvereenstemmingVoorgelegd"; data: { besluitId: string; motivering: string } }
  | { type: "BeeindigingVoorgelegd"; data: { besluitId: string; reden: BeeindigingsReden; motivering: string } }
  | { type: "TrajectBesluitGenomen"; data: { besluitId: string; akkoord: boolean; motivering: string; at: string } }
  | { type: "DeadlineVerstreken"; data: { at: string } }
  | { type: "TrajectGegund"; data: { besluitId: string; at: string } }
  | { type: "ToetsAfgerond"; data: { uitkomst: Uitkomst } };

export type TrajectCommand =
  | { type: "StartTraject"; actor: Actor; data: Omit<TrajectDetails, "offertes" | "rondes" | "lopendBesluit" | "uitkomst" | "uitgenodigdOp"> }
  | { type: "DienOfferteIn"; actor: Actor; data: Omit<Offerteversie, "versie" | "naRonde" | "ontvangenOp"> }
  | { type: "LegGespreksrondeVast"; actor: Actor; data: { datum: string; deelnemers: string[]; verslag: string } }
  | { type: "StelOvereenstemmingVoor"; actor: Actor; data: { besluitId: string; motivering: string } }
  | { type: "StelBeeindigingVoor"; actor: Actor; data: { besluitId: string; reden: BeeindigingsReden; motivering: string } }
  | { type: "RecordBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "DeadlineBereikt"; actor: Actor }
  | { type: "RecordGunning"; actor: Actor; data: { besluitId: string } }
  | { type: "RecordToets"; actor: Actor; data: { uitkomst: Uitkomst } };

const roles: Record<TrajectCommand["type"], readonly Rol[]> = {
  StartTraject: ["inkoper", "systeem"],
  DienOfferteIn: ["aanbieder"],
  LegGespreksrondeVast: ["inkoper"],
  StelOvereenstemmingVoor: ["inkoper"],
  StelBeeindigingVoor: ["inkoper"],
  RecordBesluit: ["systeem"],
  DeadlineBereikt: ["systeem"],
  RecordGunning: ["systeem"],
  RecordToets: ["systeem"],
};

const AFGEROND: TrajectStatus[] = ["overeenstemming", "beeindigd", "verlopen", "gegund"];

function checkOfferte(d: Omit<Offerteversie, "versie" | "naRonde" | "ontvangenOp">, vraagtLandelijkTarief: boolean): Refusal | null {
  if (d.diensten.length === 0) return refuse("OngeldigeInvoer", 400, "Noem minstens één dienst met tarief.", "diensten");
  const bad = d.diensten.findIndex((x) => x.naam.trim().length < 2 || !(x.tarief > 0) || x.eenheid.trim().length === 0);
  if (bad >= 0) return refuse("OngeldigeInvoer", 400, "Elke dienst heeft een naam, een tarief groter dan 0 en een eenheid.", `diensten.${bad}`);
  if (vraagtLandelijkTarief) {
    if (!d.landelijkTarief) return refuse("OntbrekendAntwoord", 400, "Geef aan of u de landelijke tarieven aanvaardt, en anders uw ingroeipad (inkoopplan 6.1.3).", "landelijkTarief");
    const pad = d.landelijkTarief.ingroeipad;
    if (!d.landelijkTarief.geaccepteerd && pad.length === 0) return refuse("OntbrekendAntwoord", 400, "Zonder de landelijke tarieven meteen te aanvaarden is een ingroeipad nodig.", "landelijkTarief.ingroeipad");
    const jaren = pad.map((p) => p.jaar);
    if (jaren.some((j, i) => i > 0 && j <= jaren[i - 1]!)) return refuse("OngeldigeInvoer", 400, "Het ingroeipad loopt per jaar, oplopend.", "landelijkTarief.ingroeipad");
    if (pad.some((p) => p.percentage <= 0 || p.percentage > 100)) return refuse("OngeldigeInvoer", 400, "Een ingroeipad geeft per jaar een percentage van het landelijk tarief (1-100).", "landelijkTarief.ingroeipad");
    if (pad.length > 0 && pad[pad.length - 1]!.percentage !== 100) return refuse("OngeldigeInvoer", 400, "Het ingroeipad eindigt op 100% van het landelijk tarief.", "landelijkTarief.ingroeipad");
  }
  return null;
}

export function decideTraject(state: TrajectState, command: TrajectCommand, now: Date): TrajectEvent[] | Refusal {
  if (!roles[command.type].includes(command.actor.rol)) return refuse("RolNietToegestaan", 403, `Deze handeling is niet toegestaan voor de rol ${command.actor.rol}.`);
  if (command.type === "StartTraject") {
    if (state.status !== "leeg") return [];
    if (new Date(command.data.deadline) <= now) return refuse("OngeldigeInvoer", 400, "De termijn voor de offerte moet in de toekomst eindigen.", "deadline");
    return [{ type: "TrajectGestart", data: { ...command.data, uitgenodigdOp: now.toISOString() } }];
  }
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Dit inkooptraject bestaat niet.");
  const s = state;
  const at = now.toISOString();
  switch (command.type) {
    case "DienOfferteIn": {
      if (command.actor.kvk !== s.kvk) return refuse("RolNietToegestaan", 403, "Alleen de uitgenodigde aanbieder doet een offerte in dit traject.");
      if (s.status === "uitgenodigd" && now >= new Date(s.deadline))
        return refuse("TermijnVerstreken", 409, `De termijn voor de offerte is verstreken op ${formatInstantNl(new Date(s.deadline), { seconden: true })}.`);
      if (s.status === "ingediend") return refuse("NietInDezeFase", 409, "Uw offerte is ontvangen; een nieuwe versie volgt op een gespreksronde.");
      if (s.status === "onderhandeling") {
        const ronde = s.rondes.length;
        if (s.offertes.some((o) => o.naRonde === ronde)) return refuse("NietInDezeFase", 409, `Na gespreksronde ${ronde} is uw herziene offerte al ontvangen; een volgende versie volgt op een volgende ronde.`);
      } else if (s.status !== "uitgenodigd") return refuse("NietInDezeFase", 409, "In dit traject kan geen offerte meer worden gedaan.");
      const invalid = checkOfferte(command.data, s.vraagtLandelijkTarief);
      if (invalid) return invalid;
      // The first offer answers the toelatingscriteria; the diensten stand in for the products (TC02, TC07).
      if (s.offertes.length === 0) {
        if (!command.data.antwoorden) return refuse("OntbrekendAntwoord", 400, "Beantwoord bij uw eerste offerte de toelatingscriteria.", "antwoorden");
        const diensten = command.data.diensten.map((d) => d.naam.trim());
        const toets = validateInschrijving({ producten: diensten, antwoorden: command.data.antwoorden }, diensten);
        if (toets) return toets;
      }
      return [{ type: "OfferteOntvangen", data: { ...command.data, versie: s.offertes.length + 1, naRonde: s.rondes.length, ontvangenOp: at } }];
    }
    case "LegGespreksrondeVast": {
      if (s.status !== "ingediend" && s.status !== "onderhandeling") return refuse("NietInDezeFase", 409, "Gespreksrondes volgen op een ontvangen offerte en gaan tot overeenstemming of beëindiging.");
      if (command.data.verslag.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Het verslag is te kort (minstens 20 tekens).", "verslag");
      if (command.data.deelnemers.filter((d) => d.trim()).length === 0) return refuse("OngeldigeInvoer", 400, "Noem de deelnemers aan het gesprek.", "deelnemers");
      return [{ type: "GespreksrondeVastgelegd", data: { nr: s.rondes.length + 1, datum: command.data.datum, deelnemers: command.data.deelnemers.map((d) => d.trim()).filter(Boolean), verslag: command.data.verslag.trim(), vastgelegdDoor: command.actor.id, at } }];
    }
    case "StelOvereenstemmingVoor":
      if (s.status !== "ingediend" && s.status !== "onderhandeling") return refuse("NietInDezeFase", 409, "Overeenstemming volgt op een ontvangen offerte.");
      if (s.toets?.uitkomst?.soort !== "toegelaten")
        return refuse(
          "NietInDezeFase",
          409,
          s.toets?.uitkomst ? "De aanbieder voldoet niet aan de toelatingscriteria: beëindig het traject met die reden." : "De toets op de toelatingscriteria loopt nog (ook hoor en wederhoor); daarna kan overeenstemming volgen.",
        );
      if (command.data.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer de overeenstemming (minstens 20 tekens).", "motivering");
      return [{ type: "OvereenstemmingVoorgelegd", data: { besluitId: command.data.besluitId, motivering: command.data.motivering.trim() } }];
    case "StelBeeindigingVoor":
      if (AFGEROND.includes(s.status) || s.lopendBesluit) return refuse("NietInDezeFase", 409, "Dit traject is afgerond of wacht op een besluit.");
      if (command.data.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer het beëindigen (minstens 20 tekens).", "motivering");
      return [{ type: "BeeindigingVoorgelegd", data: { besluitId: command.data.besluitId, reden: command.data.reden, motivering: command.data.motivering.trim() } }];
    case "RecordBesluit":
      if (s.lopendBesluit?.besluitId !== command.data.besluitId) return [];
      return [{ type: "TrajectBesluitGenomen", data: { ...command.data, at } }];
    case "DeadlineBereikt":
      return s.status === "uitgenodigd" && now >= new Date(s.deadline) ? [{ type: "DeadlineVerstreken", data: { at } }] : [];
    case "RecordGunning":
      return s.status === "overeenstemming" ? [{ type: "TrajectGegund", data: { besluitId: command.data.besluitId, at } }] : [];
    case "RecordToets":
      return s.toets?.status === "afgerond" ? [] : [{ type: "ToetsAfgerond", data: command.data }];
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

export function evolveTraject(state: TrajectState, e: TrajectEvent): TrajectState {
  if (e.type === "TrajectGestart") return { status: "uitgenodigd", ...e.data, offertes: [], rondes: [] };
  if (state.status === "leeg") return state;
  switch (e.type) {
    case "OfferteOntvangen":
      return { ...state, status: state.status === "uitgenodigd" ? "ingediend" : state.status, offertes: [...state.offertes, e.data], ...(state.toets ? {} : { toets: { status: "loopt" as const } }) };
    case "ToetsAfgerond":
      return { ...state, toets: { status: "afgerond", uitkomst: e.data.uitkomst } };
    case "GespreksrondeVastgelegd":
      return { ...state, status: "onderhandeling", rondes: [...state.rondes, e.data] };
    case "OvereenstemmingVoorgelegd":
      return { ...state, status: "overeenstemming-voorgelegd", lopendBesluit: { soort: "overeenstemming", ...e.data } };
    case "BeeindigingVoorgelegd":
      return { ...state, status: "beeindiging-voorgelegd", lopendBesluit: { soort: "beeindiging", ...e.data } };
    case "TrajectBesluitGenomen": {
      const { lopendBesluit, ...rest } = state;
      if (!lopendBesluit) return state;
      // Sent back: the trajectory goes on where it was (negotiating once an offer is in).
      if (!e.data.akkoord) return { ...rest, status: rest.offertes.length === 0 ? "uitgenodigd" : rest.rondes.length > 0 ? "onderhandeling" : "ingediend" };
      return lopendBesluit.soort === "overeenstemming"
        ? { ...rest, status: "overeenstemming", uitkomst: { soort: "overeenstemming", at: e.data.at, besluitId: e.data.besluitId, motivering: lopendBesluit.motivering } }
        : { ...rest, status: "beeindigd", uitkomst: { soort: "beeindigd", at: e.data.at, besluitId: e.data.besluitId, ...(lopendBesluit.reden ? { reden: lopendBesluit.reden } : {}), motivering: lopendBesluit.motivering } };
    }
    case "DeadlineVerstreken":
      return { ...state, status: "verlopen", uitkomst: { soort: "verlopen", at: e.data.at, motivering: "Geen offerte ontvangen binnen de termijn van de uitnodiging." } };
    case "TrajectGegund":
      return { ...state, status: "gegund" };
    default: {
      const _exhaustive: never = e;
      return state;
    }
  }
}

/** The offer that counts: the latest version. */
export const geldendeOfferte = (s: TrajectDetails): Offerteversie | undefined => s.offertes[s.offertes.length - 1];
