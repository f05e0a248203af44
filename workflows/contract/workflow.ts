import { z } from "zod";
import type { BesluitDocumentSpec, BesluitInhoud } from "../../domain/besluit/besluit";
import {
  decideContract,
  evolveContract,
  initialContractState,
  volgendeMoment,
  type CommandOf,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
  type VoorstelSoort,
} from "../../domain/contract/contract";
import { contractBesluitDocument, verlengingSignaalBericht } from "../../domain/contract/documenten";
import type { Recorded } from "../../domain/shared/audit";
import { SYSTEEM, type Actor } from "../../domain/shared/actor";
import { besluitAanOntvangerMail } from "../../templates/mail";
import type { BesluitGenomenMessage } from "../besluit/definition";
import type { EntityInput } from "../runtime/definitions";
import { sendNotification } from "../runtime/effects";
import { ActorOnly, PENDING_ID } from "../runtime/inputs";
import { Entity } from "../runtime/entity";
import { armWekker, WEKKER, wekkerOf, type WakeInput } from "../runtime/wekker";
import { besluitType } from "../runtime/entity-types";
import { parseOrRefuse } from "../runtime/refusal";
import { contractEntity, OntbindingSchema, OpzeggingSchema, VerbeteringSchema, VoorstelSchema, type StartInput, type VerlengingsbesluitInput } from "./definition";
import { live, mayRead, summaryOf, viewFor } from "./view";

/** The aanbieder's profile as the API passes it (only its e-mail address is used); missing counts as none. */
const AanbiederOnly = z.object({ aanbieder: z.looseObject({ email: z.string().optional() }).nullable().optional() });

type E = ContractEvent;
type Voorstel = z.infer<typeof VoorstelSchema>;

function proposeCommand(actor: Actor, besluitId: string, v: Voorstel): ContractCommand {
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

/**
 * The contract of one aanbieder under one catalogue contract, keyed `<contractId>/<kvk>`. It lives
 * through its looptijd by one durable timer ("wake", always the next moment the rules name);
 * handhaving and beëindiging go through besluiten of their authority, reported back through
 * `besluitGenomen`.
 */
export async function contract(input: EntityInput<ContractState, Recorded<E>>): Promise<void> {
  const entity = new Entity<ContractState, E>({ initial: initialContractState, evolve: evolveContract }, input);
  const key = entity.key;
  entity.summary(summaryOf);
  const { updates, queries } = contractEntity;

  const rule = (command: ContractCommand) => (s: ContractState, now: Date) => decideContract(s, command, now);

  /** Keeps exactly one timer: the next moment the contract's rules want to be woken, or none. */
  function arm(state: ContractState): void {
    armWekker(entity, volgendeMoment(state));
  }

  /**
   * Applies a command, then re-arms the timer. A refused command changes nothing; a refused wake
   * (which the rules do not do once its moment has come) leaves no timer until the next command.
   */
  function run(command: ContractCommand, reden?: string) {
    const result = entity.apply(rule(command), command.actor, reden);
    arm(result.state);
    return result;
  }

  const voorstelId = (v: Voorstel) => `${v.soort === "ingebrekestelling" ? "IGS" : v.soort === "ontbinding" ? "ONT" : "CTR"}-${entity.uuid().slice(0, 8).toUpperCase()}`;

  async function proposeBesluit(actor: Actor, v: Voorstel, aanbieder: { email?: string } | null | undefined): Promise<{ besluitId: string }> {
    const besluitId = voorstelId(v);
    const { state, events } = run(proposeCommand(actor, besluitId, v), v.motivering);
    const s = live(state);
    const voorstel = s.lopend.find((x) => x.besluitId === besluitId);
    if (!voorstel || events.length === 0) throw new Error("voorstel niet vastgelegd");
    const ontvanger = { naam: s.naam, kvk: s.kvk, ...(aanbieder?.email ? { email: aanbieder.email } : {}) };
    entity.data[`ontvanger:${besluitId}`] = ontvanger;
    const doc = contractBesluitDocument(s, voorstel, { datum: voorstel.at, auteur: actor, ontvanger });
    await entity.create(besluitType, besluitId, {
      name: "voorleggen",
      messageId: `contract:${key}:voorleggen:${besluitId}`,
      input: {
        auteur: actor,
        inhoud: { type: voorstel.besluitType, titel: doc.data.kop.titel, onderwerp: { soort: "contract", id: key }, procedureId: s.procedureId, ontvanger, samenvatting: doc.data.besluittekst } satisfies BesluitInhoud,
        document: { kind: doc.kind, data: doc.data, bestandsnaam: `${voorstel.soort}-${besluitId}.pdf` } satisfies BesluitDocumentSpec,
        procedureTitel: doc.data.kop.procedure.titel,
      },
    });
    return { besluitId };
  }

  /** Created by the procedure at gunning (or handed more products by a later gunning). */
  entity.internal<StartInput>("start", (data) => {
    run({ type: "StartContract", actor: SYSTEEM, data }, `Gunning ${data.besluitId}`);
  });

  /** The durable timer: runs the command the rules named for this moment, then arms the next one. */
  entity.internal<WakeInput<ContractCommand>>(WEKKER, async (w) => {
    const { state, events } = run({ ...w.command, actor: SYSTEEM }, w.soort);
    const signaal = events.find((e) => e.type === "VerlengingSignaal");
    if (signaal?.type === "VerlengingSignaal" && state.status !== "leeg") {
      const bericht = verlengingSignaalBericht(signaal.data, state.contractId);
      await sendNotification(["contract", key, "signaal", w.at], {
        to: [{ rol: "inkoop" }],
        subject: `${bericht.onderwerp} (${state.naam})`,
        text: `${bericht.tekst}\n\nAanbieder: ${state.naam} (KvK ${state.kvk}).`,
      });
    }
  });

  const proposeInput = (i: unknown) => ({ actor: parseOrRefuse(ActorOnly, i).actor, v: parseOrRefuse(VoorstelSchema, i), aanbieder: parseOrRefuse(AanbiederOnly, i).aanbieder });
  entity.update(updates.propose, {
    validate: (i) => {
      const { actor, v } = proposeInput(i);
      entity.decide(rule(proposeCommand(actor, PENDING_ID, v)));
    },
    handle: (i) => {
      const { actor, v, aanbieder } = proposeInput(i);
      return proposeBesluit(actor, v, aanbieder);
    },
  });

  const ontbindingInput = (i: unknown) => {
    const { actor, motivering } = parseOrRefuse(OntbindingSchema, i);
    return { actor, v: { soort: "ontbinding", motivering } satisfies Voorstel, aanbieder: parseOrRefuse(AanbiederOnly, i).aanbieder };
  };
  entity.update(updates.proposeOntbinding, {
    validate: (i) => {
      const { actor, v } = ontbindingInput(i);
      entity.decide(rule(proposeCommand(actor, PENDING_ID, v)));
    },
    handle: (i) => {
      const { actor, v, aanbieder } = ontbindingInput(i);
      return proposeBesluit(actor, v, aanbieder);
    },
  });

  const verbeteringCommand = (i: unknown): CommandOf<"RecordVerbetering"> => ({ type: "RecordVerbetering", actor: parseOrRefuse(ActorOnly, i).actor, data: { motivering: parseOrRefuse(VerbeteringSchema, i).motivering } });
  entity.update(updates.recordVerbetering, {
    validate: (i) => void entity.decide(rule(verbeteringCommand(i))),
    handle: (i) => {
      const command = verbeteringCommand(i);
      return live(run(command, command.data.motivering).state);
    },
  });

  const opzegCommand = (i: unknown): CommandOf<"OpzegDoorAanbieder"> => {
    const data = parseOrRefuse(OpzeggingSchema, i);
    return { type: "OpzegDoorAanbieder", actor: parseOrRefuse(ActorOnly, i).actor, data: { toelichting: data.toelichting, ...(data.einddatum ? { einddatum: data.einddatum } : {}) } };
  };
  entity.update(updates.opzeggen, {
    validate: (i) => void entity.decide(rule(opzegCommand(i))),
    handle: (i) => {
      const command = opzegCommand(i);
      return live(run(command, command.data.toelichting || undefined).state);
    },
  });

  /** The outcome of a verlengingsronde for this contract (verlengd or niet-verlengd), from the round. */
  entity.internal<VerlengingsbesluitInput>("verlengingsbesluit", (data) => {
    run({ type: "RecordVerlengingsbesluit", actor: SYSTEEM, data }, data.motivering);
  });

  /** Reported by a besluit about this contract once its authority decided. */
  entity.internal<BesluitGenomenMessage>("besluitGenomen", async (m) => {
    const { state, events } = run({ type: "VerwerkBesluit", actor: SYSTEEM, data: { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering } }, m.motivering || undefined);
    const ontvanger = entity.data[`ontvanger:${m.besluitId}`] as { naam: string; email?: string } | undefined;
    delete entity.data[`ontvanger:${m.besluitId}`];
    if (!m.akkoord || events.length === 0 || !ontvanger?.email || state.status === "leeg") return;
    await sendNotification(["contract", key, "besluit", m.besluitId], {
      to: [ontvanger.email],
      ...besluitAanOntvangerMail({ titel: "Besluit over uw overeenkomst", besluitId: m.besluitId, procedureTitel: `${state.contractId} (${state.naam})`, naam: ontvanger.naam, samenvatting: m.motivering || "Zie het besluit in de bijlage." }),
      documenten: m.document ? [m.document] : [],
    });
  });

  entity.query(queries.get, (i, now) => {
    return viewFor(entity.state, parseOrRefuse(ActorOnly, i).actor, now, wekkerOf(entity));
  });

  entity.query(queries.ontbonden, () => entity.state.status === "ontbonden");

  entity.query(queries.events, (i) => {
    mayRead(entity.state, parseOrRefuse(ActorOnly, i).actor);
    return entity.log;
  });

  return entity.run();
}
