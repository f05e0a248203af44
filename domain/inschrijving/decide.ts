import { formatInstantNl } from "../calendar";
import { toelatingscriteria } from "../catalogue";
import type { Actor, Rol } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import type { Beoordeling, Fase, InschrijvingDetails, InschrijvingEvent, InschrijvingState, Oordeel, Tekortkoming, Uitkomst } from "./entity";
import { answerFor, describeItem, itemsOf, type BeoordelingsItem } from "./items";

/**
 * Beoordeling rules for one inschrijving, pure: (state, command, now) -> events or a refusal.
 * Completeness first (inkoopkader 2017), then every toelatingscriterium pass/fail with a motivation,
 * hoor en wederhoor for what failed, a second judgement, and the uitkomst.
 */
export type InschrijvingCommand =
  | { type: "StartVolledigheidstoets"; actor: Actor; data: { aantalBeoordelaars: number; signalen: string[] } }
  | { type: "DeclareVolledig"; actor: Actor; data: { motivering: string } }
  | { type: "RequestHerstel"; actor: Actor; data: { ontbrekend: string[]; termijnEinde: string } }
  | { type: "SupplyHerstel"; actor: Actor; data: { aanvullingen: { item: string; documentRef: string; toelichting?: string }[] } }
  | { type: "ExpireHerstel"; actor: Actor }
  | { type: "JudgeCriterium"; actor: Actor; data: { item: string; oordeel: Oordeel; motivering: string } }
  | { type: "SettleOordeel"; actor: Actor; data: { item: string; oordeel: Oordeel; motivering: string } }
  | { type: "StartHoorEnWederhoor"; actor: Actor; data: { termijnEinde: string } }
  | { type: "ReplyHoorEnWederhoor"; actor: Actor; data: { toelichting: string; documenten: string[] } }
  | { type: "ExpireHoorEnWederhoor"; actor: Actor };

const roles: Record<InschrijvingCommand["type"], readonly Rol[]> = {
  StartVolledigheidstoets: ["systeem"],
  DeclareVolledig: ["inkoper"],
  RequestHerstel: ["inkoper"],
  SupplyHerstel: ["aanbieder"],
  ExpireHerstel: ["systeem"],
  JudgeCriterium: ["beoordelaar"],
  SettleOordeel: ["inkoper"],
  StartHoorEnWederhoor: ["inkoper", "beoordelaar"],
  ReplyHoorEnWederhoor: ["aanbieder"],
  ExpireHoorEnWederhoor: ["systeem"],
};

export function decideInschrijving(state: InschrijvingState, command: InschrijvingCommand, now: Date): InschrijvingEvent[] | Refusal {
  if (!roles[command.type].includes(command.actor.rol))
    return refuse("RolNietToegestaan", 403, `Deze handeling is niet toegestaan voor de rol ${command.actor.rol}.`);
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Deze inschrijving bestaat niet.");
  if (command.actor.rol === "aanbieder" && command.actor.kvk !== state.kvk)
    return refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen inschrijving bijwerken.");

  switch (command.type) {
    case "StartVolledigheidstoets": {
      if (state.status !== "ingediend") return [];
      const automatisch = automaticJudgements(state, now);
      return [{ type: "VolledigheidstoetsStarted", data: { signalen: command.data.signalen, automatischeOordelen: automatisch, aantalBeoordelaars: command.data.aantalBeoordelaars } }];
    }
    case "DeclareVolledig":
      if (state.status !== "volledigheidstoets") return refuse("OngeldigeInvoer", 409, "De volledigheid is al vastgesteld.");
      return [{ type: "VolledigVerklaard", data: command.data }];
    case "RequestHerstel": {
      if (state.status !== "volledigheidstoets") return refuse("OngeldigeInvoer", 409, "Herstel kan alleen tijdens de volledigheidstoets worden gevraagd.");
      if (command.data.ontbrekend.length === 0) return refuse("OngeldigeInvoer", 400, "Noem wat ontbreekt.", "ontbrekend");
      const known = new Set(itemsOf(state.inhoud).map((i) => i.key));
      const unknown = command.data.ontbrekend.findIndex((k) => !known.has(k));
      if (unknown >= 0) return refuse("OngeldigeInvoer", 400, `Onbekend onderdeel '${command.data.ontbrekend[unknown]}'.`, `ontbrekend.${unknown}`);
      if (new Date(command.data.termijnEinde) <= now) return refuse("OngeldigeInvoer", 400, "De hersteltermijn moet in de toekomst eindigen.", "termijnEinde");
      return [{ type: "HerstelRequested", data: command.data }];
    }
    case "SupplyHerstel": {
      if (state.status !== "herstel" || !state.herstel) return refuse("OngeldigeInvoer", 409, "Er loopt geen hersteltermijn voor deze inschrijving.");
      if (now >= new Date(state.herstel.termijnEinde))
        return refuse("TermijnVerstreken", 409, `De hersteltermijn is verstreken op ${formatInstantNl(new Date(state.herstel.termijnEinde), { seconden: true })}.`);
      const bad = command.data.aanvullingen.findIndex((a) => !state.herstel!.ontbrekend.includes(a.item));
      if (bad >= 0) return refuse("OngeldigeInvoer", 400, `Voor '${command.data.aanvullingen[bad]!.item}' is geen herstel gevraagd.`, `aanvullingen.${bad}.item`);
      return [{ type: "HerstelSupplied", data: { aanvullingen: command.data.aanvullingen.map((a) => ({ ...a, at: now.toISOString() })) } }];
    }
    case "ExpireHerstel": {
      if (state.status !== "herstel" || !state.herstel) return [];
      if (now < new Date(state.herstel.termijnEinde)) return refuse("NogNietGesloten", 409, "De hersteltermijn loopt nog.");
      const supplied = new Set(state.herstel.aanvullingen.map((a) => a.item));
      const volledig = state.herstel.ontbrekend.every((k) => supplied.has(k));
      const expired: InschrijvingEvent = { type: "HerstelTermijnVerstreken", data: { volledig } };
      if (volledig) return [expired];
      const missing = state.herstel.ontbrekend.filter((k) => !supplied.has(k));
      const uitkomst: Uitkomst = {
        soort: "uitgesloten",
        toegelatenProducten: [],
        nietToegelaten: [],
        redenen: missing.map((key) => ({ ...splitKey(key), item: key, motivering: "Na de hersteltermijn ontbreekt het gevraagde bewijsstuk nog steeds." })),
        naHoorEnWederhoor: false,
        toelichting: `De inschrijving is na de hersteltermijn nog onvolledig (${missing.map((k) => describeItem(splitKey(k) as BeoordelingsItem)).join("; ")}) en wordt daarom niet inhoudelijk beoordeeld.`,
      };
      return [expired, { type: "BeoordelingAfgerond", data: { uitkomst } }];
    }
    case "JudgeCriterium":
      return judge(state, command.actor, command.data, now);
    case "SettleOordeel": {
      const fase = currentFase(state);
      if (fase === null) return refuse("OngeldigeInvoer", 409, "Er loopt geen beoordeling.");
      if (verdict(state, command.data.item, fase) !== "onenig")
        return refuse("OngeldigeInvoer", 409, "Alleen een onderdeel waarover de beoordelaars het oneens zijn, wordt door de inkoper beslecht.", "item");
      if (command.data.motivering.trim().length < 5) return refuse("OngeldigeInvoer", 400, "Motiveer de beslissing.", "motivering");
      const settled: InschrijvingEvent = { type: "OordeelBeslecht", data: { ...command.data, door: command.actor.id, fase, at: now.toISOString() } };
      return [settled, ...afterJudgement(state, settled, fase)];
    }
    case "StartHoorEnWederhoor": {
      if (state.status !== "beoordeling" || !faseComplete(state, 1)) return refuse("OngeldigeInvoer", 409, "Hoor en wederhoor begint pas als elk criterium is beoordeeld.");
      const failures = tekortkomingen(state, 1);
      if (failures.length === 0) return refuse("OngeldigeInvoer", 409, "Deze aanbieder voldoet aan alle criteria; hoor en wederhoor is niet nodig.");
      if (new Date(command.data.termijnEinde) <= now) return refuse("OngeldigeInvoer", 400, "De termijn moet in de toekomst eindigen.", "termijnEinde");
      return [{ type: "HoorEnWederhoorStarted", data: { tekortkomingen: failures, termijnEinde: command.data.termijnEinde, gestartOp: now.toISOString() } }];
    }
    case "ReplyHoorEnWederhoor": {
      const h = state.hoorEnWederhoor;
      if (state.status !== "hoor-en-wederhoor" || !h) return refuse("OngeldigeInvoer", 409, "Er loopt geen hoor en wederhoor voor deze inschrijving.");
      if (now >= new Date(h.termijnEinde))
        return refuse("TermijnVerstreken", 409, `De termijn voor uw reactie is verstreken op ${formatInstantNl(new Date(h.termijnEinde), { seconden: true })}.`);
      if (command.data.toelichting.trim().length < 10) return refuse("OngeldigeInvoer", 400, "Licht uw reactie toe (minstens 10 tekens).", "toelichting");
      return [{ type: "HoorEnWederhoorReplied", data: { ...command.data, at: now.toISOString() } }];
    }
    case "ExpireHoorEnWederhoor": {
      const h = state.hoorEnWederhoor;
      if (state.status !== "hoor-en-wederhoor" || !h || h.verstreken) return [];
      if (now < new Date(h.termijnEinde)) return refuse("NogNietGesloten", 409, "De termijn voor hoor en wederhoor loopt nog.");
      const gereageerd = h.reacties.length > 0;
      const expired: InschrijvingEvent = { type: "HoorEnWederhoorTermijnVerstreken", data: { gereageerd } };
      if (gereageerd) return [expired];
      // No reply within the term: the shortcomings stand as judged.
      return [expired, { type: "BeoordelingAfgerond", data: { uitkomst: uitkomstOf(state, 1, true) } }];
    }
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

function splitKey(key: string): { criterium: string; productId?: string } {
  const [criterium, productId] = key.split(/:(.*)/s);
  return productId ? { criterium: criterium!, productId } : { criterium: criterium! };
}

/** Criterion 9 does not apply to micro-ondernemingen nor to aanbieders without volunteers (4.4.1). */
function automaticJudgements(state: InschrijvingDetails, now: Date): Beoordeling[] {
  return itemsOf(state.inhoud).flatMap((item) => {
    const answer = answerFor(state.inhoud, item);
    const criterium = toelatingscriteria.find((c) => c.code === item.criterium);
    if (answer?.verklaring !== "vrijgesteld" || !criterium) return [];
    const vrijstelling = criterium.vrijstellingen.find((v) => v.code === answer.vrijstelling);
    if (!vrijstelling) return [];
    return [
      {
        item: item.key,
        oordeel: "voldoet" as const,
        motivering: `Vrijgesteld (${vrijstelling.omschrijving}) op grond van de verklaring van de aanbieder; inkoopplan 4.4.1.`,
        beoordelaar: "inkoop",
        fase: 1 as const,
        at: now.toISOString(),
        automatisch: true,
      },
    ];
  });
}

/**
 * Hoor en wederhoor ends when the aanbieder has replied: the beoordelaars judge again at once; the term
 * only bounds the wait for a reply that does not come (issue 13, as the verlengingsronde's hearing does).
 */
function currentFase(state: InschrijvingDetails & { status: string }): Fase | null {
  if (state.status === "beoordeling") return 1;
  if (state.status === "herbeoordeling") return 2;
  if (state.status === "hoor-en-wederhoor" && (state.hoorEnWederhoor?.reacties.length ?? 0) > 0) return 2;
  return null;
}

/** The items to judge in a fase: all of them first, then only those that failed and were heard. */
function itemsInFase(state: InschrijvingDetails, fase: Fase): string[] {
  if (fase === 1) return itemsOf(state.inhoud).map((i) => i.key);
  return (state.hoorEnWederhoor?.tekortkomingen ?? []).map((t) => t.item);
}

type Verdict = Oordeel | "open" | "onenig";

function verdict(state: InschrijvingDetails, item: string, fase: Fase): Verdict {
  const settled = state.beslechtingen.find((b) => b.item === item && b.fase === fase);
  if (settled) return settled.oordeel;
  const judged = state.beoordelingen.filter((b) => b.item === item && b.fase === fase);
  if (judged.some((b) => b.automatisch)) return judged.find((b) => b.automatisch)!.oordeel;
  if (judged.length < state.aantalBeoordelaars) return "open";
  const oordelen = new Set(judged.map((b) => b.oordeel));
  return oordelen.size === 1 ? judged[0]!.oordeel : "onenig";
}

function faseComplete(state: InschrijvingDetails, fase: Fase): boolean {
  return itemsInFase(state, fase).every((item) => {
    const v = verdict(state, item, fase);
    return v === "voldoet" || v === "voldoet-niet";
  });
}

function motiveringOf(state: InschrijvingDetails, item: string, fase: Fase): string {
  const settled = state.beslechtingen.find((b) => b.item === item && b.fase === fase);
  if (settled) return settled.motivering;
  return state.beoordelingen
    .filter((b) => b.item === item && b.fase === fase && b.oordeel === "voldoet-niet")
    .map((b) => b.motivering)
    .join(" ");
}

function tekortkomingen(state: InschrijvingDetails, fase: Fase): Tekortkoming[] {
  return itemsInFase(state, fase)
    .filter((item) => verdict(state, item, fase) === "voldoet-niet")
    .map((item) => ({ item, ...splitKey(item), motivering: motiveringOf(state, item, fase) }));
}

/** Admitted per product: every organisation-wide criterion met and every criterion of that product met. */
function uitkomstOf(state: InschrijvingDetails, fase: Fase, naHoor: boolean): Uitkomst {
  const failures = fase === 1 ? tekortkomingen(state, 1) : tekortkomingen(state, 2);
  const orgFailures = failures.filter((f) => f.productId === undefined);
  const perProduct = state.inhoud.producten.map((productId) => ({ productId, redenen: failures.filter((f) => f.productId === productId) }));
  const toegelaten = orgFailures.length === 0 ? perProduct.filter((p) => p.redenen.length === 0).map((p) => p.productId) : [];
  const nietToegelaten = perProduct.filter((p) => p.redenen.length > 0 || orgFailures.length > 0);
  const soort = toegelaten.length > 0 ? "toegelaten" : "afgewezen";
  const toelichting =
    soort === "toegelaten"
      ? nietToegelaten.length === 0
        ? "De aanbieder voldoet aan alle toelatingscriteria voor alle producten waarvoor zij inschreef."
        : `De aanbieder voldoet aan de toelatingscriteria voor ${toegelaten.length} van de ${state.inhoud.producten.length} producten.`
      : "De aanbieder voldoet niet aan alle toelatingscriteria (knock-out, inkoopplan 4.4.1).";
  return { soort, toegelatenProducten: toegelaten, nietToegelaten, redenen: orgFailures, naHoorEnWederhoor: naHoor, toelichting };
}

function judge(state: InschrijvingState & InschrijvingDetails, actor: Actor, data: { item: string; oordeel: Oordeel; motivering: string }, now: Date): InschrijvingEvent[] | Refusal {
  const fase = currentFase(state);
  if (fase === null)
    return refuse("OngeldigeInvoer", 409, state.status === "afgerond" ? "De beoordeling van deze inschrijving is afgerond." : `Er valt nu niets te beoordelen (status: ${state.status}).`);
  if (!itemsInFase(state, fase).includes(data.item))
    return refuse("OngeldigeInvoer", 400, fase === 1 ? `Onbekend onderdeel '${data.item}'.` : `'${data.item}' hoort niet bij de herbeoordeling.`, "item");
  if (data.motivering.trim().length < 5) return refuse("OngeldigeInvoer", 400, "Elk oordeel heeft een motivering.", "motivering");
  const judged = state.beoordelingen.filter((b) => b.item === data.item && b.fase === fase);
  if (judged.some((b) => b.automatisch)) return refuse("OngeldigeInvoer", 409, "Dit criterium is vrijgesteld en hoeft niet te worden beoordeeld.", "item");
  if (judged.some((b) => b.beoordelaar === actor.id)) return refuse("AlIngeschreven", 409, "U heeft dit onderdeel al beoordeeld.", "item");
  if (judged.length >= state.aantalBeoordelaars) return refuse("OngeldigeInvoer", 409, "Dit onderdeel is al door het vereiste aantal beoordelaars beoordeeld.", "item");
  const event: InschrijvingEvent = { type: "CriteriumBeoordeeld", data: { ...data, beoordelaar: actor.id, fase, at: now.toISOString() } };
  return [event, ...afterJudgement(state, event, fase)];
}

/** When the last open item of a fase gets its verdict, the outcome follows without another command. */
function afterJudgement(state: InschrijvingState & InschrijvingDetails, event: InschrijvingEvent, fase: Fase): InschrijvingEvent[] {
  const next = applyJudgement(state, event);
  if (!faseComplete(next, fase)) return [];
  if (fase === 1 && tekortkomingen(next, 1).length > 0) return [];
  return [{ type: "BeoordelingAfgerond", data: { uitkomst: uitkomstOf(next, fase, fase === 2) } }];
}

function applyJudgement(state: InschrijvingDetails, event: InschrijvingEvent): InschrijvingDetails {
  if (event.type === "CriteriumBeoordeeld") return { ...state, beoordelingen: [...state.beoordelingen, event.data] };
  if (event.type === "OordeelBeslecht") return { ...state, beslechtingen: [...state.beslechtingen, event.data] };
  return state;
}

export const _internal = { verdict, tekortkomingen, faseComplete };
