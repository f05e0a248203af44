import { formatInstantNl } from "../calendar";
import type { Uitkomst } from "../inschrijving/entity";
import type { Actor, Rol } from "../shared/actor";
import { bevestigOpening } from "../shared/opening";
import { isRefusal, refuse, type Refusal } from "../shared/refusal";
import type { Criterium, PerceelOpzet } from "./opzet";
import { gunningsGewicht, openBezwaren, type BezwaarUitkomst, type KnockOutAfwijzing, type OfferteAntwoord, type PerceelUitslag, type SasEvent, type SasState } from "./sas";
import { individueleScores, rangschik, selecteer, type ItemRef, type Schaal, type ScoreRonde } from "./scoring";
import { standstillEinde } from "./standstill";

/**
 * SAS rules, pure: (context, command, now) -> events or a refusal. The context is what the procedure
 * knows beside the SAS part: who applied (and for which percelen), their knock-out uitkomsten, and
 * whether a besluit is already waiting.
 */
export interface Aanmelder {
  kvk: string;
  naam: string;
  email: string;
  percelen: string[];
}

export interface SasContext {
  sas: SasState;
  aanmelders: Aanmelder[];
  uitkomsten: Record<string, Uitkomst>;
  besluitLopend: boolean;
}

export type SasCommand =
  | { type: "GeefScore"; actor: Actor; data: ItemRef & { score: number; motivering: string } }
  | { type: "StelConsensusVast"; actor: Actor; data: ItemRef & { score: number; motivering: string } }
  | { type: "ProposeSelectie"; actor: Actor; data: { besluitId: string; toelichting: string; loten: Record<string, number> } }
  | { type: "RecordSelectieBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "ProposeGunningssystematiek"; actor: Actor; data: { besluitId: string; wegingen: { perceel: string; criterium: string; gewicht: number }[]; schaal: Schaal; motivering: string } }
  | { type: "RecordGunningssystematiekBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string; wegingen: Record<string, number>; schaal: Schaal } }
  | { type: "RecordDialoogsessie"; actor: Actor; data: { kvk: string; datum: string; deelnemers: string[]; verslag: string } }
  | { type: "PublishWijziging"; actor: Actor; data: { onderwerp: string; wijziging: string } }
  | { type: "SluitDialoog"; actor: Actor; data: { sluitingAt: string } }
  | {
      type: "SubmitOfferte";
      actor: Actor;
      data: { kvk: string; naam: string; email: string; percelen: string[]; antwoorden: OfferteAntwoord[]; ontvangstbewijsId: string; sha256: string };
    }
  | { type: "SluitOffertes"; actor: Actor }
  | { type: "BevestigOpening"; actor: Actor }
  | { type: "ProposeVoorlopigeGunning"; actor: Actor; data: { besluitId: string; toelichting: string; loten: Record<string, number> } }
  | { type: "RecordVoorlopigeGunningBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "DienBezwaarIn"; actor: Actor; data: { kvk: string; motivering: string } }
  | { type: "HandelBezwaarAf"; actor: Actor; data: { nr: number; uitkomst: BezwaarUitkomst; motivering: string } }
  | { type: "ProposeDefinitieveGunning"; actor: Actor; data: { besluitId: string } }
  | { type: "RecordDefinitieveGunningBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string; gegund: Record<string, string> } };

const roles: Record<SasCommand["type"], readonly Rol[]> = {
  GeefScore: ["beoordelaar"],
  StelConsensusVast: ["inkoper", "beoordelaar"],
  ProposeSelectie: ["inkoper"],
  RecordSelectieBesluit: ["systeem"],
  ProposeGunningssystematiek: ["inkoper"],
  RecordGunningssystematiekBesluit: ["systeem"],
  RecordDialoogsessie: ["inkoper"],
  PublishWijziging: ["inkoper"],
  SluitDialoog: ["inkoper"],
  SubmitOfferte: ["aanbieder"],
  SluitOffertes: ["systeem"],
  BevestigOpening: ["inkoper", "beoordelaar"],
  ProposeVoorlopigeGunning: ["inkoper"],
  RecordVoorlopigeGunningBesluit: ["systeem"],
  DienBezwaarIn: ["aanbieder"],
  HandelBezwaarAf: ["inkoper"],
  ProposeDefinitieveGunning: ["inkoper"],
  RecordDefinitieveGunningBesluit: ["systeem"],
};

const FASE_NAAM: Record<SasState["fase"], string> = {
  aanmelding: "aanmelding",
  selectie: "selectie",
  selectiebesluit: "besluit over de selectie",
  dialoog: "dialoog",
  inschrijving: "inschrijving",
  opening: "opening",
  gunning: "gunning",
  gunningsbesluit: "besluit over de voorlopige gunning",
  standstill: "opschortende termijn",
  opgeschort: "opgeschort wegens bezwaar",
  "definitief-besluit": "besluit over de definitieve gunning",
  gegund: "gegund",
};

const nietNu = (s: SasState, wat: string): Refusal => refuse("NietInDezeFase", 409, `${wat} kan niet in de fase '${FASE_NAAM[s.fase]}'.`);

/** Candidates of a scoring round per perceel: knock-outs passed (selectie), or an opened offer (gunning). */
export function kandidatenVan(ctx: SasContext, ronde: ScoreRonde, perceel: string): string[] {
  if (ronde === "gunning") return ctx.sas.offertes.ontvangen.filter((o) => o.percelen.includes(perceel)).map((o) => o.kvk);
  return ctx.aanmelders.filter((a) => a.percelen.includes(perceel) && ctx.uitkomsten[a.kvk]?.soort === "toegelaten").map((a) => a.kvk);
}

export function criteriaVan(s: SasState, ronde: ScoreRonde, perceel: PerceelOpzet): Criterium[] {
  if (ronde === "selectie") return perceel.selectiecriteria;
  return perceel.gunningscriteria.map((c) => ({ ...c, gewicht: gunningsGewicht(s, perceel.perceel, c.code) ?? c.gewicht }));
}

export const schaalVan = (s: SasState, ronde: ScoreRonde): Schaal => (ronde === "gunning" && s.gunningssystematiek ? s.gunningssystematiek.schaal : s.opzet.instellingen.schaal);

const scoringFase: Record<ScoreRonde, SasState["fase"]> = { selectie: "selectie", gunning: "gunning" };

function checkItem(ctx: SasContext, item: ItemRef, score: number, motivering: string, minMotivering: number): Refusal | null {
  const s = ctx.sas;
  if (s.fase !== scoringFase[item.ronde]) return nietNu(s, `Scoren voor de ${item.ronde}`);
  const perceel = s.opzet.percelen.find((p) => p.perceel === item.perceel);
  if (!perceel) return refuse("OngeldigeInvoer", 400, `Onbekend perceel '${item.perceel}'.`, "perceel");
  const criterium = criteriaVan(s, item.ronde, perceel).find((c) => c.code === item.criterium);
  if (!criterium) return refuse("OngeldigeInvoer", 400, `Onbekend criterium '${item.criterium}' voor de ${item.ronde} van perceel ${perceel.naam}.`, "criterium");
  if (!kandidatenVan(ctx, item.ronde, item.perceel).includes(item.kvk))
    return refuse("BestaatNiet", 404, `KvK-nummer ${item.kvk} is geen kandidaat voor de ${item.ronde} van perceel ${perceel.naam}.`, "kvk");
  const schaal = schaalVan(s, item.ronde);
  if (!Number.isInteger(score) || score < schaal.min || score > schaal.max)
    return refuse("OngeldigeInvoer", 400, `score moet een geheel getal van ${schaal.min} tot en met ${schaal.max} zijn.`, "score");
  if (motivering.trim().length < minMotivering) return refuse("OngeldigeInvoer", 400, `Motiveer de score (minstens ${minMotivering} tekens).`, "motivering");
  return null;
}

/** Items of a round that still have no consensus: the proposal waits for them. */
export function openItems(ctx: SasContext, ronde: ScoreRonde): ItemRef[] {
  const open: ItemRef[] = [];
  for (const p of ctx.sas.opzet.percelen)
    for (const kvk of kandidatenVan(ctx, ronde, p.perceel))
      for (const c of criteriaVan(ctx.sas, ronde, p))
        if (!ctx.sas.consensus.some((x) => x.ronde === ronde && x.kvk === kvk && x.perceel === p.perceel && x.criterium === c.code))
          open.push({ ronde, kvk, perceel: p.perceel, criterium: c.code });
  return open;
}

export function uitslag(ctx: SasContext, ronde: ScoreRonde, loten: Record<string, number>): PerceelUitslag[] {
  return ctx.sas.opzet.percelen.map((p) => {
    const r = rangschik(kandidatenVan(ctx, ronde, p.perceel), p.perceel, ronde, criteriaVan(ctx.sas, ronde, p), ctx.sas.consensus, loten);
    const max = ronde === "selectie" ? p.maxKandidaten : (p.maxGunningen ?? r.length);
    const sel = selecteer(r, max, ronde === "gunning" ? p.minimumGunningsscore : undefined);
    return { perceel: p.perceel, rangschikking: r, door: sel.geselecteerd.map((x) => x.kvk), afgewezen: sel.afgewezen.map((x) => x.kvk), grensDoorGelijkeStand: sel.grensDoorGelijkeStand };
  });
}

export function knockOuts(ctx: SasContext): KnockOutAfwijzing[] {
  return ctx.aanmelders
    .filter((a) => ctx.uitkomsten[a.kvk] && ctx.uitkomsten[a.kvk]!.soort !== "toegelaten")
    .map((a) => ({ kvk: a.kvk, percelen: a.percelen, toelichting: ctx.uitkomsten[a.kvk]!.toelichting }));
}

/** The selected candidates, per kvk the percelen it goes through in. */
export function geselecteerd(s: SasState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!s.selectie?.besluit?.akkoord) return out;
  for (const p of s.selectie.percelen) for (const kvk of p.door) (out[kvk] ??= []).push(p.perceel);
  return out;
}

/** The winners of the voorlopige gunning, per perceel. */
export function winnaars(s: SasState): Record<string, string[]> {
  return Object.fromEntries((s.voorlopigeGunning?.percelen ?? []).map((p) => [p.perceel, p.door]));
}

export function decideSas(ctx: SasContext, command: SasCommand, now: Date): SasEvent[] | Refusal {
  if (!roles[command.type].includes(command.actor.rol))
    return refuse("RolNietToegestaan", 403, `Deze handeling is niet toegestaan voor de rol ${command.actor.rol}.`);
  const s = ctx.sas;
  const at = now.toISOString();
  switch (command.type) {
    case "GeefScore": {
      const d = command.data;
      const invalid = checkItem(ctx, d, d.score, d.motivering, 10);
      if (invalid) return invalid;
      if (s.consensus.some((c) => c.ronde === d.ronde && c.kvk === d.kvk && c.perceel === d.perceel && c.criterium === d.criterium))
        return refuse("NietInDezeFase", 409, "Voor dit onderdeel is de consensusscore al vastgesteld; de eigen scores liggen vast.");
      return [{ type: "SasScoreGegeven", data: { ronde: d.ronde, kvk: d.kvk, perceel: d.perceel, criterium: d.criterium, score: d.score, motivering: d.motivering.trim(), beoordelaar: command.actor.id, at } }];
    }
    case "StelConsensusVast": {
      const d = command.data;
      const invalid = checkItem(ctx, d, d.score, d.motivering, 20);
      if (invalid) return invalid;
      const eigen = individueleScores(s.scores, d);
      const nodig = s.opzet.instellingen.aantalBeoordelaars;
      if (eigen.length < nodig)
        return refuse("NietInDezeFase", 409, `Eerst scoren ${nodig} beoordelaars dit onderdeel elk zelfstandig (nu ${eigen.length}); daarna volgt de consensus.`);
      return [
        {
          type: "SasConsensusVastgesteld",
          data: { ronde: d.ronde, kvk: d.kvk, perceel: d.perceel, criterium: d.criterium, score: d.score, motivering: d.motivering.trim(), door: command.actor.id, at, individueel: eigen.map((x) => ({ beoordelaar: x.beoordelaar, score: x.score })) },
        },
      ];
    }
    case "ProposeSelectie": {
      if (s.fase !== "selectie") return nietNu(s, "De selectie voorstellen");
      if (ctx.besluitLopend) return refuse("NietInDezeFase", 409, "Er ligt al een besluit voor; wacht daarop.");
      const zonder = ctx.aanmelders.filter((a) => !ctx.uitkomsten[a.kvk]);
      if (zonder.length > 0) return refuse("NietInDezeFase", 409, `De toets op de toelatingscriteria loopt nog voor ${zonder.length} aanmelding(en) (ook hoor en wederhoor).`);
      const open = openItems(ctx, "selectie");
      if (open.length > 0) return refuse("NietInDezeFase", 409, `Nog ${open.length} onderdeel/onderdelen zonder consensusscore, zoals ${open[0]!.kvk} ${open[0]!.criterium}.`);
      if (command.data.toelichting.trim().length < 10) return refuse("OngeldigeInvoer", 400, "Licht het voorstel toe (minstens 10 tekens).", "toelichting");
      return [
        {
          type: "SasSelectieVoorgesteld",
          data: { besluitId: command.data.besluitId, toelichting: command.data.toelichting.trim(), loten: command.data.loten, percelen: uitslag(ctx, "selectie", command.data.loten), knockOuts: knockOuts(ctx), voorgesteldOp: at },
        },
      ];
    }
    case "RecordSelectieBesluit":
      if (s.fase !== "selectiebesluit" || s.selectie?.besluitId !== command.data.besluitId) return [];
      return [{ type: "SasSelectieBesloten", data: { ...command.data, at } }];
    case "ProposeGunningssystematiek": {
      if (!s.opzet.gunningssystematiekDoorBosd) return refuse("OngeldigeInvoer", 409, "De gunningscriteria en hun gewichten van deze procedure liggen al vast in de opzet.");
      if (s.gunningssystematiek) return refuse("NietInDezeFase", 409, "De gunningssystematiek is al vastgesteld.");
      if (!["aanmelding", "selectie", "selectiebesluit", "dialoog"].includes(s.fase)) return nietNu(s, "De gunningssystematiek vaststellen");
      if (ctx.besluitLopend) return refuse("NietInDezeFase", 409, "Er ligt al een besluit voor; wacht daarop.");
      const { schaal, wegingen } = command.data;
      if (!Number.isInteger(schaal.min) || !Number.isInteger(schaal.max) || schaal.min < 0 || schaal.max <= schaal.min || schaal.max > 100)
        return refuse("OngeldigeInvoer", 400, "schaal: geef gehele getallen min < max (hoogstens 100).", "schaal");
      for (const p of s.opzet.percelen)
        for (const c of p.gunningscriteria)
          if (!wegingen.some((w) => w.perceel === p.perceel && w.criterium === c.code))
            return refuse("OngeldigeInvoer", 400, `Geef een gewicht voor ${c.code} (${c.naam}) van perceel ${p.naam}.`, "wegingen");
      const bad = wegingen.findIndex((w) => !s.opzet.percelen.some((p) => p.perceel === w.perceel && p.gunningscriteria.some((c) => c.code === w.criterium)) || !(w.gewicht > 0));
      if (bad >= 0) return refuse("OngeldigeInvoer", 400, "Een gewicht hoort bij een gunningscriterium van een perceel en is groter dan 0.", `wegingen.${bad}`);
      if (command.data.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer de gunningssystematiek (minstens 20 tekens).", "motivering");
      return [{ type: "SasGunningssystematiekVoorgesteld", data: { besluitId: command.data.besluitId, wegingen: Object.fromEntries(wegingen.map((w) => [`${w.perceel}:${w.criterium}`, w.gewicht])), schaal, motivering: command.data.motivering.trim() } }];
    }
    case "RecordGunningssystematiekBesluit":
      return [{ type: "SasGunningssystematiekBesloten", data: { ...command.data, at } }];
    case "RecordDialoogsessie": {
      if (s.fase !== "dialoog") return nietNu(s, "Een dialoogsessie vastleggen");
      const d = command.data;
      if (!geselecteerd(s)[d.kvk]) return refuse("BestaatNiet", 404, `KvK-nummer ${d.kvk} is niet geselecteerd voor de dialoog.`, "kvk");
      if (d.deelnemers.filter((x) => x.trim()).length === 0) return refuse("OngeldigeInvoer", 400, "Noem de deelnemers aan de sessie.", "deelnemers");
      if (d.verslag.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Het verslag is te kort (minstens 20 tekens).", "verslag");
      return [{ type: "SasDialoogsessieVastgelegd", data: { nr: s.dialoog.sessies.length + 1, kvk: d.kvk, datum: d.datum, deelnemers: d.deelnemers.map((x) => x.trim()).filter(Boolean), verslag: d.verslag.trim(), vastgelegdDoor: command.actor.id, at } }];
    }
    case "PublishWijziging": {
      if (s.fase !== "dialoog") return nietNu(s, "Een wijziging van de eisen publiceren");
      if (command.data.wijziging.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Beschrijf de wijziging (minstens 20 tekens).", "wijziging");
      return [{ type: "SasWijzigingGepubliceerd", data: { nr: s.dialoog.wijzigingen.length + 1, onderwerp: command.data.onderwerp.trim(), wijziging: command.data.wijziging.trim(), at, door: command.actor.id } }];
    }
    case "SluitDialoog": {
      if (s.fase !== "dialoog") return nietNu(s, "De dialoog sluiten");
      if (!s.gunningssystematiek)
        return refuse("NietInDezeFase", 409, "Eerst stelt het BOSD de gunningssystematiek vast (gewichten en schaal van de gunningscriteria, inkoopplan 7.2); dan volgt de uitnodiging tot inschrijving.");
      const zonderSessie = Object.keys(geselecteerd(s)).filter((kvk) => !s.dialoog.sessies.some((x) => x.kvk === kvk));
      if (zonderSessie.length > 0) return refuse("NietInDezeFase", 409, `Nog geen dialoogsessie met ${zonderSessie.join(", ")}.`);
      const sluiting = new Date(command.data.sluitingAt);
      if (!(sluiting > now)) return refuse("OngeldigeInvoer", 400, "Het sluitingstijdstip van de inschrijving moet in de toekomst liggen.", "sluitingAt");
      return [{ type: "SasDialoogGesloten", data: { geslotenOp: at, sluitingAt: sluiting.toISOString() } }];
    }
    case "SubmitOfferte":
      return submitOfferte(ctx, command.actor, command.data, now);
    case "SluitOffertes":
      if (s.fase !== "inschrijving") return [];
      return [{ type: "SasOffertesGesloten", data: { geslotenOp: at, aantal: s.offertes.ontvangen.length } }];
    case "BevestigOpening": {
      if (s.fase !== "opening") return s.fase === "inschrijving" ? refuse("Verzegeld", 409, "De inschrijvingen zijn verzegeld tot het sluitingstijdstip.") : nietNu(s, "Het openen van de inschrijvingen");
      const eerder = s.offertes.bevestigingen;
      const r = bevestigOpening(eerder, command.actor, s.opzet.instellingen.openingDoor, at);
      if (isRefusal(r)) return r;
      const { bevestiging } = r;
      if (!r.compleet) return [{ type: "SasOpeningBevestigd", data: bevestiging }];
      return [
        { type: "SasOpeningBevestigd", data: bevestiging },
        { type: "SasOffertesGeopend", data: { geopendOp: at, door: [...eerder, bevestiging] } },
      ];
    }
    case "ProposeVoorlopigeGunning": {
      if (s.fase !== "gunning") return nietNu(s, "De voorlopige gunning voorstellen");
      if (ctx.besluitLopend) return refuse("NietInDezeFase", 409, "Er ligt al een besluit voor; wacht daarop.");
      const open = openItems(ctx, "gunning");
      if (open.length > 0) return refuse("NietInDezeFase", 409, `Nog ${open.length} onderdeel/onderdelen zonder consensusscore, zoals ${open[0]!.kvk} ${open[0]!.criterium}.`);
      if (command.data.toelichting.trim().length < 10) return refuse("OngeldigeInvoer", 400, "Licht het voorstel toe (minstens 10 tekens).", "toelichting");
      return [
        {
          type: "SasVoorlopigeGunningVoorgesteld",
          data: { besluitId: command.data.besluitId, toelichting: command.data.toelichting.trim(), loten: command.data.loten, percelen: uitslag(ctx, "gunning", command.data.loten), voorgesteldOp: at },
        },
      ];
    }
    case "RecordVoorlopigeGunningBesluit": {
      if (s.fase !== "gunningsbesluit" || s.voorlopigeGunning?.besluitId !== command.data.besluitId) return [];
      const einde = command.data.akkoord ? { standstillEinde: standstillEinde(now, s.opzet.instellingen.standstillKalenderdagen).toISOString() } : {};
      return [{ type: "SasVoorlopigeGunningBesloten", data: { ...command.data, at, ...einde } }];
    }
    case "DienBezwaarIn": {
      const d = command.data;
      if (command.actor.kvk !== d.kvk) return refuse("RolNietToegestaan", 403, "U kunt alleen bezwaar maken namens uw eigen KvK-nummer.", "kvk");
      if (!s.offertes.ontvangen.some((o) => o.kvk === d.kvk)) return refuse("RolNietToegestaan", 403, "Alleen een inschrijver in deze gunning kan bezwaar maken tegen de voorlopige gunning.");
      if (s.fase !== "standstill" && s.fase !== "opgeschort") return nietNu(s, "Bezwaar maken tegen de voorlopige gunning");
      const einde = s.voorlopigeGunning?.standstillEinde;
      if (!einde || now > new Date(einde))
        return refuse("TermijnVerstreken", 409, `De opschortende termijn is verstreken${einde ? ` op ${formatInstantNl(new Date(einde))}` : ""}; bezwaar kan niet meer.`);
      if (openBezwaren(s).some((b) => b.kvk === d.kvk)) return refuse("AlIngeschreven", 409, "Uw eerdere bezwaar is nog in behandeling.");
      if (d.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer het bezwaar (minstens 20 tekens).", "motivering");
      return [{ type: "SasBezwaarIngediend", data: { nr: s.bezwaren.length + 1, kvk: d.kvk, motivering: d.motivering.trim(), ingediendOp: at } }];
    }
    case "HandelBezwaarAf": {
      const b = s.bezwaren.find((x) => x.nr === command.data.nr);
      if (!b) return refuse("BestaatNiet", 404, `Bezwaar ${command.data.nr} bestaat niet.`, "nr");
      if (b.afhandeling) return refuse("NietInDezeFase", 409, `Bezwaar ${b.nr} is al afgehandeld (${b.afhandeling.uitkomst}).`);
      if (command.data.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer de afhandeling (minstens 20 tekens).", "motivering");
      return [{ type: "SasBezwaarAfgehandeld", data: { nr: b.nr, uitkomst: command.data.uitkomst, motivering: command.data.motivering.trim(), door: command.actor.id, at } }];
    }
    case "ProposeDefinitieveGunning": {
      if (s.fase === "opgeschort") return refuse("NietInDezeFase", 409, `De procedure is opgeschort: ${openBezwaren(s).length} bezwaar/bezwaren nog niet afgehandeld.`);
      if (s.fase !== "standstill") return nietNu(s, "De definitieve gunning voorstellen");
      if (ctx.besluitLopend) return refuse("NietInDezeFase", 409, "Er ligt al een besluit voor; wacht daarop.");
      const einde = s.voorlopigeGunning?.standstillEinde;
      if (!einde || now <= new Date(einde))
        return refuse("NietInDezeFase", 409, `De opschortende termijn loopt tot en met ${einde ? formatInstantNl(new Date(einde)) : "onbekend"}; daarna kan definitief worden gegund.`);
      return [{ type: "SasDefinitieveGunningVoorgesteld", data: { besluitId: command.data.besluitId, voorgesteldOp: at } }];
    }
    case "RecordDefinitieveGunningBesluit":
      if (s.fase !== "definitief-besluit" || s.definitief?.besluitId !== command.data.besluitId) return [];
      return [{ type: "SasDefinitieveGunningBesloten", data: { ...command.data, at } }];
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

type OfferteData = Extract<SasCommand, { type: "SubmitOfferte" }>["data"];

function submitOfferte(ctx: SasContext, actor: Actor, d: OfferteData, now: Date): SasEvent[] | Refusal {
  const s = ctx.sas;
  if (actor.kvk !== d.kvk) return refuse("RolNietToegestaan", 403, "U kunt alleen inschrijven voor uw eigen KvK-nummer.", "kvk");
  const mijn = geselecteerd(s)[d.kvk];
  if (!mijn) return refuse("RolNietToegestaan", 403, "Alleen geselecteerde kandidaten kunnen een inschrijving doen.");
  if (s.fase !== "inschrijving" || !s.offertes.sluitingAt) {
    if (s.offertes.sluitingAt)
      return refuse(
        "TermijnVerstreken",
        409,
        `De inschrijvingstermijn is gesloten op ${formatInstantNl(new Date(s.offertes.sluitingAt), { seconden: true })}; uw inschrijving is ontvangen op ${formatInstantNl(now, { seconden: true })} en wordt niet aanvaard.`,
      );
    return nietNu(s, "Inschrijven");
  }
  if (now >= new Date(s.offertes.sluitingAt))
    return refuse(
      "TermijnVerstreken",
      409,
      `De inschrijvingstermijn is gesloten op ${formatInstantNl(new Date(s.offertes.sluitingAt), { seconden: true })}; uw inschrijving is ontvangen op ${formatInstantNl(now, { seconden: true })} en wordt niet aanvaard.`,
    );
  if (s.offertes.ontvangen.some((o) => o.kvk === d.kvk)) return refuse("AlIngeschreven", 409, `KvK-nummer ${d.kvk} heeft al ingeschreven.`);
  const percelen = [...new Set(d.percelen)];
  const vreemd = percelen.find((p) => !mijn.includes(p));
  if (vreemd) return refuse("RolNietToegestaan", 403, `U bent niet geselecteerd voor perceel '${vreemd}'.`, "percelen");
  if (percelen.length === 0) return refuse("OngeldigeInvoer", 400, "Kies minstens één perceel waarvoor u bent geselecteerd.", "percelen");
  for (const p of percelen) {
    const perceel = s.opzet.percelen.find((x) => x.perceel === p)!;
    for (const c of perceel.gunningscriteria) {
      const a = d.antwoorden.find((x) => x.perceel === p && x.criterium === c.code);
      if (!a || a.antwoord.trim().length === 0) return refuse("OntbrekendAntwoord", 400, `Beantwoord ${c.code} (${c.naam}) voor perceel ${perceel.naam}.`, `antwoorden.${p}.${c.code}`);
    }
  }
  const extra = d.antwoorden.findIndex((a) => !percelen.includes(a.perceel) || !s.opzet.percelen.find((x) => x.perceel === a.perceel)?.gunningscriteria.some((c) => c.code === a.criterium));
  if (extra >= 0) return refuse("OngeldigeInvoer", 400, "Dit antwoord hoort bij geen gunningscriterium van een gekozen perceel.", `antwoorden.${extra}`);
  return [{ type: "SasOfferteOntvangen", data: { kvk: d.kvk, naam: d.naam, email: d.email, percelen, ontvangenOp: now.toISOString(), ontvangstbewijsId: d.ontvangstbewijsId, sha256: d.sha256, antwoorden: d.antwoorden } }];
}
