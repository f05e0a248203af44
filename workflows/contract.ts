import * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { decideContract, evolveContract, huidigeTermijn, initialContractState, type ContractEvent, type ContractState } from "../domain/contract/contract";
import { findContract } from "../domain/catalogue";
import { algemeenBesluitDocument } from "../domain/procedure/documents";
import { ActorSchema, SYSTEEM } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { besluitAanOntvangerMail } from "../templates/mail";
import { aanbiederObject } from "./aanbieder";
import { besluitObject, type BesluitGenomenMessage } from "./besluit";
import { sendNotification } from "./effects";
import { applyDecision, loadLog, loadState } from "./event-log";
import { parseOrRefuse, refusalError } from "./refusal";
import { registerObject } from "./register";

const model = { initial: initialContractState, evolve: evolveContract };
const ActorOnly = z.object({ actor: ActorSchema });
export const OntbindingSchema = z.object({ actor: ActorSchema, motivering: z.string({ error: "motivering ontbreekt" }).max(8000) });
const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];

function summary(state: ContractState): Record<string, unknown> {
  if (state.status === "leeg") return {};
  return { contractId: state.contractId, kvk: state.kvk, naam: state.naam, status: state.status, ingangsdatum: state.ingangsdatum, procedureId: state.procedureId };
}

/**
 * The contract of one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`: started by
 * a gunning, it shows its current term; ontbinding happens only through a besluit.
 */
export const contractObject = restate.object({
  name: "contract",
  handlers: {
    start: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext, data: Omit<Extract<ContractEvent, { type: "ContractGestart" }>["data"], "termijnen">) => {
        const { state } = await applyDecision<ContractState, ContractEvent>(ctx, model, (s, now) => decideContract(s, { type: "StartContract", actor: SYSTEEM, data }, now), SYSTEEM, `Gunning ${data.besluitId}`);
        ctx.objectSendClient(registerObject, "contracten").upsert({ id: ctx.key, summary: summary(state) });
      },
    ),

    /** Reported by a besluit about this contract (ontbinding). */
    besluitGenomen: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext, m: BesluitGenomenMessage) => {
      const pending = await ctx.get<{ besluitId: string; motivering: string; email: string; naam: string; titel: string }>("lopendeOntbinding");
      if (!pending || pending.besluitId !== m.besluitId) return;
      ctx.clear("lopendeOntbinding");
      if (!m.akkoord) return;
      const { state } = await applyDecision<ContractState, ContractEvent>(
        ctx,
        model,
        (s, now) => decideContract(s, { type: "OntbindContract", actor: SYSTEEM, data: { besluitId: m.besluitId, motivering: pending.motivering } }, now),
        SYSTEEM,
        pending.motivering,
      );
      ctx.objectSendClient(registerObject, "contracten").upsert({ id: ctx.key, summary: summary(state) });
      await sendNotification(ctx, "ontbinding", ["contract", ctx.key, "ontbonden", m.besluitId], {
        to: [pending.email],
        ...besluitAanOntvangerMail({ titel: pending.titel, besluitId: m.besluitId, procedureTitel: ctx.key, naam: pending.naam, samenvatting: pending.motivering }),
        documenten: m.document ? [m.document] : [],
      });
    }),

    /** The inkoper proposes ontbinding (4.4.2); the besluit goes to its authority and reports back here. */
    proposeOntbinding: async (ctx: restate.ObjectContext, input: unknown) => {
      const { actor, motivering } = parseOrRefuse(OntbindingSchema, input);
      if (actor.rol !== "inkoper") throw refusalError(refuse("RolNietToegestaan", 403, "Alleen de inkoper stelt een ontbinding voor."));
      if (motivering.trim().length < 20) throw refusalError(refuse("OngeldigeInvoer", 400, "Motiveer de ontbinding (minstens 20 tekens).", "motivering"));
      const state = await loadState<ContractState>(ctx, initialContractState);
      if (state.status !== "actief") throw refusalError(refuse("OngeldigeInvoer", 409, "Alleen een actief contract kan worden ontbonden."));
      if (await ctx.get("lopendeOntbinding")) throw refusalError(refuse("OngeldigeInvoer", 409, "Er ligt al een ontbindingsbesluit voor."));
      const aanbieder = await ctx.objectClient(aanbiederObject, state.kvk).get();
      const besluitId = `ONT-${ctx.rand.uuidv4().slice(0, 8).toUpperCase()}`;
      const contract = findContract(state.contractId);
      const titel = "Besluit ontbinding overeenkomst";
      ctx.set("lopendeOntbinding", { besluitId, motivering, email: aanbieder?.email ?? "", naam: state.naam, titel });
      const datum = new Date(await ctx.date.now()).toISOString();
      const ref = { id: state.procedureId, titel: `Overeenkomst ${contract?.naam ?? state.contractId} met ${state.naam}`, contractNaam: contract?.naam ?? state.contractId, sectie: contract?.sectie ?? "" };
      const ontvanger = { naam: state.naam, kvk: state.kvk, ...(aanbieder?.email ? { email: aanbieder.email } : {}) };
      await ctx.objectClient(besluitObject, besluitId).voorleggen({
        auteur: actor,
        inhoud: { type: "ontbinding", titel, onderwerp: { soort: "contract", id: ctx.key }, procedureId: state.procedureId, ontvanger, samenvatting: `Voorstel tot ontbinding van de overeenkomst met ${state.naam}.` },
        document: {
          kind: "algemeen-besluit",
          data: algemeenBesluitDocument(ref, {
            besluitId,
            type: "ontbinding",
            titel,
            datum,
            auteur: actor,
            ontvanger,
            besluittekst: `De overeenkomst ${contract?.naam ?? state.contractId} met ${state.naam} (KvK ${state.kvk}) wordt ontbonden.`,
            motivering,
            gevolgen: [
              "Lopende indicaties worden overgedragen aan gecontracteerde aanbieders (inkoopplan 4.4.2).",
              "Een aanbieder van wie het contract is ontbonden, kan niet opnieuw toetreden wanneer dit Open House weer wordt opengesteld (inkoopplan 4.4.2).",
            ],
          }),
          bestandsnaam: `besluit-ontbinding-${besluitId}.pdf`,
        },
        procedureTitel: ref.titel,
      });
      return { besluitId };
    },

    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = await loadState<ContractState>(ctx, initialContractState);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Dit contract bestaat niet."));
      if (!regionRoles.includes(actor.rol) && actor.kvk !== state.kvk) throw refusalError(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen contracten inzien."));
      return { ...state, huidigeTermijn: huidigeTermijn(state.termijnen, new Date(await ctx.date.now())) };
    }),

    /** For other entities: only whether it was ontbonden (4.4.2), nothing else. */
    ontbonden: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<boolean> => {
      const state = await loadState<ContractState>(ctx, initialContractState);
      return state.status === "ontbonden";
    }),

    events: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: unknown) => {
      const { actor } = parseOrRefuse(ActorOnly, input);
      const state = await loadState<ContractState>(ctx, initialContractState);
      if (state.status === "leeg") throw refusalError(refuse("BestaatNiet", 404, "Dit contract bestaat niet."));
      if (!regionRoles.includes(actor.rol) && actor.kvk !== state.kvk) throw refusalError(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen contracten inzien."));
      return loadLog<ContractEvent>(ctx);
    }),
  },
});
export type ContractObject = typeof contractObject;
