import { findContract, findProduct, productWeergave } from "../../../domain/catalogue";
import { describeItem } from "../../../domain/inschrijving/items";
import type { Actor } from "../../../domain/shared/actor";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";

/** Dutch words for the engine's states and events, as the region's users read them. */
export const procedureStatus: Record<string, string> = {
  concept: "Concept",
  gepubliceerd: "Gepubliceerd",
  gesloten: "Gesloten, in beoordeling",
  besluitvorming: "Gunningsvoorstel voorgelegd",
  gegund: "Gegund",
  gestopt: "Stopgezet",
};

export const inschrijvingStatus: Record<string, string> = {
  ingediend: "Ingediend",
  ingetrokken: "Ingetrokken vóór de sluiting",
  volledigheidstoets: "Volledigheidstoets",
  herstel: "Herstel gevraagd",
  beoordeling: "In beoordeling",
  "hoor-en-wederhoor": "Hoor en wederhoor",
  herbeoordeling: "Herbeoordeling",
  afgerond: "Afgerond",
};

export const uitkomstSoort: Record<string, string> = { toegelaten: "Toegelaten", afgewezen: "Afgewezen", uitgesloten: "Uitgesloten" };
export const besluitStatus: Record<string, string> = { voorgelegd: "Voorgelegd", vastgesteld: "Vastgesteld", teruggestuurd: "Teruggestuurd" };
export const rondeSoort: Record<string, string> = { initieel: "Eerste ronde", heropening: "Heropening", toetreding: "Tussentijdse toetreding" };
export const rondeStatus: Record<string, string> = { open: "Open", gesloten: "Gesloten", gegund: "Gegund" };
export const procedureType: Record<string, string> = {
  "open-house-zonder-toetreding": "Open House zonder tussentijdse toetreding",
  "open-house-met-toetreding": "Open House met tussentijdse toetreding",
  sas: "SAS-aanbesteding (selectie, dialoog, gunning)",
};
export const documentDoel: Record<string, string> = {
  "proces-verbaal": "Proces-verbaal van sluiting",
  "nota-van-inlichtingen": "Nota van inlichtingen",
  besluitvoorstel: "Besluitvoorstel",
  hoorbrief: "Brief hoor en wederhoor",
  "nota-van-wijzigingen": "Nota van wijzigingen (dialoog)",
  "proces-verbaal-opening": "Proces-verbaal van opening",
};
export const verklaring: Record<string, string> = { voldoet: "Voldoet", "voldoet-niet": "Voldoet niet", vrijgesteld: "Vrijgesteld" };
export const contractStatus: Record<string, string> = { actief: "Actief", ontbonden: "Ontbonden" };
export const besluitType: Record<string, string> = {
  "akkoord-gunning": "Akkoord gunning",
  toelating: "Toelatingsbesluit",
  afwijzing: "Afwijzingsbesluit",
  heropening: "Heropening Open House",
  "stopzetten-procedure": "Stopzetten procedure",
  ontbinding: "Ontbinding overeenkomst",
  "gunningssystematiek-hoog-specialistisch": "Gunningssystematiek Hoog-specialistisch",
  selectiebeslissing: "Selectiebeslissing (SAS)",
  "voorlopige-gunning": "Voorlopige gunning (SAS)",
  "definitieve-gunning": "Definitieve gunning (SAS)",
  "motivering-procedurekeuze": "Keuze aanbestedingsprocedure (motivering)",
  "beeindiging-traject": "Beëindiging inkooptraject (onderhands)",
};

/** An onderhandse procedure (domain/onderhands/procedure.ts) and its trajectories (traject.ts). */
export const onderhandsStatus: Record<string, string> = {
  concept: "Concept: motivering nog niet vastgesteld",
  "motivering-voorgelegd": "Motivering voorgelegd aan het BOSD",
  lopend: "Lopend: aanbieders uitnodigen",
  gestopt: "Gestopt",
};
export const trajectStatus: Record<string, string> = {
  uitgenodigd: "Uitgenodigd, wacht op offerte",
  ingediend: "Offerte ontvangen",
  onderhandeling: "In onderhandeling",
  "overeenstemming-voorgelegd": "Overeenstemming voorgelegd aan de programmadirecteur",
  overeenstemming: "Overeenstemming",
  "beeindiging-voorgelegd": "Beëindiging voorgelegd",
  beeindigd: "Beëindigd zonder gunning",
  verlopen: "Verlopen: geen offerte binnen de termijn",
  gegund: "Gegund",
};
export const beeindigingsReden: Record<string, string> = {
  "geen-overeenstemming": "Geen overeenstemming bereikt",
  "ingetrokken-door-aanbieder": "Ingetrokken door de aanbieder",
  "voldoet-niet-aan-toelatingscriteria": "Voldoet niet aan de toelatingscriteria",
  anders: "Andere reden (zie de motivering)",
};
export const motiveringBesluitStatus: Record<string, string> = { voorgelegd: "Voorgelegd aan het BOSD", akkoord: "Vastgesteld door het BOSD", teruggestuurd: "Teruggestuurd door het BOSD" };

const eventLabels: Record<string, string> = {
  // procedure
  ProcedureCreated: "Procedure aangemaakt als concept",
  ProcedurePublished: "Procedure gepubliceerd",
  RondeGeopend: "Ronde geopend",
  InschrijvingReceived: "Inschrijving ontvangen",
  InschrijvingVervangen: "Nieuwe versie van een inschrijving ontvangen (alleen de laatste telt)",
  InschrijvingIngetrokken: "Inschrijving ingetrokken vóór de sluiting",
  ProcedureClosed: "Inschrijving gesloten",
  OpeningBevestigd: "Opening bevestigd (vier ogen)",
  InschrijvingenGeopend: "Inschrijvingen geopend, proces-verbaal opgemaakt",
  VraagGesteld: "Vraag gesteld",
  VraagBeantwoord: "Vraag beantwoord",
  NotaVanInlichtingenGepubliceerd: "Nota van inlichtingen gepubliceerd",
  DocumentToegevoegd: "Document toegevoegd",
  UitkomstOntvangen: "Uitkomst van de beoordeling ontvangen",
  GunningVoorgesteld: "Gunningsvoorstel voorgelegd",
  GunningBesloten: "Besluit over de gunning genomen",
  HeropeningVoorgesteld: "Heropening voorgesteld",
  HeropeningBesloten: "Besluit over de heropening genomen",
  StopzettingVoorgesteld: "Stopzetting voorgesteld",
  StopzettingBesloten: "Besluit over de stopzetting genomen",
  // SAS
  SasSelectieGestart: "SAS: selectie gestart",
  SasScoreGegeven: "SAS: score gegeven",
  SasConsensusVastgesteld: "SAS: consensusscore vastgesteld",
  SasSelectieVoorgesteld: "SAS: selectie voorgesteld",
  SasSelectieBesloten: "SAS: besluit over de selectie genomen",
  SasGunningssystematiekVoorgesteld: "SAS: gunningssystematiek voorgelegd",
  SasGunningssystematiekBesloten: "SAS: besluit over de gunningssystematiek genomen",
  SasDialoogsessieVastgelegd: "SAS: dialoogsessie vastgelegd",
  SasWijzigingGepubliceerd: "SAS: wijziging gepubliceerd",
  SasDialoogGesloten: "SAS: dialoog gesloten, uitnodiging tot inschrijving",
  SasOfferteOntvangen: "SAS: inschrijving ontvangen",
  SasOffertesGesloten: "SAS: inschrijvingstermijn gesloten",
  SasOpeningBevestigd: "SAS: opening bevestigd",
  SasOffertesGeopend: "SAS: inschrijvingen geopend",
  SasVoorlopigeGunningVoorgesteld: "SAS: voorlopige gunning voorgesteld",
  SasVoorlopigeGunningBesloten: "SAS: besluit over de voorlopige gunning genomen",
  SasBezwaarIngediend: "SAS: bezwaar ingediend",
  SasBezwaarAfgehandeld: "SAS: bezwaar afgehandeld",
  SasDefinitieveGunningVoorgesteld: "SAS: definitieve gunning voorgesteld",
  SasDefinitieveGunningBesloten: "SAS: besluit over de definitieve gunning genomen",
  // onderhands
  OnderhandseProcedureGestart: "Onderhandse procedure gestart",
  MotiveringVoorgelegd: "Motivering van de procedurekeuze voorgelegd aan het BOSD",
  MotiveringBesloten: "Besluit over de motivering van de procedurekeuze genomen",
  AanbiederUitgenodigd: "Aanbieder uitgenodigd",
  TrajectStatusGewijzigd: "Status van een traject gewijzigd",
  TrajectGestart: "Inkooptraject gestart (uitnodiging verstuurd)",
  OfferteOntvangen: "Offerte ontvangen",
  GespreksrondeVastgelegd: "Gespreksronde vastgelegd",
  OvereenstemmingVoorgelegd: "Overeenstemming voorgelegd (akkoord gunning)",
  BeeindigingVoorgelegd: "Beëindiging van het traject voorgelegd",
  TrajectBesluitGenomen: "Besluit in het traject genomen",
  DeadlineVerstreken: "Termijn voor de offerte verstreken",
  TrajectGegund: "Gegund",
  // inschrijving
  InschrijvingSubmitted: "Inschrijving ingediend",
  VolledigheidstoetsStarted: "Volledigheidstoets gestart",
  VolledigVerklaard: "Volledig verklaard",
  HerstelRequested: "Herstel gevraagd",
  HerstelSupplied: "Herstel aangeleverd",
  HerstelTermijnVerstreken: "Hersteltermijn verstreken",
  CriteriumBeoordeeld: "Criterium beoordeeld",
  OordeelBeslecht: "Verschil van oordeel beslecht",
  HoorEnWederhoorStarted: "Hoor en wederhoor gestart",
  HoorEnWederhoorReplied: "Reactie op hoor en wederhoor ontvangen",
  HoorEnWederhoorTermijnVerstreken: "Termijn hoor en wederhoor verstreken",
  BeoordelingAfgerond: "Beoordeling afgerond",
  // besluit
  BesluitVoorgelegd: "Besluit voorgelegd",
  BesluitVastgesteld: "Besluit vastgesteld",
  BesluitGenomen: "Besluit genomen",
  BesluitDocumentGemaakt: "Besluitdocument opgemaakt",
  BesluitVerzonden: "Besluit verzonden",
};

const rolWoord: Record<string, string> = {
  inkoper: "Inkoper",
  beoordelaar: "Beoordelaar",
  aanbieder: "Aanbieder",
  programmadirecteur: "Programmadirecteur",
  bosd: "BOSD",
  systeem: "Systeem",
};

export function wie(actor: Actor | undefined): string {
  if (!actor) return "";
  if (actor.rol === "systeem") return "Systeem (automatisch)";
  const rol = rolWoord[actor.rol] ?? actor.rol;
  // An account named after its role ("inkoper") reads as the role alone, not "Inkoper inkoper".
  const naam = actor.id.toLowerCase() === actor.rol.toLowerCase() ? rol : `${rol} ${actor.id}`;
  return `${naam}${actor.kvk && actor.kvk !== actor.id ? ` (KvK ${actor.kvk})` : ""}`;
}

export function contractNaam(contractId: string): string {
  const c = findContract(contractId);
  return c ? `${c.naam} (inkoopplan ${c.sectie})` : contractId;
}

export function productNaam(productId: string): string {
  const p = findProduct(productId);
  return p ? productWeergave(p) : productId;
}

/** A product of a contract entered per plaats (Hulp bij huishouden) with its plaatsen: "01A04 Hulp bij huishouden (in Gouda, Waddinxveen)". */
export function productMetPlaatsen(productId: string, plaatsen?: readonly { productId: string; plaatsen: readonly string[] }[]): string {
  const hier = plaatsen?.find((p) => p.productId === productId)?.plaatsen;
  return hier && hier.length > 0 ? `${productNaam(productId)} (in ${hier.join(", ")})` : productNaam(productId);
}

export function itemNaam(key: string): string {
  const i = key.indexOf(":");
  return describeItem(i < 0 ? { key, criterium: key } : { key, criterium: key.slice(0, i), productId: key.slice(i + 1) });
}

export const oordeelWoord = (o: string): string => verklaring[o] ?? o;

type LogEntry = { seq?: number; type: string; at: string; actor?: Actor; reden?: string; data?: unknown };

/** A few events say more than their type: which question, which document, which item. */
function detail(e: LogEntry): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case "VraagGesteld":
    case "VraagBeantwoord":
      return ` (vraag ${String(d.nr)})`;
    case "NotaVanInlichtingenGepubliceerd":
      return ` (nummer ${String(d.nummer)})`;
    case "DocumentToegevoegd":
      return typeof d.doel === "string" ? `: ${documentDoel[d.doel] ?? d.doel}` : "";
    case "RondeGeopend":
      return ` (ronde ${String(d.nr)}, ${rondeSoort[String(d.soort)] ?? ""})`;
    case "UitkomstOntvangen": {
      const u = d.uitkomst as { soort?: string } | undefined;
      return `: KvK ${String(d.kvk)}, ${uitkomstSoort[u?.soort ?? ""] ?? ""}`;
    }
    case "CriteriumBeoordeeld":
    case "OordeelBeslecht":
      return typeof d.item === "string" ? `: ${itemNaam(d.item)}, ${oordeelWoord(String(d.oordeel))}` : "";
    case "BeoordelingAfgerond": {
      const u = d.uitkomst as { soort?: string } | undefined;
      return u?.soort ? `: ${uitkomstSoort[u.soort] ?? u.soort}` : "";
    }
    case "AanbiederUitgenodigd":
      return `: ${String(d.naam)} (KvK ${String(d.kvk)})`;
    case "TrajectStatusGewijzigd":
      return `: KvK ${String(d.kvk)}, ${trajectStatus[String(d.status)] ?? String(d.status)}`;
    case "OfferteOntvangen":
      return ` (versie ${String(d.versie)})`;
    case "GespreksrondeVastgelegd":
      return ` (ronde ${String(d.nr)})`;
    case "MotiveringBesloten":
    case "TrajectBesluitGenomen":
    case "SasSelectieBesloten":
    case "SasGunningssystematiekBesloten":
    case "SasVoorlopigeGunningBesloten":
    case "SasDefinitieveGunningBesloten":
    case "GunningBesloten":
    case "HeropeningBesloten":
    case "StopzettingBesloten":
    case "BesluitGenomen":
      return d.akkoord === true ? ": akkoord" : d.akkoord === false ? ": teruggestuurd" : "";
    default:
      return "";
  }
}

export function wat(e: LogEntry): string {
  return `${eventLabels[e.type] ?? e.type}${detail(e)}`;
}

/**
 * The audit trail: when, who (role and id), what, and why. `sealed` names the entries whose actor
 * must not be shown yet: who entered a round stays unknown until its closing instant.
 */
export function logboek(caption: string, log: readonly unknown[], sealed: (e: { type: string; data?: unknown }) => boolean = () => false): SafeHtml {
  const entries = log as LogEntry[];
  return table(
    caption,
    ["Wanneer", "Wie", "Wat", "Waarom"],
    entries.map((e) => [html`${formatNl(e.at)}`, html`${sealed(e) ? "Aanbieder (verzegeld tot de opening)" : wie(e.actor)}`, html`${wat(e)}`, html`${e.reden ?? ""}`]),
    undefined,
    // The page's own heading "Logboek" stands right above: the caption is for screen readers only.
    { titelVerborgen: true },
  );
}

/** The phases of a SAS (domain/sas/sas.ts), as the region reads them. */
export const sasFase: Record<string, string> = {
  aanmelding: "Aanmelding",
  selectie: "Selectie: scoren en consensus",
  selectiebesluit: "Selectie voorgelegd aan de programmadirecteur",
  dialoog: "Dialoog",
  inschrijving: "Inschrijving (verzegeld)",
  opening: "Opening (vier ogen)",
  gunning: "Gunning: scoren en consensus",
  gunningsbesluit: "Voorlopige gunning voorgelegd aan de programmadirecteur",
  standstill: "Opschortende termijn",
  opgeschort: "Opgeschort wegens bezwaar",
  "definitief-besluit": "Definitieve gunning voorgelegd aan de programmadirecteur",
  gegund: "Gegund",
};
