import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { werkdagenTermEnd } from "../domain/calendar";
import { rondeKey } from "../domain/contract/contract";
import { aanbiederVerlengingsbesluitDocument, rondeRef, verlengingsbesluitDocument } from "../domain/contract/documenten";
import {
  besluitIdVoorAanbieder,
  uitkomstenVan,
  decideRonde,
  evolveRonde,
  initialRondeState,
  volgendeRondeMoment,
  weigeringsRedenen,
  type RondeCommand,
  type RondeEvent,
  type RondeState,
} from "../domain/contract/verlengingsronde";
import { HOOR_TERMIJN_TOELICHTING } from "../domain/besluit/teksten";
import { ActorSchema, SYSTEEM } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { hoorbriefMail } from "../templates/mail";
import type { HoorbriefDocument } from "../templates/types";
import { aanbiederObject } from "./aanbieder";
import { besluitObject, type BesluitGenomenMessage } from "./besluit";
import { contractObject } from "./contract";
import { renderDocument, sendNotification } from "./effects";
import { applyDecision, loadLog, loadState } from "./event-log";
import { parseOrRefuse, refusalError } from "./refusal";
import { registerObject } from "./register";
import { scheduleWekker, takeWekker, wakeTarget, type WakeInput } from "./wekker";

const model = { initial: initialRondeState, evolve: evolveRonde };
const ActorOnly = z.object({ actor: ActorSchema });
const instant = z.iso.datetime({ offset: true, error: "termijnEinde moet een tijdstip zijn zoals 2027-03-01T12:00:00+01:00" });
export const OpenSchema = z.object({ contractId: z.string().min(1, { error: "contractId ontbreekt" }), termijnEinde: z.iso.date({ error: "termijnEinde moet een datum zijn zoals 2029-12-31" }) });
export const WeigeringSchema = z.object({
  kvk: z.string().regex(/^\d{8}$/, { error: "KvK-nummer moet uit precies 8 cijfers bestaan" }),
  reden: z.enum(["ondermaats-presteren", "geen-zorg-geleverd"], { error: "reden moet 'ondermaats-presteren' of 'geen-zorg-geleverd' zijn" }),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
});
export const HoorSchema = z.object({ kvk: z.string().regex(/^\d{8}$/), termijnEinde: instant.optional(), termijnWerkdagen: z.number().int().min(1).max(60).optional() });
export const ReplySchema = z.object({ toelichting: z.string({ error: "toelichting ontbreekt" }).max(8000), documenten: z.array(z.string().max(500)).max(50).default([]) });
export const ReassessSchema = z.object({ kvk: z.string().regex(/^\d{8}$/), besluit: z.enum(["handhaven", "intrekken"]), motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });
export const RondeBesluitSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000), evaluatie: z.string().max(8000).optional() });

type ContractSummary = { id: string; contractId?: string; kvk?: string; naam?: string; status?: string; ingangsdatum?: string };
const self = wakeTarget<RondeCommand>("verlengingsronde");

function live(state: RondeState) {
  if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze verlengingsronde bestaat niet."));
  return state;
}

async function run(ctx: restate.ObjectContext, command: RondeCommand, reden?: string) {
  const result = await applyDecision<RondeState, RondeEvent>(ctx, model, (s, now) => decideRonde(s, command, now), command.actor, reden);
  if (result.events.length > 0) await scheduleWekker(ctx, self, volgendeRondeMoment(result.state));
  return result;
}

async function contractsOf(ctx: restate.ObjectContext, contractId: string): Promise<ContractSummary[]> {
  const all = (await ctx.objectClient(registerObject, "contracten").list()) as ContractSummary[];
  return all.filter((c) => c.contractId === contractId && c.status === "actief" && c.kvk && c.ingangsdatum);
}

/** With the authority's akkoord every aanbieder gets its own verlengings- or niet-verlengingsbesluit, and its contract learns the outcome. */
async function issueUitkomsten(ctx: restate.ObjectContext, state: Exclude<RondeState, { status: "leeg" }>, now: Date) {
  if (!state.uitkomst) return;
  for (const u of state.uitkomst.uitkomsten) {
    const besluitId = besluitIdVoorAanbieder(state.uitkomst.besluitId, u.kvk);
    const aanbieder = await ctx.objectClient(aanbiederObject, u.kvk).get();
    const ontvanger = { naam: u.naam, kvk: u.kvk, ...(aanbieder?.email ? { email: aanbieder.email } : {}) };
    const doc = aanbiederVerlengingsbesluitDocument(state, u, { besluitId, datum: now.toISOString(), auteur: SYSTEEM, ontvanger, krachtens: state.uitkomst.besluitId });
    ctx.objectSendClient(besluitObject, besluitId).vaststellen({
      auteur: SYSTEEM,
      inhoud: {
        type: doc.besluitType,
        titel: doc.titel,
        onderwerp: { soort: "contract", id: `${state.contractId}/${u.kvk}` },
        ontvanger,
        samenvatting: doc.data.besluittekst,
        krachtens: state.uitkomst.besluitId,
        motivering: u.motivering ?? doc.data.motivering,
      },
      document: { kind: doc.kind, data: doc.data, bestandsnaam: `${doc.besluitType}-${besluitId}.pdf` },
      procedureTitel: doc.data.kop.procedure.titel,
    });
    ctx.objectSendClient(contractObject, `${state.contractId}/${u.kvk}`).verlengingsbesluit({
      besluitId,
      termijnEinde: state.termijnEinde,
      uitkomst: u.uitkomst,
      ...(u.reden ? { reden: u.reden } : {}),
      ...(u.motivering ? { motivering: u.motivering } : {}),
    });
  }
}

/**
 * A verlengingsronde per catalogue contract and term end (key `<contractId>/<termijnEinde>`): the
 * inkoper proposes individual refusals, each heard, and lays the general verlengingsbesluit before RWO.
 */
export const verlengingsrondeObject = restate.object({
  name: "verlengingsronde",
  handlers: {
    open: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { contractId, termijnEinde } = parseOrRefuse(OpenSchema, input);
      if (ctx.key !== rondeKey(contractId, termijnEinde)) throw refusalError(refuse("OngeldigeInvoer", 400, "De sleutel van de ronde past niet bij contract en termijneinde.", "termijnEinde"));
      const contracts = await contractsOf(ctx, contractId);
      const ingangsdatum = contracts[0]?.ingangsdatum ?? "";
      const aanbieders = contracts.filter((c) => c.ingangsdatum === ingangsdatum).map((c) => ({ kvk: c.kvk!, naam: c.naam ?? c.kvk! }));
      const { state } = await run(ctx, { type: "OpenRound", actor, data: { contractId, termijnEinde, ingangsdatum, aanbieders } });
      ctx.objectSendClient(registerObject, "verlengingsrondes").upsert({ id: ctx.key, summary: { contractId, termijnEinde, status: live(state).status, aanbieders: aanbieders.length } });
      return live(state);
    },

    proposeWeigering: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(WeigeringSchema, input);
      const s0 = live(await loadState<RondeState>(ctx, initialRondeState));
      const actief = (await contractsOf(ctx, s0.contractId)).map((c) => c.kvk!);
      return live((await run(ctx, { type: "ProposeWeigering", actor, data: { ...data, actief } }, data.motivering)).state);
    },

    startHoorEnWederhoor: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(HoorSchema, input);
      const now = new Date(await ctx.date.now());
      const termijnEinde = data.termijnEinde ?? werkdagenTermEnd(now, data.termijnWerkdagen ?? 10).toISOString();
      const { state, events } = await run(ctx, { type: "StartHoorEnWederhoor", actor, data: { kvk: data.kvk, termijnEinde } });
      const s = live(state);
      const w = s.weigeringen.find((x) => x.kvk === data.kvk);
      const aanbieder = await ctx.objectClient(aanbiederObject, data.kvk).get();
      if (!w || events.length === 0 || !aanbieder) return s;
      const brief: HoorbriefDocument = {
        kenmerk: `HW-${ctx.key}-${data.kvk}`,
        datum: now.toISOString(),
        aan: { naam: aanbieder.naam, kvk: aanbieder.kvk, email: aanbieder.email },
        procedure: rondeRef(s),
        tekortkomingen: [{ criteriumCode: "Verlenging", criteriumTitel: weigeringsRedenen[w.reden].omschrijving, motivering: `${w.motivering} (${weigeringsRedenen[w.reden].bron})`, naHoorEnWederhoor: false }],
        termijnWerkdagen: data.termijnEinde ? 0 : (data.termijnWerkdagen ?? 10),
        termijnEinde,
        termijnToelichting: HOOR_TERMIJN_TOELICHTING,
        hoorEnWederhoorTekst: "De regio is voornemens uw overeenkomst niet te verlengen. U kunt binnen de termijn uw zienswijze geven en aantonen dat de reden niet (meer) geldt.",
        afzender: { naam: actor.id, rol: actor.rol },
      };
      const doc = await renderDocument(ctx, { kind: "hoorbrief", data: brief, bestandsnaam: `hoorbrief-verlenging-${data.kvk}.pdf` }, now.toISOString());
      await sendNotification(ctx, "hoorbrief verlenging", ["verlengingsronde", ctx.key, "hoor", data.kvk], {
        to: [aanbieder.email],
        ...hoorbriefMail({ naam: aanbieder.naam, procedureTitel: brief.procedure.titel, termijnEinde, aantal: 1 }),
        documenten: [doc],
      });
      return s;
    },

    replyHoor: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(ReplySchema, input);
      return live((await run(ctx, { type: "ReplyHoor", actor, data })).state);
    },

    reassess: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(ReassessSchema, input);
      return live((await run(ctx, { type: "ReassessWeigering", actor, data }, data.motivering)).state);
    },

    proposeBesluit: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(RondeBesluitSchema, input);
      const besluitId = `VERL-${ctx.rand.uuidv4().slice(0, 8).toUpperCase()}`;
      const { state } = await run(ctx, { type: "ProposeBesluit", actor, data: { besluitId, ...data } }, data.motivering);
      const s = live(state);
      const uitkomsten = uitkomstenVan(s);
      const doc = verlengingsbesluitDocument(s, { besluitId, datum: new Date(await ctx.date.now()).toISOString(), auteur: actor, motivering: data.motivering, ...(data.evaluatie ? { evaluatie: data.evaluatie } : {}) }, uitkomsten);
      await ctx.objectClient(besluitObject, besluitId).voorleggen({
        auteur: actor,
        inhoud: { type: "verlenging", titel: doc.titel, onderwerp: { soort: "verlengingsronde", id: ctx.key }, samenvatting: doc.data.besluittekst },
        document: { kind: doc.kind, data: doc.data, bestandsnaam: `verlengingsbesluit-${besluitId}.pdf` },
        procedureTitel: doc.data.kop.procedure.titel,
      });
      return { besluitId };
    },

    besluitGenomen: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext, m: BesluitGenomenMessage) => {
      const { state, events } = await run(ctx, { type: "RecordBesluit", actor: SYSTEEM, data: { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering } }, m.motivering || undefined);
      if (events.some((e) => e.type === "UitkomstVastgesteld")) await issueUitkomsten(ctx, live(state), new Date(await ctx.date.now()));
    }),

    /** The durable timer: the end of a hearing, or the term end of the round. */
    wake: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext, input: WakeInput<RondeCommand>) => {
      if (!(await takeWekker(ctx, self, input))) return;
      const { state, events } = await run(ctx, { ...input.command, actor: SYSTEEM }, input.soort);
      if (events.length === 0) await scheduleWekker(ctx, self, volgendeRondeMoment(state));
    }),

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const s = live(await loadState<RondeState>(ctx, initialRondeState));
      if (actor.rol === "aanbieder") return { contractId: s.contractId, termijnEinde: s.termijnEinde, status: s.status, mijnWeigering: s.weigeringen.find((w) => w.kvk === actor.kvk) ?? null };
      return s;
    }),

    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      live(await loadState<RondeState>(ctx, initialRondeState));
      if (actor.rol === "aanbieder") throw refusalError(refuse("RolNietToegestaan", 403, "Het logboek van een verlengingsronde is voor de regio."));
      return loadLog<RondeEvent>(ctx);
    }),
  },
});
export type VerlengingsrondeObject = typeof verlengingsrondeObject;
