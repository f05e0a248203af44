import { sasContext } from "../../domain/procedure/decide";
import type { ProcedureEvent } from "../../domain/procedure/procedure";
import { criteriaVan, geselecteerd, kandidatenVan, openItems, schaalVan } from "../../domain/sas/decide";
import { GELIJKE_STAND_REGEL, sameItem, zichtbaarVoor, type ScoreRonde } from "../../domain/sas/scoring";
import type { Recorded } from "../../domain/shared/audit";
import type { Actor } from "../../domain/shared/actor";
import type { Live } from "./view";

const REGION = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];

/**
 * What a caller may see of a SAS. The final offers are sealed until two people opened them: before
 * that the region sees how many arrived, not from whom. A beoordelaar sees a colleague's score only
 * after scoring the item itself. An aanbieder sees its own results, its own sessions and offer, and
 * what is published to every candidate.
 */
export function sasViewFor(s: Live, actor: Actor) {
  const sas = s.sas;
  if (!sas) return undefined;
  const region = REGION.includes(actor.rol);
  const ctx = sasContext(s);
  const geopend = Boolean(sas.offertes.geopendOp);
  const mijnSelectie = geselecteerd(sas);
  const kandidaten = (ronde: ScoreRonde) =>
    sas.opzet.percelen.map((p) => ({
      perceel: p.perceel,
      naam: p.naam,
      criteria: criteriaVan(sas, ronde, p),
      schaal: schaalVan(sas, ronde),
      kandidaten: kandidatenVan(ctx, ronde, p.perceel).map((kvk) => ({ kvk, naam: s.inschrijvingen.find((a) => a.kvk === kvk)?.naam ?? kvk })),
    }));
  const publiek = {
    fase: sas.fase,
    opzet: sas.opzet,
    gelijkeStandRegel: GELIJKE_STAND_REGEL,
    ...(sas.gunningssystematiek ? { gunningssystematiek: sas.gunningssystematiek } : {}),
    offertes: {
      ...(sas.offertes.sluitingAt ? { sluitingAt: sas.offertes.sluitingAt } : {}),
      ...(sas.offertes.geslotenOp ? { geslotenOp: sas.offertes.geslotenOp } : {}),
      ...(sas.offertes.geopendOp ? { geopendOp: sas.offertes.geopendOp } : {}),
      aantal: sas.offertes.ontvangen.length,
    },
    ...(sas.voorlopigeGunning?.standstillEinde ? { standstillEinde: sas.voorlopigeGunning.standstillEinde } : {}),
  };
  if (region) {
    return {
      ...publiek,
      selectieKandidaten: sas.fase === "aanmelding" ? [] : kandidaten("selectie"),
      gunningKandidaten: geopend ? kandidaten("gunning") : [],
      openItems: { selectie: sas.fase === "selectie" ? openItems(ctx, "selectie").length : 0, gunning: sas.fase === "gunning" ? openItems(ctx, "gunning").length : 0 },
      scores: zichtbaarVoor(sas.scores, sas.consensus, actor),
      consensus: sas.consensus,
      ...(sas.selectie ? { selectie: sas.selectie } : {}),
      selectieVoorstellen: sas.selectieVoorstellen,
      geselecteerd: mijnSelectie,
      dialoog: sas.dialoog,
      offertes: {
        ...publiek.offertes,
        bevestigingen: sas.offertes.bevestigingen,
        ontvangen: geopend ? sas.offertes.ontvangen : [],
      },
      ...(sas.voorlopigeGunning ? { voorlopigeGunning: sas.voorlopigeGunning } : {}),
      gunningsVoorstellen: sas.gunningsVoorstellen,
      bezwaren: sas.bezwaren,
      ...(sas.definitief ? { definitief: sas.definitief } : {}),
    };
  }
  const kvk = actor.kvk ?? "";
  const selectieBesloten = sas.selectie?.besluit?.akkoord === true;
  const gunningBesloten = sas.voorlopigeGunning?.besluit?.akkoord === true;
  const eigen = sas.offertes.ontvangen.find((o) => o.kvk === kvk);
  return {
    ...publiek,
    ...(selectieBesloten ? { geselecteerdVoor: mijnSelectie[kvk] ?? [] } : {}),
    dialoog: {
      sessies: sas.dialoog.sessies.filter((x) => x.kvk === kvk),
      wijzigingen: mijnSelectie[kvk] ? sas.dialoog.wijzigingen : [],
      ...(sas.dialoog.geslotenOp ? { geslotenOp: sas.dialoog.geslotenOp } : {}),
    },
    ...(eigen ? { mijnOfferte: eigen } : {}),
    ...(gunningBesloten && eigen
      ? { voorlopigGegund: (sas.voorlopigeGunning?.percelen ?? []).filter((p) => p.door.includes(kvk)).map((p) => p.perceel) }
      : {}),
    bezwaren: sas.bezwaren.filter((b) => b.kvk === kvk),
    ...(sas.definitief?.gegund ? { gegundPerceel: sas.definitief.gegund[kvk] ?? null } : {}),
  };
}

/** The log of a SAS keeps the seal on final offers and the independence of the beoordelaars. */
export function redactSasLog(s: Live, log: Recorded<ProcedureEvent>[], actor: Actor): Recorded<ProcedureEvent>[] {
  const sas = s.sas;
  if (!sas) return log;
  const eigen = sas.scores.filter((x) => x.beoordelaar === actor.id);
  return log.flatMap((e) => {
    if (e.type === "SasOfferteOntvangen" && !sas.offertes.geopendOp)
      return [{ ...e, actor: { rol: e.actor.rol, id: "verzegeld" }, data: { ontvangenOp: e.data.ontvangenOp, verzegeld: true } as never }];
    if (e.type === "SasScoreGegeven" && actor.rol === "beoordelaar") {
      const d = e.data;
      // The rule of zichtbaarVoor, applied to every event of a score (a revised score leaves its earlier events in the log).
      const visible = d.beoordelaar === actor.id || eigen.some((x) => sameItem(x, d)) || sas.consensus.some((c) => sameItem(c, d));
      return visible ? [e] : [];
    }
    return [e];
  });
}
