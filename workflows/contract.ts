import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import {
  decideContract,
  evolveContract,
  huidigeTermijn,
  initialContractState,
  volgendeMoment,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
  type VoorstelSoort,
} from "../domain/contract/contract";
import { contractBesluitDocument, verlengingSignaalBericht } from "../domain/contract/documenten";
import { ActorSchema, SYSTEEM, type Actor } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { besluitAanOntvangerMail } from "../templates/mail";
import { aanbiederObject } from "./aanbieder";
import { besluitObject, type BesluitGenomenMessage } from "./besluit";
import { sendNotification } from "./effects";
import { applyDecision, loadLog, loadState } from "./event-log";
import { parseOrRefuse, refusalError } from "./refusal";
import { registerObject } from "./register";
import { scheduleWekker, storedWekker, takeWekker, wakeTarget, type WakeInput } from "./wekker";

const model = { initial: initialContractState, evolve: evolveContract };
const ActorOnly = z.object({ actor: ActorSchema });
const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
const instant = z.iso.datetime({ offset: true, error: "moet een tijdstip zijn zoals 2027-03-01T12:00:00+01:00" });
const datum = z.iso.date({ error: "moet een datum zijn zoals 2027-04-30" });

export const VoorstelSchema = z.object({
  soort: z.enum(["clientenstop", "opheffing-clientenstop", "ingebrekestelling", "ontbinding", "opzegging", "dringende-reden", "landelijk-beleid"], {
    error: "soort moet een van clientenstop, opheffing-clientenstop, ingebrekestelling, ontbinding, opzegging, dringende-reden of landelijk-beleid zijn",
  }),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
  termijnWerkdagen: z.number().int().min(1).max(250).optional(),
  termijnEinde: instant.optional(),
  einddatum: datum.optional(),
  grond: z.enum(["fusie-of-overname", "voldoet-niet-meer-aan-voorwaarden", "ernstige-fout"]).optional(),
});
export const VerbeteringSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });
export const OpzeggingSchema = z.object({ toelichting: z.string().max(4000).default(""), einddatum: datum.optional() });
/** Kept for the API route that existed before the full handhaving chain. */
export const OntbindingSchema = z.object({ actor: ActorSchema, motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });

const self = wakeTarget<ContractCommand>("contract");

function summary(state: ContractState): Record<string, unknown> {
  if (state.status === "leeg") return {};
  return { contractId: state.contractId, kvk: state.kvk, naam: state.naam, status: state.status, ingangsdatum: state.ingangsdatum, procedureId: state.procedureId };
}

/**
 * Applies a command, then keeps exactly one durable timer: the next moment the contract's rules want
 * to be woken (a verlengingssignaal, a term end, the end of an opzegging or ingebrekestelling).
 */
async function run(ctx: restate.ObjectContext, command: ContractCommand, reden?: string) {
  const result = await applyDecision<ContractState, ContractEvent>(ctx, model, (s, now) => decideContract(s, command, now), command.actor, reden);
  if (result.events.length > 0) {
    ctx.objectSendClient(registerObject, "contracten").upsert({ id: ctx.key, summary: summary(result.state) });
    await scheduleWekker(ctx, self, volgendeMoment(result.state));
  }
  return result;
}

function live(state: ContractState) {
  if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Dit contract bestaat niet."));
  return state;
}

function mayRead(state: ContractState, actor: Actor): void {
  const s = live(state);
  if (!regionRoles.includes(actor.rol) && actor.kvk !== s.kvk) throw refusalError(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen contracten inzien."));
}

function proposeCommand(actor: Actor, besluitId: string, v: z.infer<typeof VoorstelSchema>): ContractCommand {
  const b = { besluitId, motivering: v.motivering };
  switch (v.soort as VoorstelSoort) {
    case "clientenstop":
      return { type: "ProposeClientenstop", actor, data: b };
    case "opheffing-clientenstop":
      return { type: "ProposeOpheffingClientenstop", actor, data: b };
    case "ingebrekestelling":
      return { type: "ProposeIngebrekestelling", actor, data: { ...b, termijn: v.termijnEinde ? { einde: v.termijnEinde } : { werkdagen: v.termijnWerkdagen ?? 20 } } };
    case "ontbinding":
      return { type: "ProposeOntbinding", actor, data: b };
    case "opzegging":
      return { type: "ProposeOpzegging", actor, data: { ...b, ...(v.einddatum ? { einddatum: v.einddatum } : {}) } };
    case "dringende-reden":
      return { type: "ProposeBeeindigingDringendeReden", actor, data: { ...b, grond: v.grond ?? "ernstige-fout" } };
    case "landelijk-beleid":
      return { type: "ProposeBeeindigingLandelijkBeleid", actor, data: { ...b, ...(v.einddatum ? { einddatum: v.einddatum } : {}) } };
  }
}

async function proposeBesluit(ctx: restate.ObjectContext, actor: Actor, v: z.infer<typeof VoorstelSchema>): Promise<{ besluitId: string }> {
  const besluitId = `${v.soort === "ingebrekestelling" ? "IGS" : v.soort === "ontbinding" ? "ONT" : "CTR"}-${ctx.rand.uuidv4().slice(0, 8).toUpperCase()}`;
  const { state, events } = await run(ctx, proposeCommand(actor, besluitId, v), v.motivering);
  const s = live(state);
  const voorstel = s.lopend.find((x) => x.besluitId === besluitId);
  if (!voorstel || events.length === 0) throw new restate.TerminalError("voorstel niet vastgelegd", { errorCode: 500 });
  const aanbieder = await ctx.objectClient(aanbiederObject, s.kvk).get();
  const ontvanger = { naam: s.naam, kvk: s.kvk, ...(aanbieder?.email ? { email: aanbieder.email } : {}) };
  ctx.set(`ontvanger:${besluitId}`, ontvanger);
  const doc = contractBesluitDocument(s, voorstel, { datum: voorstel.at, auteur: actor, ontvanger });
  await ctx.objectClient(besluitObject, besluitId).voorleggen({
    auteur: actor,
    inhoud: { type: voorstel.besluitType, titel: doc.data.kop.titel, onderwerp: { soort: "contract", id: ctx.key }, procedureId: s.procedureId, ontvanger, samenvatting: doc.data.besluittekst },
    document: { ...doc, bestandsnaam: `${voorstel.soort}-${besluitId}.pdf` },
    procedureTitel: doc.data.kop.procedure.titel,
  });
  return { besluitId };
}

/**
 * The contract of one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`. It lives
 * through its looptijd by durable timers; handhaving and beëindiging go through besluiten of their
 * authority, reported back through `besluitGenomen`.
 */
export const contractObject = restate.object({
  name: "contract",
  handlers: {
    start: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, data: { contractId: string; kvk: string; naam: string; procedureId: string; besluitId: string; producten: string[]; ingangsdatum: string; aanloopMaanden?: number }) => {
        await run(ctx, { type: "StartContract", actor: SYSTEEM, data }, `Gunning ${data.besluitId}`);
      },
    ),

    /** The durable timer: only the latest scheduled one acts; an early one waits again. */
    wake: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext, input: WakeInput<ContractCommand>) => {
      if (!(await takeWekker(ctx, self, input))) return;
      const { state, events } = await run(ctx, { ...input.command, actor: SYSTEEM }, input.soort);
      if (events.length === 0) await scheduleWekker(ctx, self, volgendeMoment(state));
      const signaal = events.find((e) => e.type === "VerlengingSignaal");
      if (signaal?.type === "VerlengingSignaal" && state.status !== "leeg") {
        const bericht = verlengingSignaalBericht(signaal.data, state.contractId);
        await sendNotification(ctx, "verlengingssignaal", ["contract", ctx.key, "signaal", input.at], {
          to: [{ rol: "inkoop" }],
          subject: `${bericht.onderwerp} (${state.naam})`,
          text: `${bericht.tekst}\n\nAanbieder: ${state.naam} (KvK ${state.kvk}).`,
        });
      }
    }),

    /** The inkoper proposes a besluit about this contract: cliëntenstop, ingebrekestelling, ontbinding, opzegging, beëindiging. */
    propose: async (ctx: restate.ObjectContext, input: unknown): Promise<{ besluitId: string }> => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      return proposeBesluit(ctx, actor, parseOrRefuse(VoorstelSchema, input));
    },

    /** Kept route: ontbinding as before, now through the same besluit chain. */
    proposeOntbinding: async (ctx: restate.ObjectContext, input: unknown): Promise<{ besluitId: string }> => {
      const { actor, motivering } = parseOrRefuse(OntbindingSchema, input);
      return proposeBesluit(ctx, actor, { soort: "ontbinding", motivering });
    },

    /** The inkoper records that the aanbieder improved within the ingebrekestelling's term (4.4.2). */
    recordVerbetering: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { motivering } = parseOrRefuse(VerbeteringSchema, input);
      return live((await run(ctx, { type: "RecordVerbetering", actor, data: { motivering } }, motivering)).state);
    },

    /** The aanbieder gives notice (model contract 8.1/8.2): at least a calendar month, from the first of the next month. */
    opzeggen: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(OpzeggingSchema, input);
      const { state } = await run(ctx, { type: "OpzegDoorAanbieder", actor, data: { toelichting: data.toelichting, ...(data.einddatum ? { einddatum: data.einddatum } : {}) } }, data.toelichting || undefined);
      return live(state);
    },

    /** The outcome of a verlengingsronde for this contract (verlengd or niet-verlengd), from the round. */
    verlengingsbesluit: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, data: Extract<ContractCommand, { type: "RecordVerlengingsbesluit" }>["data"]) => {
        await run(ctx, { type: "RecordVerlengingsbesluit", actor: SYSTEEM, data }, data.motivering);
      },
    ),

    /** Reported by a besluit about this contract once its authority decided. */
    besluitGenomen: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext, m: BesluitGenomenMessage) => {
      const { state, events } = await run(ctx, { type: "VerwerkBesluit", actor: SYSTEEM, data: { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering } }, m.motivering || undefined);
      const ontvanger = await ctx.get<{ naam: string; email?: string }>(`ontvanger:${m.besluitId}`);
      ctx.clear(`ontvanger:${m.besluitId}`);
      if (!m.akkoord || events.length === 0 || !ontvanger?.email || state.status === "leeg") return;
      await sendNotification(ctx, "contractbesluit", ["contract", ctx.key, "besluit", m.besluitId], {
        to: [ontvanger.email],
        ...besluitAanOntvangerMail({ titel: "Besluit over uw overeenkomst", besluitId: m.besluitId, procedureTitel: `${state.contractId} (${state.naam})`, naam: ontvanger.naam, samenvatting: m.motivering || "Zie het besluit in de bijlage." }),
        documenten: m.document ? [m.document] : [],
      });
    }),

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = await loadState<ContractState>(ctx, initialContractState);
      mayRead(state, actor);
      const s = live(state);
      return { ...s, huidigeTermijn: huidigeTermijn(s.termijnen, new Date(await ctx.date.now())), volgendeWekker: await storedWekker(ctx) };
    }),

    /** For other entities: only whether it was ontbonden (4.4.2), nothing else. */
    ontbonden: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<boolean> => {
      const state = await loadState<ContractState>(ctx, initialContractState);
      return state.status === "ontbonden";
    }),

    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      mayRead(await loadState<ContractState>(ctx, initialContractState), actor);
      return loadLog<ContractEvent>(ctx);
    }),
  },
});
export type ContractObject = typeof contractObject;
