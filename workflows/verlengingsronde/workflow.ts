import { z } from "zod";
import type { BesluitDocumentSpec, BesluitInhoud } from "../../domain/besluit/besluit";
import { HOOR_TERMIJN_TOELICHTING } from "../../domain/besluit/teksten";
import { werkdagenTermEnd } from "../../domain/calendar";
import { aanbiederVerlengingsbesluitDocument, rondeRef, verlengingsbesluitDocument } from "../../domain/contract/documenten";
import {
  beslisserVan,
  besluitIdVoorAanbieder,
  decideRonde,
  evolveRonde,
  initialRondeState,
  rondeKey,
  uitkomstenVan,
  volgendeRondeMoment,
  weigeringsRedenen,
  type RondeCommand,
  type RondeEvent,
  type RondeState,
} from "../../domain/contract/verlengingsronde";
import type { Recorded } from "../../domain/shared/audit";
import { SYSTEEM } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { hoorbriefMail } from "../../templates/mail";
import type { HoorbriefDocument } from "../../templates/types";
import type { BesluitGenomenMessage } from "../besluit/definition";
import type { VerlengingsbesluitInput } from "../contract/definition";
import type { EntityInput } from "../runtime/definitions";
import { aanbiederContacten, renderDocument, sendNotification } from "../runtime/effects";
import { ActorOnly, PENDING_ID } from "../runtime/inputs";
import { Entity } from "../runtime/entity";
import { armWekker, WEKKER, type WakeInput } from "../runtime/wekker";
import { besluitType, contractType } from "../runtime/entity-types";
import { fail, parseOrRefuse } from "../runtime/refusal";
import { HoorSchema, OpenSchema, ReassessSchema, ReplySchema, RondeBesluitSchema, verlengingsrondeEntity, WeigeringSchema } from "./definition";
import { actieveContracten, live, summaryOf, viewFor, type Live } from "./view";

const ContractenOnly = z.object({
  contracten: z
    .array(z.looseObject({ kvk: z.string(), naam: z.string().optional(), status: z.string().optional(), ingangsdatum: z.string().optional(), contractId: z.string().optional() }))
    .default([]),
});
/** The aanbieder's profile as the API passes it; missing counts as none. */
const AanbiederOnly = z.object({ aanbieder: z.looseObject({ kvk: z.string(), naam: z.string(), email: z.string() }).nullable().optional() });

type E = RondeEvent;
type Cmd<T extends RondeCommand["type"]> = Extract<RondeCommand, { type: T }>;

/**
 * A verlengingsronde per catalogue contract and term end (key `<contractId>/<termijnEinde>`): the
 * inkoper proposes individual refusals, each heard, and lays the general verlengingsbesluit before RWO.
 * One durable timer ("wake") ends hearings and the round itself.
 */
export async function verlengingsronde(input: EntityInput<RondeState, Recorded<E>>): Promise<void> {
  const entity = new Entity<RondeState, E>({ initial: initialRondeState, evolve: evolveRonde }, input);
  const key = entity.key;
  entity.summary(summaryOf);
  const { updates, queries } = verlengingsrondeEntity;

  const rule = (command: RondeCommand) => (s: RondeState, now: Date) => decideRonde(s, command, now);

  /** Keeps exactly one timer: the next end of a hearing or of the round, or none once decided or over. */
  function arm(state: RondeState): void {
    armWekker(entity, volgendeRondeMoment(state));
  }

  function run(command: RondeCommand, reden?: string) {
    const result = entity.apply(rule(command), command.actor, reden);
    arm(result.state);
    return result;
  }

  /** With the authority's akkoord every aanbieder gets its own verlengings- or niet-verlengingsbesluit, and its contract learns the outcome. */
  async function issueUitkomsten(state: Live, now: Date): Promise<void> {
    const uitkomst = state.uitkomst;
    if (!uitkomst) return;
    const contacten = new Map((await aanbiederContacten(uitkomst.uitkomsten.map((u) => u.kvk))).map((c) => [c.kvk, c]));
    const work: Promise<void>[] = [];
    for (const u of uitkomst.uitkomsten) {
      const besluitId = besluitIdVoorAanbieder(uitkomst.besluitId, u.kvk);
      const contractKey = `${state.contractId}/${u.kvk}`;
      const email = contacten.get(u.kvk)?.email;
      const ontvanger = { naam: u.naam, kvk: u.kvk, ...(email ? { email } : {}) };
      const doc = aanbiederVerlengingsbesluitDocument(state, u, { besluitId, datum: now.toISOString(), auteur: SYSTEEM, ontvanger, krachtens: uitkomst.besluitId });
      work.push(
        entity.create(besluitType, besluitId, {
          name: "vaststellen",
          messageId: `verlengingsronde:${key}:vaststellen:${besluitId}`,
          input: {
            auteur: SYSTEEM,
            inhoud: {
              type: doc.besluitType,
              titel: doc.titel,
              onderwerp: { soort: "contract", id: contractKey },
              ontvanger,
              samenvatting: doc.data.besluittekst,
              krachtens: uitkomst.besluitId,
              motivering: u.motivering ?? doc.data.motivering,
            } satisfies BesluitInhoud & { motivering: string },
            document: { kind: doc.kind, data: doc.data, bestandsnaam: `${doc.besluitType}-${besluitId}.pdf` } satisfies BesluitDocumentSpec,
            procedureTitel: doc.data.kop.procedure.titel,
          },
        }),
        entity.send(contractType, contractKey, {
          name: "verlengingsbesluit",
          messageId: `verlengingsronde:${key}:verlengingsbesluit:${besluitId}`,
          input: {
            besluitId,
            termijnEinde: state.termijnEinde,
            uitkomst: u.uitkomst,
            ...(u.reden ? { reden: u.reden } : {}),
            ...(u.motivering ? { motivering: u.motivering } : {}),
          } satisfies VerlengingsbesluitInput,
        }),
      );
    }
    await Promise.all(work);
  }

  const openCommand = (i: unknown): RondeCommand => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const { contractId, termijnEinde } = parseOrRefuse(OpenSchema, i);
    if (key !== rondeKey(contractId, termijnEinde)) fail(refuse("OngeldigeInvoer", 400, "De sleutel van de ronde past niet bij contract en termijneinde.", "termijnEinde"));
    // Every running contract, whatever its start date: the rule keeps those with a term ending on termijnEinde.
    const contracten = actieveContracten(parseOrRefuse(ContractenOnly, i).contracten, contractId).map((c) => ({ kvk: c.kvk, naam: c.naam ?? c.kvk, ingangsdatum: c.ingangsdatum ?? "" }));
    return { type: "OpenRound", actor, data: { contractId, termijnEinde, contracten } };
  };
  entity.update(updates.open, {
    validate: (i) => void entity.decide(rule(openCommand(i))),
    handle: (i) => live(run(openCommand(i)).state),
  });

  const weigeringCommand = (i: unknown): Cmd<"ProposeWeigering"> => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const data = parseOrRefuse(WeigeringSchema, i);
    const s = live(entity.state);
    const actief = actieveContracten(parseOrRefuse(ContractenOnly, i).contracten, s.contractId).map((c) => c.kvk);
    return { type: "ProposeWeigering", actor, data: { ...data, actief } };
  };
  entity.update(updates.proposeWeigering, {
    validate: (i) => void entity.decide(rule(weigeringCommand(i))),
    handle: (i) => {
      const command = weigeringCommand(i);
      return live(run(command, command.data.motivering).state);
    },
  });

  const hoorInput = (i: unknown) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const data = parseOrRefuse(HoorSchema, i);
    const now = entity.now();
    const termijnEinde = data.termijnEinde ?? werkdagenTermEnd(now, data.termijnWerkdagen ?? 10).toISOString();
    const command: RondeCommand = { type: "StartHoorEnWederhoor", actor, data: { kvk: data.kvk, termijnEinde } };
    return { actor, data, now, termijnEinde, command };
  };
  entity.update(updates.startHoorEnWederhoor, {
    validate: (i) => void entity.decide(rule(hoorInput(i).command)),
    handle: async (i) => {
      const { actor, data, now, termijnEinde, command } = hoorInput(i);
      const aanbieder = parseOrRefuse(AanbiederOnly, i).aanbieder;
      const { state, events } = run(command);
      const s = live(state);
      const w = s.weigeringen.find((x) => x.kvk === data.kvk);
      if (!w || events.length === 0 || !aanbieder) return s;
      const brief: HoorbriefDocument = {
        kenmerk: `HW-${key}-${data.kvk}`,
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
      const doc = await renderDocument({ kind: "hoorbrief", data: brief, bestandsnaam: `hoorbrief-verlenging-${data.kvk}.pdf` }, now.toISOString());
      await sendNotification(["verlengingsronde", key, "hoor", data.kvk], {
        to: [aanbieder.email],
        ...hoorbriefMail({ naam: aanbieder.naam, procedureTitel: brief.procedure.titel, termijnEinde, aantal: 1 }),
        documenten: [doc],
      });
      return s;
    },
  });

  const replyCommand = (i: unknown): RondeCommand => ({ type: "ReplyHoor", actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(ReplySchema, i) });
  entity.update(updates.replyHoor, {
    validate: (i) => void entity.decide(rule(replyCommand(i))),
    handle: (i) => live(run(replyCommand(i)).state),
  });

  const reassessCommand = (i: unknown): Cmd<"ReassessWeigering"> => ({ type: "ReassessWeigering", actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(ReassessSchema, i) });
  entity.update(updates.reassess, {
    validate: (i) => void entity.decide(rule(reassessCommand(i))),
    handle: (i) => {
      const command = reassessCommand(i);
      return live(run(command, command.data.motivering).state);
    },
  });

  const besluitCommand = (i: unknown, besluitId: string) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    const data = parseOrRefuse(RondeBesluitSchema, i);
    return { actor, data, command: { type: "ProposeBesluit", actor, data: { besluitId, ...data } } satisfies RondeCommand };
  };
  entity.update(updates.proposeBesluit, {
    validate: (i) => void entity.decide(rule(besluitCommand(i, PENDING_ID).command)),
    handle: async (i) => {
      const besluitId = `VERL-${entity.uuid().slice(0, 8).toUpperCase()}`;
      const { actor, data, command } = besluitCommand(i, besluitId);
      const s = live(run(command, data.motivering).state);
      const uitkomsten = uitkomstenVan(s);
      const doc = verlengingsbesluitDocument(s, { besluitId, datum: entity.now().toISOString(), auteur: actor, motivering: data.motivering, ...(data.evaluatie ? { evaluatie: data.evaluatie } : {}) }, uitkomsten);
      await entity.create(besluitType, besluitId, {
        name: "voorleggen",
        messageId: `verlengingsronde:${key}:voorleggen:${besluitId}`,
        input: {
          auteur: actor,
          inhoud: { type: "verlenging", titel: doc.titel, onderwerp: { soort: "verlengingsronde", id: key }, samenvatting: doc.data.besluittekst } satisfies BesluitInhoud,
          document: { kind: doc.kind, data: doc.data, bestandsnaam: `verlengingsbesluit-${besluitId}.pdf` } satisfies BesluitDocumentSpec,
          procedureTitel: doc.data.kop.procedure.titel,
        },
      });
      return { besluitId };
    },
  });

  /** Reported by the besluit about this round once its authority decided. */
  entity.internal<BesluitGenomenMessage>("besluitGenomen", async (m) => {
    // The round records who decided in the besluit (m.door), not the systeem actor that relays it.
    const { state, events } = run(
      { type: "RecordBesluit", actor: beslisserVan(m.door), data: { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering, ...(m.door ? { door: m.door } : {}) } },
      m.motivering || undefined,
    );
    if (events.some((e) => e.type === "UitkomstVastgesteld")) await issueUitkomsten(live(state), entity.now());
  });

  /** The durable timer: the end of a hearing, or the term end of the round. */
  entity.internal<WakeInput<RondeCommand>>(WEKKER, (w) => {
    run({ ...w.command, actor: SYSTEEM }, w.soort);
  });

  entity.query(queries.get, (i) => viewFor(entity.state, parseOrRefuse(ActorOnly, i).actor));

  entity.query(queries.events, (i) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    live(entity.state);
    if (actor.rol === "aanbieder") fail(refuse("RolNietToegestaan", 403, "Het logboek van een verlengingsronde is voor de regio."));
    return entity.log;
  });

  return entity.run();
}
