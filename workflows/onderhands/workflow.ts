import type { BesluitDocumentSpec } from "../../domain/besluit/besluit";
import { findContract } from "../../domain/catalogue";
import { decideOnderhands, evolveOnderhands, initialOnderhandsState, OnderhandsInputSchema, type OnderhandsCommand, type OnderhandsEvent, type OnderhandsState } from "../../domain/onderhands/procedure";
import type { TrajectStatus } from "../../domain/onderhands/traject";
import { algemeenBesluitDocument, procedureRef } from "../../domain/procedure/documents";
import type { Recorded } from "../../domain/shared/audit";
import { ActorSchema, SYSTEEM, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { z } from "zod";
import type { BesluitGenomenMessage } from "../besluit/definition";
import type { EntityInput } from "../runtime/definitions";
import { Entity } from "../runtime/entity";
import { besluitType, trajectType } from "../runtime/entity-types";
import { ActorOnly, PENDING_ID } from "../runtime/inputs";
import { fail, parseOrRefuse } from "../runtime/refusal";
import type { TrajectStart } from "../traject/definition";
import { MotiveringSchema, onderhandsEntity, UitnodigingSchema, type OnderhandsView } from "./definition";

const REGION = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
const StartInput = z.object({ actor: ActorSchema, procedure: OnderhandsInputSchema });
const NodigUitInput = UitnodigingSchema.extend({ actor: ActorSchema, aanbieder: z.object({ naam: z.string(), email: z.string() }).nullable() });

/**
 * An onderhandse procedure (domain/onderhands/procedure.ts): the motivation of the procedure's choice
 * as a BOSD besluit where the contract asks one, and one trajectory entity per invited aanbieder, which
 * reports its status back for the overview.
 */
export async function onderhands(input: EntityInput<OnderhandsState, Recorded<OnderhandsEvent>>): Promise<void> {
  const entity = new Entity<OnderhandsState, OnderhandsEvent>({ initial: initialOnderhandsState, evolve: evolveOnderhands }, input);
  const key = entity.key;
  const { updates, queries } = onderhandsEntity;
  const rule = (c: OnderhandsCommand) => (s: OnderhandsState, now: Date) => decideOnderhands(s, c, now);
  entity.summary((s) => (s.status === "leeg" ? null : { titel: s.titel, contractId: s.contractId, status: s.status, aantalUitnodigingen: s.uitnodigingen.length }));

  const live = (): OnderhandsView => {
    const s = entity.state;
    if (s.status === "leeg") return fail(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
    return s;
  };
  /** An aanbieder sees the procedure only as far as its own invitation goes. */
  const view = (actor: Actor): OnderhandsView => {
    const s = live();
    if (REGION.includes(actor.rol)) return s;
    const eigen = s.uitnodigingen.filter((u) => u.kvk === actor.kvk);
    if (eigen.length === 0) fail(refuse("BestaatNiet", 404, "Deze procedure bestaat niet."));
    const { motivering: _m, motiveringBesluit: _b, ...rest } = s;
    return { ...rest, uitnodigingen: eigen };
  };

  const startCommand = (i: unknown): OnderhandsCommand => {
    const { actor, procedure } = parseOrRefuse(StartInput, i);
    return { type: "Start", actor, data: { ...procedure, id: key } };
  };
  entity.update(updates.start, {
    validate: (i) => void entity.decide(rule(startCommand(i))),
    handle: (i) => {
      const command = startCommand(i);
      entity.apply(rule(command), command.actor, command.type === "Start" ? command.data.motivering : undefined);
      return view(command.actor);
    },
  });

  const motiveringCommand = (i: unknown, besluitId: string): OnderhandsCommand => ({ type: "LegMotiveringVoor", actor: parseOrRefuse(ActorOnly, i).actor, data: { besluitId } });
  entity.update(updates.legMotiveringVoor, {
    validate: (i) => void entity.decide(rule(motiveringCommand(i, PENDING_ID))),
    handle: async (i) => {
      const besluitId = `PK-${entity.uuid().slice(0, 8).toUpperCase()}`;
      const command = motiveringCommand(i, besluitId);
      entity.apply(rule(command), command.actor);
      const s = live();
      const contract = findContract(s.contractId);
      const ref = procedureRef(s);
      const besluittekst = `Het contract ${contract?.naam ?? s.contractId} wordt ingekocht met de Europese onderhandelingsprocedure zonder voorafgaande bekendmaking (inkoopplan ${contract?.sectie ?? ""}).`;
      await entity.create(besluitType, besluitId, {
        name: "voorleggen",
        input: {
          auteur: command.actor,
          inhoud: { type: "motivering-procedurekeuze", titel: "Besluit keuze aanbestedingsprocedure", onderwerp: { soort: "onderhands", id: key }, procedureId: key, samenvatting: besluittekst },
          document: {
            kind: "algemeen-besluit",
            data: algemeenBesluitDocument(ref, {
              besluitId,
              type: "motivering-procedurekeuze",
              titel: "Besluit keuze aanbestedingsprocedure",
              datum: entity.now().toISOString(),
              auteur: command.actor,
              besluittekst,
              motivering: s.motivering ?? "",
              gevolgen: ["De huidige aanbieders worden rechtstreeks uitgenodigd; er is geen concurrentiestelling.", "Elke uitgenodigde aanbieder heeft een eigen inkooptraject."],
            }),
            bestandsnaam: `besluit-procedurekeuze-${besluitId}.pdf`,
          } as BesluitDocumentSpec,
          procedureTitel: s.titel,
        },
      });
      return { besluitId };
    },
  });

  const wijzigCommand = (i: unknown): OnderhandsCommand => ({ type: "WijzigMotivering", actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(MotiveringSchema, i) });
  entity.update(updates.wijzigMotivering, {
    validate: (i) => void entity.decide(rule(wijzigCommand(i))),
    handle: (i) => {
      const command = wijzigCommand(i);
      entity.apply(rule(command), command.actor, "Motivering van de procedurekeuze gewijzigd");
      return view(command.actor);
    },
  });

  const nodigUitCommand = (i: unknown): OnderhandsCommand => {
    const { actor, kvk, deadline, aanbieder } = parseOrRefuse(NodigUitInput, i);
    return { type: "NodigUit", actor, data: { kvk, deadline, naam: aanbieder?.naam ?? null } };
  };
  entity.update(updates.nodigUit, {
    validate: (i) => void entity.decide(rule(nodigUitCommand(i))),
    handle: async (i) => {
      const command = nodigUitCommand(i);
      const { aanbieder } = parseOrRefuse(NodigUitInput, i);
      const { events } = entity.apply(rule(command), command.actor);
      const invited = events.find((e) => e.type === "AanbiederUitgenodigd");
      const s = live();
      if (invited?.type === "AanbiederUitgenodigd" && aanbieder) {
        const start: TrajectStart = {
          procedureId: key,
          procedureTitel: s.titel,
          contractId: s.contractId,
          kvk: invited.data.kvk,
          naam: aanbieder.naam,
          email: aanbieder.email,
          deadline: invited.data.deadline,
          vraagtLandelijkTarief: s.contractId === "jb-jr",
          ...(s.contractIngangsdatum ? { contractIngangsdatum: s.contractIngangsdatum } : {}),
        };
        await entity.create(trajectType, `${key}/${invited.data.kvk}`, { name: "start", input: start, messageId: `onderhands:${key}:uitnodiging:${invited.data.kvk}` });
      }
      return view(command.actor);
    },
  });

  entity.internal<{ kvk: string; status: TrajectStatus }>("trajectStatus", (d) => {
    entity.apply(rule({ type: "RecordTrajectStatus", actor: SYSTEEM, data: d }), SYSTEEM);
  });

  entity.internal<BesluitGenomenMessage>("besluitGenomen", (m) => {
    entity.apply(rule({ type: "RecordMotiveringBesluit", actor: SYSTEEM, data: { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering } }), SYSTEEM, m.motivering || undefined);
  });

  entity.query(queries.get, (i) => view(parseOrRefuse(ActorOnly, i).actor));
  entity.query(queries.events, (i) => {
    const { actor } = parseOrRefuse(ActorOnly, i);
    if (!REGION.includes(actor.rol)) fail(refuse("RolNietToegestaan", 403, "Het logboek van een procedure is alleen voor de regio in te zien."));
    return entity.log;
  });

  return entity.run();
}
