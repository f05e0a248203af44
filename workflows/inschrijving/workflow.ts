import { HOOR_TERMIJN_TOELICHTING } from "../../domain/besluit/teksten";
import { werkdagenTermEnd } from "../../domain/calendar";
import { findContract, hoorEnWederhoorTekst } from "../../domain/catalogue";
import { auditView, mayReadInhoud } from "../../domain/inschrijving/access";
import { decideInschrijving, type InschrijvingCommand } from "../../domain/inschrijving/decide";
import { evolveInschrijving, initialInschrijvingState, type InschrijvingEvent, type InschrijvingState } from "../../domain/inschrijving/entity";
import { describeItem, volledigheidssignalen } from "../../domain/inschrijving/items";
import { redenOf } from "../../domain/procedure/documents";
import type { Recorded } from "../../domain/shared/audit";
import { SYSTEEM } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { herstelMail, hoorbriefMail } from "../../templates/mail";
import type { HoorbriefDocument } from "../../templates/types";
import type { EntityInput } from "../runtime/definitions";
import { renderDocument, sendNotification } from "../runtime/effects";
import { ActorOnly, DocumentRequest } from "../runtime/inputs";
import { Entity } from "../runtime/entity";
import { procedureType } from "../runtime/entity-types";
import { fail, parseOrRefuse } from "../runtime/refusal";
import { HerstelRequestSchema, HerstelSupplySchema, HoorReplySchema, HoorStartSchema, inschrijvingEntity, JudgeSchema, type InschrijvingView } from "./definition";


type State = InschrijvingState;
type E = InschrijvingEvent;
type Submitted = Extract<E, { type: "InschrijvingSubmitted" }>["data"];

/** The procedure's settings for this inschrijving, set when its beoordeling starts (old `ctx.get("termijnen")`). */
interface Termijnen {
  hoor: number;
  herstel: number;
  procedureTitel: string;
}

export interface StartBeoordelingInput {
  aantalBeoordelaars: number;
  procedureTitel: string;
  hoorTermijnWerkdagen: number;
  herstelTermijnWerkdagen: number;
}

function live(state: State): InschrijvingView {
  if (state.status === "leeg") fail(refuse("BestaatNiet", 404, "Deze inschrijving bestaat niet."));
  return state;
}

function procedureRef(state: InschrijvingView, titel: string) {
  const contract = findContract(state.contractId);
  return { id: state.procedureId, titel, contractNaam: contract?.naam ?? state.contractId, sectie: contract?.sectie ?? "" };
}

/**
 * One inschrijving, keyed `<procedureId>/<kvk>` (`/r<n>` for later rounds). Only the procedure creates
 * it; reads check the seal in the engine itself. After closing it carries its own beoordeling:
 * completeness, judgements, hoor en wederhoor with a durable term, and the uitkomst it reports back.
 */
export async function inschrijving(input: EntityInput<State, Recorded<E>>): Promise<void> {
  const entity = new Entity<State, E>({ initial: initialInschrijvingState, evolve: evolveInschrijving }, input);
  const key = entity.key;
  const { updates, queries } = inschrijvingEntity;

  const termijnen = (): Termijnen | undefined => entity.data.termijnen as Termijnen | undefined;
  const rule = (command: InschrijvingCommand) => (s: State, now: Date) => decideInschrijving(s, command, now);

  /** Decide and commit; a completed beoordeling is reported to the procedure (once: the message id is the event's). */
  async function run(command: InschrijvingCommand, reden?: string) {
    const result = entity.apply(rule(command), command.actor, reden);
    const done = result.events.find((e) => e.type === "BeoordelingAfgerond");
    if (done && done.type === "BeoordelingAfgerond" && result.state.status !== "leeg") {
      // A trajectory's toets (onderhands) reports to its trajectory; an Open House or SAS to its procedure.
      const meldAan = entity.data.meldAan as { type: string; key: string } | undefined;
      await entity.send(meldAan ? { type: meldAan.type } : procedureType, meldAan ? meldAan.key : result.state.procedureId, {
        name: "recordUitkomst",
        messageId: `inschrijving:${key}:uitkomst:${done.seq}`,
        input: { ronde: result.state.ronde, kvk: result.state.kvk, uitkomst: done.data.uitkomst },
      });
    }
    return result;
  }

  /** Created by the procedure with the submitted inschrijving; a second `store` changes nothing. */
  entity.internal<Submitted & { meldAan?: { type: string; key: string } }>("store", async ({ meldAan, ...data }) => {
    if (entity.state.status !== "leeg") return;
    if (meldAan) entity.data.meldAan = meldAan;
    entity.commit([{ type: "InschrijvingSubmitted", data }], { rol: "aanbieder", id: data.ontvangstbewijs.kvk, kvk: data.ontvangstbewijs.kvk });
  });

  /** Sent by the procedure before closing: a new version of the content, with its own receipt (issue 13). */
  entity.internal<{ ontvangstbewijs: Submitted["ontvangstbewijs"]; inhoud: Submitted["inhoud"] }>("vervang", async (data) => {
    const state = entity.state;
    if (state.status !== "ingediend" && state.status !== "ingetrokken") return;
    if (state.ontvangstbewijs.ontvangstbewijsId === data.ontvangstbewijs.ontvangstbewijsId) return;
    entity.commit([{ type: "InschrijvingVervangen", data }], { rol: "aanbieder", id: data.ontvangstbewijs.kvk, kvk: data.ontvangstbewijs.kvk }, "Nieuwe versie vóór het sluitingstijdstip");
  });

  /** Sent by the procedure before closing: the aanbieder withdrew; it is not judged. */
  entity.internal<{ ingetrokkenOp: string; toelichting?: string }>("trekIn", async (data) => {
    const state = entity.state;
    if (state.status !== "ingediend") return;
    entity.commit([{ type: "InschrijvingIngetrokken", data }], { rol: "aanbieder", id: state.kvk, kvk: state.kvk }, data.toelichting ?? "Ingetrokken vóór het sluitingstijdstip");
  });

  /** Sent by the procedure when the round closes (the runtime runs the creating `store` first). */
  entity.internal<StartBeoordelingInput>("startBeoordeling", async (i) => {
    entity.data.termijnen = { hoor: i.hoorTermijnWerkdagen, herstel: i.herstelTermijnWerkdagen, procedureTitel: i.procedureTitel } satisfies Termijnen;
    const state = live(entity.state);
    await run({ type: "StartVolledigheidstoets", actor: SYSTEEM, data: { aantalBeoordelaars: i.aantalBeoordelaars, signalen: volledigheidssignalen(state.inhoud) } });
  });

  const volledigCommand = (i: unknown): InschrijvingCommand => ({
    type: "DeclareVolledig",
    actor: parseOrRefuse(ActorOnly, i).actor,
    data: { motivering: String((i as { motivering?: unknown }).motivering ?? "") },
  });
  entity.update(updates.declareVolledig, {
    validate: (i) => void entity.decide(rule(volledigCommand(i))),
    handle: async (i) => {
      const command = volledigCommand(i);
      const { state } = await run(command, i.motivering);
      return live(state);
    },
  });

  const herstelCommand = (i: unknown) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const data = parseOrRefuse(HerstelRequestSchema, i);
    const termijnEinde = data.termijnEinde ?? werkdagenTermEnd(entity.now(), termijnen()?.herstel ?? 5).toISOString();
    return { type: "RequestHerstel", actor, data: { ontbrekend: data.ontbrekend, termijnEinde } } satisfies InschrijvingCommand;
  };
  entity.update(updates.requestHerstel, {
    validate: (i) => void entity.decide(rule(herstelCommand(i))),
    handle: async (i) => {
      const command = herstelCommand(i);
      const { termijnEinde, ontbrekend } = command.data;
      const { state, events } = await run(command);
      const s = live(state);
      if (events.length > 0) {
        entity.at("expireHerstel", termijnEinde);
        const items = ontbrekend.map((k) => describeItem({ key: k, criterium: k.split(":")[0]!, ...(k.includes(":") ? { productId: k.slice(k.indexOf(":") + 1) } : {}) }));
        await sendNotification(["inschrijving", key, "herstel", String(events[0]!.seq)], {
          to: [s.email],
          ...herstelMail({ naam: s.naam, procedureTitel: termijnen()?.procedureTitel ?? "", termijnEinde, ontbrekend: items }),
        });
      }
      return s;
    },
  });

  const supplyCommand = (i: unknown): InschrijvingCommand => ({ type: "SupplyHerstel", actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(HerstelSupplySchema, i) });
  entity.update(updates.supplyHerstel, {
    validate: (i) => void entity.decide(rule(supplyCommand(i))),
    handle: async (i) => live((await run(supplyCommand(i))).state),
  });

  /** The durable timer at the end of the hersteltermijn. */
  entity.internal("expireHerstel", async () => {
    await run({ type: "ExpireHerstel", actor: SYSTEEM }, "Hersteltermijn verstreken");
  });

  const judgeCommand = (type: "JudgeCriterium" | "SettleOordeel", i: unknown) => ({ type, actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(JudgeSchema, i) }) satisfies InschrijvingCommand;
  entity.update(updates.judge, {
    validate: (i) => void entity.decide(rule(judgeCommand("JudgeCriterium", i))),
    handle: async (i) => {
      const command = judgeCommand("JudgeCriterium", i);
      return live((await run(command, command.data.motivering)).state);
    },
  });
  entity.update(updates.settle, {
    validate: (i) => void entity.decide(rule(judgeCommand("SettleOordeel", i))),
    handle: async (i) => {
      const command = judgeCommand("SettleOordeel", i);
      return live((await run(command, command.data.motivering)).state);
    },
  });

  const hoorCommand = (i: unknown) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const data = parseOrRefuse(HoorStartSchema, i);
    const termijnEinde = data.termijnEinde ?? werkdagenTermEnd(entity.now(), termijnen()?.hoor ?? 10).toISOString();
    return { command: { type: "StartHoorEnWederhoor", actor, data: { termijnEinde } } satisfies InschrijvingCommand, gekozen: data.termijnEinde !== undefined };
  };
  entity.update(updates.startHoorEnWederhoor, {
    validate: (i) => void entity.decide(rule(hoorCommand(i).command)),
    handle: async (i) => {
      const { command, gekozen } = hoorCommand(i);
      const { actor } = command;
      const { termijnEinde } = command.data;
      const t = termijnen() ?? { hoor: 10, herstel: 5, procedureTitel: "" };
      const now = entity.now();
      const { state, events } = await run(command);
      const s = live(state);
      const started = events.find((e) => e.type === "HoorEnWederhoorStarted");
      if (!started || started.type !== "HoorEnWederhoorStarted") return s;
      entity.at("expireHoorEnWederhoor", termijnEinde);
      const brief: HoorbriefDocument = {
        kenmerk: `HW-${key}`,
        datum: now.toISOString(),
        aan: { naam: s.naam, kvk: s.kvk, email: s.email },
        procedure: procedureRef(s, t.procedureTitel),
        tekortkomingen: started.data.tekortkomingen.map((x) => redenOf(x, false)),
        termijnWerkdagen: gekozen ? 0 : t.hoor,
        termijnEinde,
        termijnToelichting: HOOR_TERMIJN_TOELICHTING,
        hoorEnWederhoorTekst,
        afzender: { naam: actor.id, rol: actor.rol },
      };
      const doc = await renderDocument({ kind: "hoorbrief", data: brief, bestandsnaam: `hoorbrief-${key.replace(/\//g, "-")}.pdf` }, now.toISOString());
      entity.commit([{ type: "DocumentToegevoegd", data: { document: doc, doel: "hoorbrief" } }], SYSTEEM);
      await sendNotification(["inschrijving", key, "hoorbrief", String(started.seq)], {
        to: [s.email],
        ...hoorbriefMail({ naam: s.naam, procedureTitel: t.procedureTitel, termijnEinde, aantal: started.data.tekortkomingen.length }),
        documenten: [doc],
      });
      return live(entity.state);
    },
  });

  const replyCommand = (i: unknown): InschrijvingCommand => ({ type: "ReplyHoorEnWederhoor", actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(HoorReplySchema, i) });
  entity.update(updates.replyHoorEnWederhoor, {
    validate: (i) => void entity.decide(rule(replyCommand(i))),
    handle: async (i) => live((await run(replyCommand(i))).state),
  });

  /** The durable timer at the end of the termijn for hoor en wederhoor. */
  entity.internal("expireHoorEnWederhoor", async () => {
    await run({ type: "ExpireHoorEnWederhoor", actor: SYSTEEM }, "Termijn hoor en wederhoor verstreken");
  });

  entity.query(queries.document, (i, now) => {
    const { actor, documentId } = parseOrRefuse(DocumentRequest, i);
    const state = live(entity.state);
    const denied = mayReadInhoud(actor, state, now);
    if (denied) fail(denied);
    const doc = state.documenten.find((d) => d.id === documentId);
    if (!doc) fail(refuse("BestaatNiet", 404, "Dit document hoort niet bij deze inschrijving."));
    return doc;
  });

  entity.query(queries.read, (i, now) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const state = live(entity.state);
    const denied = mayReadInhoud(actor, state, now);
    if (denied) fail(denied);
    return state;
  });

  /** Who did what and when is never sealed; the content inside the events is, until closing. */
  entity.query(queries.events, (i, now) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const state = live(entity.state);
    if (actor.rol === "aanbieder" && actor.kvk !== state.kvk) fail(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen inschrijvingen inzien."));
    return auditView(entity.log, mayReadInhoud(actor, state, now) === null);
  });

  return entity.run();
}
