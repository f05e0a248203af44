import { formatDateNl, formatInstantNl, toAmsterdamDate } from "../calendar";
import type { OpeningBevestiging } from "../shared/opening";

/**
 * A procedure at a glance (issue 14): its moments in order, each past, now or coming, with what is
 * waiting for whom, and today's place among them. Built from what every role's view of the procedure
 * has; the pages add the terms of single inschrijvingen (herstel, hoor en wederhoor) they can read.
 */
export type Stand = "voorbij" | "nu" | "komend";

export interface TijdlijnMoment {
  /** An ISO instant, or a calendar date (YYYY-MM-DD); absent when it is not known yet. */
  wanneer?: string;
  wat: string;
  toelichting?: string;
  stand: Stand;
  /** Whose turn it is, while this moment is the current one. */
  wachtOp?: string;
}

export interface TijdlijnRonde {
  nr: number;
  soort: string;
  publicatieAt: string;
  sluitingAt: string;
  status: "open" | "gesloten" | "gegund";
  opening?: { bevestigingen: OpeningBevestiging[]; geopendOp?: string };
  gegundOp?: string;
  voorstellen: { status: "voorgelegd" | "akkoord" | "teruggestuurd"; at: string }[];
  aantalInschrijvingen?: number;
  aantalBeoordeeld?: number;
}

export interface TijdlijnBron {
  status: string;
  vragenTot: string;
  instellingen: { contractIngangsdatum?: string };
  rondes: TijdlijnRonde[];
  lopendBesluit?: { soort: string };
  gestopt?: { at: string };
}

/** A term of one inschrijving the page knows of (herstel, hoor en wederhoor), placed among the rest. */
export interface ExtraTermijn {
  wanneer: string;
  wat: string;
  wachtOp?: string;
}

const tijd = (iso: string) => new Date(iso).getTime();
const stand = (iso: string | undefined, now: Date): Stand => (iso === undefined ? "komend" : tijd(iso) <= now.getTime() ? "voorbij" : "komend");

export function procedureTijdlijn(p: TijdlijnBron, now: Date, extra: readonly ExtraTermijn[] = []): TijdlijnMoment[] {
  const ronde = p.rondes[p.rondes.length - 1];
  const momenten: TijdlijnMoment[] = [];
  for (const r of p.rondes.slice(0, -1))
    momenten.push({ wanneer: r.gegundOp ?? r.sluitingAt, wat: `Ronde ${r.nr}${r.status === "gegund" ? " gegund" : " gesloten"}`, stand: "voorbij" });
  if (!ronde) {
    momenten.push({ wat: "Publicatie", toelichting: "Na publicatie kunnen aanbieders inschrijven.", stand: "nu", wachtOp: "inkoper" });
    return metVandaag(momenten, now);
  }
  const gesloten = tijd(ronde.sluitingAt) <= now.getTime();
  momenten.push({ wanneer: ronde.publicatieAt, wat: ronde.nr === 1 ? "Publicatie" : `Ronde ${ronde.nr} open`, stand: stand(ronde.publicatieAt, now) });
  if (ronde.nr === 1) momenten.push({ wanneer: p.vragenTot, wat: "Vragen stellen tot", stand: stand(p.vragenTot, now) });
  momenten.push({
    wanneer: ronde.sluitingAt,
    wat: "Sluiting",
    toelichting: ronde.aantalInschrijvingen === undefined ? undefined : `${ronde.aantalInschrijvingen} inschrijving(en) ontvangen`,
    stand: gesloten ? "voorbij" : "komend",
    ...(!gesloten && tijd(ronde.publicatieAt) <= now.getTime() ? { wachtOp: "aanbieders (inschrijven)" } : {}),
  });
  const geopend = ronde.opening ? ronde.opening.geopendOp : gesloten ? ronde.sluitingAt : undefined;
  if (ronde.opening && !ronde.opening.geopendOp)
    momenten.push({
      wat: "Opening (vier ogen)",
      toelichting: ronde.opening.bevestigingen.length === 0 ? "Nog niemand bevestigde de opening." : `Bevestigd door ${ronde.opening.bevestigingen.map((b) => b.door).join(", ")}.`,
      stand: "nu",
      wachtOp: ronde.opening.bevestigingen.length === 0 ? "een inkoper" : "een tweede persoon van de regio",
    });
  else momenten.push({ ...(geopend ? { wanneer: geopend } : {}), wat: "Opening", stand: geopend ? "voorbij" : "komend" });

  const alleUitkomsten = ronde.aantalInschrijvingen !== undefined && ronde.aantalBeoordeeld !== undefined && ronde.aantalBeoordeeld >= ronde.aantalInschrijvingen;
  const inBeoordeling = geopend !== undefined && ronde.status === "gesloten" && !alleUitkomsten;
  momenten.push({
    wat: "Beoordeling",
    toelichting: ronde.aantalBeoordeeld === undefined ? "Toelatingscriteria, herstel en hoor en wederhoor." : `${ronde.aantalBeoordeeld} van ${ronde.aantalInschrijvingen ?? 0} inschrijving(en) met een uitkomst.`,
    stand: inBeoordeling ? "nu" : geopend !== undefined && (alleUitkomsten || ronde.status === "gegund") ? "voorbij" : "komend",
    ...(inBeoordeling ? { wachtOp: "beoordelaars" } : {}),
  });
  for (const e of extra) momenten.push({ wanneer: e.wanneer, wat: e.wat, stand: stand(e.wanneer, now), ...(e.wachtOp && tijd(e.wanneer) > now.getTime() ? { wachtOp: e.wachtOp } : {}) });

  const voorstel = ronde.voorstellen[ronde.voorstellen.length - 1];
  const besluitLopend = p.lopendBesluit?.soort === "gunning";
  momenten.push({
    ...(ronde.gegundOp ? { wanneer: ronde.gegundOp } : voorstel ? { wanneer: voorstel.at } : {}),
    wat: ronde.status === "gegund" ? "Gunning vastgesteld" : "Besluitvorming (akkoord gunning)",
    ...(voorstel?.status === "teruggestuurd" && !besluitLopend ? { toelichting: "Het laatste voorstel is teruggestuurd." } : {}),
    stand: ronde.status === "gegund" ? "voorbij" : besluitLopend ? "nu" : "komend",
    ...(besluitLopend ? { wachtOp: "programmadirecteur" } : alleUitkomsten && ronde.status === "gesloten" ? { wachtOp: "inkoper (gunningsvoorstel)" } : {}),
  });
  const ingang = p.instellingen.contractIngangsdatum;
  momenten.push({
    ...(ingang ? { wanneer: ingang } : {}),
    wat: "Ingangsdatum contracten",
    ...(ingang ? {} : { toelichting: "De eerste dag van de maand na de gunning." }),
    stand: ingang && ingang <= toAmsterdamDate(now) ? "voorbij" : "komend",
  });
  if (p.gestopt) {
    // What had not happened will not happen any more, and nobody is at turn.
    const gebeurd = momenten.filter((m) => m.stand === "voorbij").map(({ wachtOp: _weg, ...m }) => m);
    return metVandaag(ordered([...gebeurd, { wanneer: p.gestopt.at, wat: "Procedure stopgezet", stand: "voorbij" }]), now);
  }
  return metVandaag(ordered(momenten), now);
}

/** Dated moments keep their place by date; an undated one stays right after the moment before it. */
function ordered(momenten: TijdlijnMoment[]): TijdlijnMoment[] {
  let vorige = Number.NEGATIVE_INFINITY;
  return momenten
    .map((m, i) => {
      if (m.wanneer) vorige = tijd(m.wanneer);
      return { m, i, sleutel: vorige };
    })
    .sort((a, b) => a.sleutel - b.sleutel || a.i - b.i)
    .map(({ m }) => m);
}

/** Today's place: before the first moment that is not past. */
function metVandaag(momenten: TijdlijnMoment[], now: Date): TijdlijnMoment[] {
  const i = momenten.findIndex((m) => m.stand !== "voorbij");
  const vandaag: TijdlijnMoment = { wanneer: now.toISOString(), wat: "Vandaag", stand: "nu" };
  return i < 0 ? [...momenten, vandaag] : [...momenten.slice(0, i), vandaag, ...momenten.slice(i)];
}

/** A moment's date as the pages print it: a calendar date, or an instant in Amsterdam time. */
export function wanneerTekst(m: Pick<TijdlijnMoment, "wanneer"> & { stand?: Stand }): string {
  // A phase without a date of its own (the beoordeling) is over, running, or still to come.
  if (!m.wanneer) return m.stand === "voorbij" ? "afgerond" : m.stand === "nu" ? "loopt nu" : "nog niet bekend";
  return /^\d{4}-\d{2}-\d{2}$/.test(m.wanneer) ? formatDateNl(m.wanneer) : formatInstantNl(new Date(m.wanneer));
}
