import { HERSTEL_TERMIJN_TOELICHTING, HOOR_TERMIJN_TOELICHTING } from "../../domain/besluit/teksten";
import { teOpenenRonde } from "../../domain/procedure/decide";
import { dekkingPerPlaats } from "../../domain/procedure/plaatsen";
import { currentRonde, rondeVerzegeld, type ProcedureEvent, type ProcedureState } from "../../domain/procedure/procedure";
import type { Recorded } from "../../domain/shared/audit";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { fail } from "../runtime/refusal";
import { redactSasLog, sasViewFor } from "./sas-view";
import { geselecteerd } from "../../domain/sas/decide";

export const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
export type Live = Exclude<ProcedureState, { status: "leeg" }>;

export function live(state: ProcedureState): Live {
  if (state.status === "leeg") fail(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
  return state;
}

export function mayReadDocument(doel: string, actor: Actor, s?: Live): boolean {
  if (doel === "nota-van-inlichtingen") return true;
  // A SAS's changes after the dialogue go to the selected candidates (and the region).
  if (doel === "nota-van-wijzigingen" && s?.sas && actor.kvk && geselecteerd(s.sas)[actor.kvk]) return true;
  return regionRoles.includes(actor.rol);
}

/**
 * What a caller may see of a procedure. Until a round is opened (after its closing instant, by two
 * people) even the region sees only how many inschrijvingen arrived in it, not from whom; an aanbieder
 * only ever sees its own.
 */
export function viewFor(state: ProcedureState, actor: Actor, now: number) {
  const s = live(state);
  const { inschrijvingen, procesVerbaal, vragen, rondes, sas: _sas, ...rest } = s;
  const sealedRounds = new Set(rondes.filter((r) => rondeVerzegeld(r, new Date(now))).map((r) => r.nr));
  const teOpenen = teOpenenRonde(s);
  const region = regionRoles.includes(actor.rol);
  const visible = region ? inschrijvingen.filter((a) => !sealedRounds.has(a.ronde)) : inschrijvingen.filter((a) => a.kvk === actor.kvk);
  const ronde = currentRonde(s);
  return {
    ...rest,
    verzegeld: ronde ? sealedRounds.has(ronde.nr) : false,
    aantalInschrijvingen: inschrijvingen.filter((a) => !a.ingetrokkenOp).length,
    inschrijvingen: visible,
    rondes: rondes.map(({ uitkomsten, procesVerbaal: pv, ...r }) => ({
      ...r,
      aantalInschrijvingen: inschrijvingen.filter((a) => a.ronde === r.nr && !a.ingetrokkenOp).length,
      aantalBeoordeeld: Object.keys(uitkomsten).length,
      uitkomsten: region ? uitkomsten : Object.fromEntries(Object.entries(uitkomsten).filter(([kvk]) => kvk === actor.kvk)),
      procesVerbaalBeschikbaar: pv !== undefined,
    })),
    vragen: vragen
      .filter((v) => region || v.nota !== undefined || v.kvk === actor.kvk)
      .map(({ kvk, ...v }) => (region || kvk === actor.kvk ? { ...v, eigenVraag: kvk === actor.kvk, ...(region ? { kvk } : {}) } : v)),
    procesVerbaalBeschikbaar: procesVerbaal !== undefined,
    /** The round that waits for its opening with four eyes, who confirmed so far, and who may. */
    ...(teOpenen
      ? { opening: { ronde: teOpenen.nr, bevestigingen: teOpenen.opening?.bevestigingen ?? [], openingDoor: s.sas?.opzet.instellingen.openingDoor ?? s.instellingen.openingDoor ?? "inkoper+inkoper" } }
      : {}),
    ...(s.sas ? { sas: sasViewFor(s, actor) } : {}),
    /** A contract entered per plaats (Hulp bij huishouden): admitted aanbieders per product per plaats, for the region only. */
    ...(region && !s.sas ? { dekkingPerPlaats: dekkingPerPlaats(s) } : {}),
    toelichtingen: { hoorEnWederhoorTermijn: HOOR_TERMIJN_TOELICHTING, herstelTermijn: HERSTEL_TERMIJN_TOELICHTING },
    documenten: s.documenten.filter((d) => mayReadDocument(d.doel, actor, s)).map((d) => ({ ...d.document, doel: d.doel, ...(d.ronde ? { ronde: d.ronde } : {}) })),
  };
}
export type ProcedureView = ReturnType<typeof viewFor>;

/** Who entered a round is part of the seal: until its opening the log shows only that something arrived. */
export function logFor(state: Live, log: Recorded<ProcedureEvent>[], actor: Actor, now: number) {
  if (!regionRoles.includes(actor.rol)) fail(refuse("RolNietToegestaan", 403, "Het logboek van een procedure is alleen voor de regio in te zien."));
  const sealed = new Set(state.rondes.filter((r) => rondeVerzegeld(r, new Date(now))).map((r) => r.nr));
  // A new version or a withdrawal tells who entered just as the entry does: sealed alike.
  return redactSasLog(state, log, actor).map((e) =>
    (e.type === "InschrijvingReceived" || e.type === "InschrijvingVervangen") && sealed.has(e.data.ronde)
      ? { ...e, actor: { rol: e.actor.rol, id: "verzegeld" }, data: { volgnummer: e.data.volgnummer, ronde: e.data.ronde, ontvangenOp: e.data.ontvangenOp, verzegeld: true } }
      : e.type === "InschrijvingIngetrokken" && sealed.has(e.data.ronde)
        ? { ...e, actor: { rol: e.actor.rol, id: "verzegeld" }, reden: undefined, data: { ronde: e.data.ronde, ingetrokkenOp: e.data.ingetrokkenOp, verzegeld: true } }
        : e,
  );
}

export function summaryOf(state: ProcedureState): Record<string, unknown> | null {
  if (state.status === "leeg") return null;
  const ronde = currentRonde(state);
  return {
    titel: state.titel,
    contractId: state.contractId,
    procedureType: state.procedureType,
    status: state.status,
    ronde: ronde?.nr ?? 0,
    publicatieAt: ronde?.publicatieAt ?? state.publicatieAt,
    sluitingAt: ronde?.sluitingAt ?? state.sluitingAt,
    aantalInschrijvingen: state.inschrijvingen.length,
    aantalVragen: state.vragen.length,
    ...(state.sas ? { sasFase: state.sas.fase } : {}),
  };
}
