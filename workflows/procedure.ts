import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { sha256OfJson } from "../activities/hash";
import { findProduct } from "../domain/catalogue";
import type { BesluitDocumentSpec, BesluitInhoud } from "../domain/besluit/besluit";
import { HERSTEL_TERMIJN_TOELICHTING, HOOR_TERMIJN_TOELICHTING } from "../domain/besluit/teksten";
import { InschrijvingInputSchema, type Ontvangstbewijs } from "../domain/inschrijving/inschrijving";
import type { Uitkomst } from "../domain/inschrijving/entity";
import { decide, type ProcedureCommand } from "../domain/procedure/decide";
import {
  algemeenBesluitDocument,
  besluitvoorstelDocument,
  ingangsdatumOf,
  notaDocument,
  procedureRef,
  procesVerbaalDocument,
  uitkomstBesluitDocument,
} from "../domain/procedure/documents";
import {
  currentRonde,
  evolve,
  initialProcedureState,
  ProcedureInputSchema,
  type ProcedureEvent,
  type ProcedureState,
  type ProcesVerbaal,
} from "../domain/procedure/procedure";
import { ActorSchema, SYSTEEM, type Actor } from "../domain/shared/actor";
import { KvkSchema } from "../domain/shared/kvk";
import { refuse } from "../domain/shared/refusal";
import { heropeningMail, notaMail, stopzettingMail } from "../templates/mail";
import type { StoredDocument } from "../templates/types";
import { aanbiederObject } from "./aanbieder";
import { besluitObject, type BesluitGenomenMessage } from "./besluit";
import { contractObject } from "./contract";
import { renderDocument } from "./effects";
import { applyDecision, loadLog, loadState } from "./event-log";
import { inschrijvingObject } from "./inschrijving";
import { parseOrRefuse, refusalError } from "./refusal";
import { registerObject } from "./register";

const model = { initial: initialProcedureState, evolve };
type Live = Exclude<ProcedureState, { status: "leeg" }>;

const CreateSchema = z.object({ actor: ActorSchema, procedure: ProcedureInputSchema });
const ActorOnly = z.object({ actor: ActorSchema });
const SubmitSchema = z.object({ actor: ActorSchema, kvk: KvkSchema, inschrijving: InschrijvingInputSchema });
export const VraagSchema = z.object({ vraag: z.string({ error: "vraag ontbreekt" }).max(4000, { error: "vraag is te lang" }) });
export const AntwoordSchema = z.object({ nr: z.number().int().positive(), antwoord: z.string({ error: "antwoord ontbreekt" }).max(8000) });
export const VoorstelSchema = z.object({ toelichting: z.string({ error: "toelichting ontbreekt" }).max(8000) });
const instant = (veld: string) => z.iso.datetime({ offset: true, error: `${veld} moet een tijdstip zijn zoals 2026-03-01T12:00:00+01:00` });
export const HeropeningSchema = z.object({
  reden: z.enum(["nieuw-product", "capaciteitstekort"], { error: "reden moet 'nieuw-product' of 'capaciteitstekort' zijn" }),
  producten: z.array(z.string().min(1)).min(1, { error: "kies minstens één product" }),
  motivering: z.string({ error: "motivering ontbreekt" }).max(8000),
  publicatieAt: instant("publicatieAt"),
  sluitingAt: instant("sluitingAt"),
});
export const StopzettingSchema = z.object({ motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });
const DocumentRequest = z.object({ actor: ActorSchema, documentId: z.string() });

const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];

function live(state: ProcedureState): Live {
  if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
  return state;
}

async function run(ctx: restate.ObjectContext, command: ProcedureCommand, reden?: string) {
  const result = await applyDecision<ProcedureState, ProcedureEvent>(ctx, model, (s, now) => decide(s, command, now), command.actor, reden);
  if (result.events.length > 0) ctx.objectSendClient(registerObject, "procedures").upsert({ id: ctx.key, summary: summaryOf(result.state) });
  return result;
}

function append(ctx: restate.ObjectContext, events: ProcedureEvent[]) {
  return applyDecision<ProcedureState, ProcedureEvent>(ctx, model, () => events, SYSTEEM);
}

function summaryOf(state: ProcedureState): Record<string, unknown> {
  if (state.status === "leeg") return {};
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
  };
}

/**
 * What a caller may see of a procedure. Before a round's closing instant even the region sees only how
 * many inschrijvingen arrived in it, not from whom; an aanbieder only ever sees its own.
 */
function viewFor(state: ProcedureState, actor: Actor, now: number) {
  const s = live(state);
  const { inschrijvingen, procesVerbaal, vragen, rondes, ...rest } = s;
  const sealedRounds = new Set(rondes.filter((r) => now < new Date(r.sluitingAt).getTime()).map((r) => r.nr));
  const region = regionRoles.includes(actor.rol);
  const visible = region ? inschrijvingen.filter((a) => !sealedRounds.has(a.ronde)) : inschrijvingen.filter((a) => a.kvk === actor.kvk);
  const ronde = currentRonde(s);
  return {
    ...rest,
    verzegeld: ronde ? sealedRounds.has(ronde.nr) : false,
    aantalInschrijvingen: inschrijvingen.length,
    inschrijvingen: visible,
    rondes: rondes.map(({ uitkomsten, procesVerbaal: pv, ...r }) => ({
      ...r,
      aantalInschrijvingen: inschrijvingen.filter((a) => a.ronde === r.nr).length,
      aantalBeoordeeld: Object.keys(uitkomsten).length,
      uitkomsten: region ? uitkomsten : Object.fromEntries(Object.entries(uitkomsten).filter(([kvk]) => kvk === actor.kvk)),
      procesVerbaalBeschikbaar: pv !== undefined,
    })),
    vragen: vragen
      .filter((v) => region || v.nota !== undefined || v.kvk === actor.kvk)
      .map(({ kvk, ...v }) => (region || kvk === actor.kvk ? { ...v, eigenVraag: kvk === actor.kvk, ...(region ? { kvk } : {}) } : v)),
    procesVerbaalBeschikbaar: procesVerbaal !== undefined,
    toelichtingen: { hoorEnWederhoorTermijn: HOOR_TERMIJN_TOELICHTING, herstelTermijn: HERSTEL_TERMIJN_TOELICHTING },
    documenten: s.documenten.filter((d) => mayReadDocument(d.doel, actor)).map((d) => ({ ...d.document, doel: d.doel, ...(d.ronde ? { ronde: d.ronde } : {}) })),
  };
}

function mayReadDocument(doel: string, actor: Actor): boolean {
  if (doel === "nota-van-inlichtingen") return true;
  return regionRoles.includes(actor.rol);
}

function scheduleClosing(ctx: restate.ObjectContext, sluitingAt: string, now: number): void {
  const delay = Math.max(0, new Date(sluitingAt).getTime() - now);
  ctx.objectSendClient(procedureObject, ctx.key).close(restate.rpc.sendOpts({ delay }));
}

/** After a round closes: the proces-verbaal as PDF, and every inschrijving of the round starts its beoordeling. */
async function afterClosing(ctx: restate.ObjectContext, state: Live, pv: ProcesVerbaal) {
  const doc = await renderDocument(ctx, { kind: "proces-verbaal", data: procesVerbaalDocument(state, pv), bestandsnaam: `proces-verbaal-${ctx.key}-ronde-${pv.ronde}.pdf` }, pv.opgemaaktOp);
  await append(ctx, [{ type: "DocumentToegevoegd", data: { document: doc, doel: "proces-verbaal", ronde: pv.ronde } }]);
  for (const arrival of pv.inschrijvingen)
    ctx.objectSendClient(inschrijvingObject, arrival.inschrijvingId).startBeoordeling({
      aantalBeoordelaars: state.instellingen.aantalBeoordelaarsPerCriterium,
      procedureTitel: state.titel,
      hoorTermijnWerkdagen: state.instellingen.hoorEnWederhoorTermijnWerkdagen,
      herstelTermijnWerkdagen: state.instellingen.herstelTermijnWerkdagen,
    });
}

async function registeredAanbieders(ctx: restate.ObjectContext): Promise<{ kvk: string; naam: string; email: string }[]> {
  const list = (await ctx.objectClient(registerObject, "aanbieders").list()) as { kvk?: string; naam?: string; email?: string }[];
  return list.filter((a): a is { kvk: string; naam: string; email: string } => typeof a.email === "string" && typeof a.kvk === "string");
}

async function proposeBesluit(ctx: restate.ObjectContext, actor: Actor, besluitId: string, state: Live, inhoud: BesluitInhoud, document: BesluitDocumentSpec) {
  await ctx.objectClient(besluitObject, besluitId).voorleggen({ auteur: actor, inhoud, document, procedureTitel: state.titel });
}

function newBesluitId(ctx: restate.ObjectContext, prefix: string): string {
  return `${prefix}-${ctx.rand.uuidv4().slice(0, 8).toUpperCase()}`;
}

/** With the authority's akkoord, each aanbieder of the round gets its own besluit, and the admitted ones a contract. */
async function issueUitkomstBesluiten(ctx: restate.ObjectContext, state: Live, ronde: number, voorstelId: string, now: Date) {
  const r = state.rondes.find((x) => x.nr === ronde);
  if (!r) return;
  const ingangsdatum = ingangsdatumOf(state, now);
  for (const arrival of state.inschrijvingen.filter((a) => a.ronde === ronde)) {
    const uitkomst: Uitkomst | undefined = r.uitkomsten[arrival.kvk];
    if (!uitkomst) continue;
    const besluitId = `${voorstelId}-${arrival.kvk}`;
    const ontvanger = { naam: arrival.naam, kvk: arrival.kvk, email: arrival.email };
    const doc = uitkomstBesluitDocument(state, { besluitId, datum: now.toISOString(), auteur: SYSTEEM, ontvanger, uitkomst, krachtens: voorstelId, ingangsdatum });
    const toegelaten = uitkomst.soort === "toegelaten";
    ctx.objectSendClient(besluitObject, besluitId).vaststellen({
      auteur: SYSTEEM,
      inhoud: {
        type: toegelaten ? "toelating" : "afwijzing",
        titel: toegelaten ? "Toelatingsbesluit" : "Afwijzingsbesluit",
        onderwerp: { soort: "procedure", id: ctx.key, ronde },
        procedureId: ctx.key,
        ontvanger,
        samenvatting: toegelaten
          ? `U bent toegelaten voor ${uitkomst.toegelatenProducten.length} product(en): ${uitkomst.toegelatenProducten.map((p) => findProduct(p)?.naam ?? p).join(", ")}. Het contract gaat in op ${ingangsdatum}.`
          : uitkomst.toelichting,
        krachtens: voorstelId,
        motivering: uitkomst.toelichting,
      },
      document: { ...doc, bestandsnaam: `${doc.kind}-${besluitId}.pdf` } as BesluitDocumentSpec,
      procedureTitel: state.titel,
    });
    if (toegelaten)
      ctx.objectSendClient(contractObject, `${state.contractId}/${arrival.kvk}`).start({
        contractId: state.contractId,
        kvk: arrival.kvk,
        naam: arrival.naam,
        procedureId: ctx.key,
        besluitId,
        producten: uitkomst.toegelatenProducten,
        ingangsdatum,
      });
  }
}

/**
 * An Open House procedure, keyed by procedure id. Commands are exclusive handlers that run the pure
 * rules in domain/procedure; each round closes by a delayed message to itself at its closing instant;
 * besluiten go to their authority and report back through `besluitGenomen`.
 */
export const procedureObject = restate.object({
  name: "procedure",
  handlers: {
    create: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor, procedure } = parseOrRefuse(CreateSchema, input);
      const { state } = await run(ctx, { type: "CreateProcedure", actor, data: { ...procedure, id: ctx.key } });
      return viewFor(state, actor, await ctx.date.now());
    },

    publish: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { state, events } = await run(ctx, { type: "PublishProcedure", actor });
      if (events.length > 0) scheduleClosing(ctx, live(state).sluitingAt, await ctx.date.now());
      return viewFor(state, actor, await ctx.date.now());
    },

    submitInschrijving: restate.handlers.object.exclusive(
      { idempotencyRetention: { days: 30 } },
      async (ctx: restate.ObjectContext, input: unknown): Promise<Ontvangstbewijs> => {
        const { actor, kvk, inschrijving } = parseOrRefuse(SubmitSchema, input);
        const before = await loadState<ProcedureState>(ctx, initialProcedureState);
        const aanbieder = await ctx.objectClient(aanbiederObject, kvk).get();
        const ontbonden = before.status === "leeg" ? false : await ctx.objectClient(contractObject, `${before.contractId}/${kvk}`).ontbonden();
        const ontvangstbewijsId = ctx.rand.uuidv4();
        const sha256 = await ctx.run("hash inschrijving", () => sha256OfJson({ procedureId: ctx.key, kvk, inschrijving }));
        const { state, events } = await run(ctx, { type: "SubmitInschrijving", actor, data: { aanbieder, ontbonden, kvk, inschrijving, ontvangstbewijsId, sha256 } });
        const s = live(state);
        const received = events.find((e) => e.type === "InschrijvingReceived");
        if (!received || received.type !== "InschrijvingReceived") throw new restate.TerminalError("Inschrijving niet geregistreerd", { errorCode: 500 });
        const ronde = s.rondes.find((r) => r.nr === received.data.ronde)!;
        const ontvangstbewijs: Ontvangstbewijs = {
          inschrijvingId: received.data.inschrijvingId,
          procedureId: ctx.key,
          kvk,
          ontvangstbewijsId,
          ontvangenOp: received.data.ontvangenOp,
          sha256,
        };
        await ctx.objectClient(inschrijvingObject, ontvangstbewijs.inschrijvingId).store({
          ontvangstbewijs,
          naam: received.data.naam,
          email: received.data.email,
          contractId: s.contractId,
          sluitingAt: ronde.sluitingAt,
          ronde: ronde.nr,
          inhoud: inschrijving,
        });
        const closed = events.find((e) => e.type === "ProcedureClosed");
        if (closed?.type === "ProcedureClosed") await afterClosing(ctx, s, closed.data.procesVerbaal);
        return ontvangstbewijs;
      },
    ),

    /** Sent by the procedure to itself at the closing instant of the current round. */
    close: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext): Promise<void> => {
      const current = await loadState<ProcedureState>(ctx, initialProcedureState);
      if (current.status === "leeg") return;
      const ronde = currentRonde(current);
      if (!ronde || ronde.status !== "open") return;
      const now = await ctx.date.now();
      // A message may arrive a hair early: wait again rather than refuse.
      if (now < new Date(ronde.sluitingAt).getTime()) return scheduleClosing(ctx, ronde.sluitingAt, now);
      const { state, events } = await run(ctx, { type: "CloseProcedure", actor: SYSTEEM }, "Sluitingstijdstip bereikt");
      const closed = events.find((e) => e.type === "ProcedureClosed");
      if (closed?.type === "ProcedureClosed") await afterClosing(ctx, live(state), closed.data.procesVerbaal);
    }),

    askQuestion: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { vraag } = parseOrRefuse(VraagSchema, input);
      const aanbieder = actor.kvk ? await ctx.objectClient(aanbiederObject, actor.kvk).get() : null;
      const { events } = await run(ctx, { type: "AskQuestion", actor, data: { aanbieder, vraag } });
      const asked = events[0];
      return asked?.type === "VraagGesteld" ? { nr: asked.data.nr, gesteldOp: asked.data.gesteldOp } : null;
    },

    answerQuestion: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(AntwoordSchema, input);
      const { state } = await run(ctx, { type: "AnswerQuestion", actor, data });
      return viewFor(state, actor, await ctx.date.now()).vragen;
    },

    publishNotaVanInlichtingen: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { state, events } = await run(ctx, { type: "PublishNotaVanInlichtingen", actor });
      const published = events[0];
      if (published?.type !== "NotaVanInlichtingenGepubliceerd") throw new restate.TerminalError("Nota niet gepubliceerd", { errorCode: 500 });
      const s = live(state);
      const doc = await renderDocument(
        ctx,
        { kind: "nota-van-inlichtingen", data: notaDocument(s, published.data.nummer, published.data.datum), bestandsnaam: `nota-van-inlichtingen-${published.data.nummer}-${ctx.key}.pdf` },
        published.data.datum,
      );
      await append(ctx, [{ type: "DocumentToegevoegd", data: { document: doc, doel: "nota-van-inlichtingen", nummer: published.data.nummer } }]);
      for (const a of await registeredAanbieders(ctx))
        ctx.objectSendClient(aanbiederObject, a.kvk).notify({
          naam: `nota ${published.data.nummer}`,
          idParts: ["procedure", ctx.key, "nota", String(published.data.nummer), a.kvk],
          ...notaMail({ procedureTitel: s.titel, nummer: published.data.nummer }),
          documenten: [doc],
        });
      return { nummer: published.data.nummer, document: doc };
    },

    recordUitkomst: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, input: { ronde: number; kvk: string; uitkomst: Uitkomst }) => {
        await run(ctx, { type: "RecordUitkomst", actor: SYSTEEM, data: input });
      },
    ),

    proposeGunning: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { toelichting } = parseOrRefuse(VoorstelSchema, input);
      const besluitId = newBesluitId(ctx, "GUN");
      const { state } = await run(ctx, { type: "ProposeGunning", actor, data: { besluitId, toelichting } }, toelichting);
      const s = live(state);
      const ronde = s.rondes.find((r) => r.nr === (s.lopendBesluit?.soort === "gunning" ? s.lopendBesluit.ronde : -1))!;
      const datum = new Date(await ctx.date.now()).toISOString();
      await proposeBesluit(ctx, actor, besluitId, s, {
        type: "akkoord-gunning",
        titel: "Voorstel akkoord gunning",
        onderwerp: { soort: "procedure", id: ctx.key, ronde: ronde.nr },
        procedureId: ctx.key,
        samenvatting: `Toe te laten: ${Object.values(ronde.uitkomsten).filter((u) => u.soort === "toegelaten").length}; af te wijzen: ${Object.values(ronde.uitkomsten).filter((u) => u.soort !== "toegelaten").length} (ronde ${ronde.nr}).`,
      }, { kind: "besluitvoorstel", data: besluitvoorstelDocument(s, ronde, { besluitId, datum, auteur: actor, toelichting }), bestandsnaam: `besluitvoorstel-${besluitId}.pdf` });
      return { besluitId };
    },

    proposeHeropening: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const data = parseOrRefuse(HeropeningSchema, input);
      const besluitId = newBesluitId(ctx, "HER");
      const { state } = await run(ctx, { type: "ProposeHeropening", actor, data: { besluitId, ...data } }, data.motivering);
      const s = live(state);
      const datum = new Date(await ctx.date.now()).toISOString();
      const producten = data.producten.map((p) => findProduct(p)?.naam ?? p);
      const reden = data.reden === "nieuw-product" ? "een nieuw product" : "een aangetoond capaciteitstekort (niet-dekkend zorglandschap)";
      await proposeBesluit(ctx, actor, besluitId, s, {
        type: "heropening",
        titel: "Besluit heropenen Open House",
        onderwerp: { soort: "procedure", id: ctx.key },
        procedureId: ctx.key,
        samenvatting: `Heropenen wegens ${reden} voor: ${producten.join(", ")}.`,
      }, {
        kind: "algemeen-besluit",
        data: algemeenBesluitDocument(procedureRef(s), {
          besluitId,
          type: "heropening",
          titel: "Besluit heropenen Open House (wezenlijke wijziging)",
          datum,
          auteur: actor,
          besluittekst: `Het Open House "${s.titel}" wordt heropend wegens ${reden}, voor de producten: ${producten.join(", ")}. Inschrijven kan tot ${data.sluitingAt}.`,
          motivering: data.motivering,
          gevolgen: [
            "Elke aanbieder die aan de toelatingscriteria voldoet, kan voor deze producten inschrijven (inkoopplan 5.1).",
            "Een aanbieder van wie het contract is ontbonden, kan niet opnieuw toetreden (inkoopplan 4.4.2).",
            "Gewijzigde voorwaarden gelden voor alle aanbieders (inkoopplan 5.1).",
          ],
        }),
        bestandsnaam: `besluit-heropening-${besluitId}.pdf`,
      });
      return { besluitId };
    },

    proposeStopzetting: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const { motivering } = parseOrRefuse(StopzettingSchema, input);
      const besluitId = newBesluitId(ctx, "STOP");
      const { state } = await run(ctx, { type: "ProposeStopzetting", actor, data: { besluitId, motivering } }, motivering);
      const s = live(state);
      const datum = new Date(await ctx.date.now()).toISOString();
      await proposeBesluit(ctx, actor, besluitId, s, {
        type: "stopzetten-procedure",
        titel: "Besluit stopzetten aanbestedingsprocedure",
        onderwerp: { soort: "procedure", id: ctx.key },
        procedureId: ctx.key,
        samenvatting: `Voorstel de procedure "${s.titel}" stop te zetten.`,
      }, {
        kind: "algemeen-besluit",
        data: algemeenBesluitDocument(procedureRef(s), {
          besluitId,
          type: "stopzetten-procedure",
          titel: "Besluit stopzetten aanbestedingsprocedure",
          datum,
          auteur: actor,
          besluittekst: `De procedure "${s.titel}" wordt stopgezet.`,
          motivering,
          gevolgen: ["Lopende inschrijvingen worden niet verder beoordeeld.", "Er volgt geen gunning in deze procedure.", "Alle aanbieders die inschreven of vragen stelden, worden geïnformeerd."],
        }),
        bestandsnaam: `besluit-stopzetting-${besluitId}.pdf`,
      });
      return { besluitId };
    },

    /** Reported by a besluit about this procedure once its authority decided. */
    besluitGenomen: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext, m: BesluitGenomenMessage) => {
      const before = await loadState<ProcedureState>(ctx, initialProcedureState);
      if (before.status === "leeg" || before.lopendBesluit?.besluitId !== m.besluitId) return;
      const lopend = before.lopendBesluit;
      const reden = m.motivering || undefined;
      const now = new Date(await ctx.date.now());
      if (lopend.soort === "gunning") {
        const { state } = await run(ctx, { type: "RecordGunningBesluit", actor: SYSTEEM, data: m }, reden);
        if (m.akkoord) await issueUitkomstBesluiten(ctx, live(state), lopend.ronde, m.besluitId, now);
      } else if (lopend.soort === "heropening") {
        const { state, events } = await run(ctx, { type: "RecordHeropeningBesluit", actor: SYSTEEM, data: m }, reden);
        const opened = events.find((e) => e.type === "RondeGeopend");
        if (opened?.type === "RondeGeopend") {
          scheduleClosing(ctx, opened.data.sluitingAt, now.getTime());
          const s = live(state);
          for (const a of await registeredAanbieders(ctx))
            ctx.objectSendClient(aanbiederObject, a.kvk).notify({
              naam: "heropening",
              idParts: ["procedure", ctx.key, "heropening", String(opened.data.nr), a.kvk],
              ...heropeningMail({ procedureTitel: s.titel, sluitingAt: opened.data.sluitingAt, producten: opened.data.producten.map((p) => findProduct(p)?.naam ?? p) }),
              documenten: m.document ? [m.document] : [],
            });
        }
      } else {
        const { state } = await run(ctx, { type: "RecordStopzettingBesluit", actor: SYSTEEM, data: m }, reden);
        const s = live(state);
        if (m.akkoord) {
          const involved = new Set([...s.inschrijvingen.map((a) => a.kvk), ...s.vragen.map((v) => v.kvk)]);
          for (const kvk of involved)
            ctx.objectSendClient(aanbiederObject, kvk).notify({
              naam: "stopzetting",
              idParts: ["procedure", ctx.key, "stopzetting", kvk],
              ...stopzettingMail({ procedureTitel: s.titel }),
              documenten: m.document ? [m.document] : [],
            });
        }
      }
    }),

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      return viewFor(await loadState<ProcedureState>(ctx, initialProcedureState), actor, await ctx.date.now());
    }),

    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = live(await loadState<ProcedureState>(ctx, initialProcedureState));
      if (!regionRoles.includes(actor.rol)) throw refusalError(refuse("RolNietToegestaan", 403, "Het logboek van een procedure is alleen voor de regio in te zien."));
      // Who entered a round is part of the seal: until its closing instant the log shows only that something arrived.
      const now = await ctx.date.now();
      const sealed = new Set(state.rondes.filter((r) => now < new Date(r.sluitingAt).getTime()).map((r) => r.nr));
      return (await loadLog<ProcedureEvent>(ctx)).map((e) =>
        e.type === "InschrijvingReceived" && sealed.has(e.data.ronde)
          ? { ...e, actor: { rol: e.actor.rol, id: "verzegeld" }, data: { volgnummer: e.data.volgnummer, ronde: e.data.ronde, ontvangenOp: e.data.ontvangenOp, verzegeld: true } }
          : e,
      );
    }),

    procesVerbaal: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = live(await loadState<ProcedureState>(ctx, initialProcedureState));
      if (!regionRoles.includes(actor.rol)) throw refusalError(refuse("RolNietToegestaan", 403, "Het proces-verbaal is alleen voor de regio in te zien."));
      if (!state.procesVerbaal) throw refusalError(refuse("NogNietGesloten", 409, "Het proces-verbaal wordt opgemaakt bij het sluiten van de procedure."));
      return state.procesVerbaal;
    }),

    /** The engine decides who may download a document listed on this procedure. */
    document: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown): Promise<StoredDocument> => {
      const { actor, documentId } = parseOrRefuse(DocumentRequest, input);
      const state = live(await loadState<ProcedureState>(ctx, initialProcedureState));
      const entry = state.documenten.find((d) => d.document.id === documentId);
      if (!entry) throw refusalError(refuse("BestaatNiet", 404, "Dit document hoort niet bij deze procedure."));
      if (!mayReadDocument(entry.doel, actor)) throw refusalError(refuse("RolNietToegestaan", 403, "U heeft geen toegang tot dit document."));
      return entry.document;
    }),
  },
});
export type ProcedureObject = typeof procedureObject;
