import { z } from "zod";
import type { BesluitDocumentSpec } from "../../domain/besluit/besluit";
import { findContract } from "../../domain/catalogue";
import { firstOfNextMonth, formatDateNl } from "../../domain/calendar";
import { algemeenBesluitDocument, procedureRef } from "../../domain/procedure/documents";
import { decideTraject, evolveTraject, geldendeOfferte, initialTrajectState, type Offerteversie, type TrajectCommand, type TrajectEvent, type TrajectState } from "../../domain/onderhands/traject";
import type { Uitkomst } from "../../domain/inschrijving/entity";
import type { Recorded } from "../../domain/shared/audit";
import { ActorSchema, SYSTEEM, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { besluitAanOntvangerMail, onderhandseUitnodigingMail, trajectVerlopenMail } from "../../templates/mail";
import type { BesluitGenomenMessage } from "../besluit/definition";
import type { EntityInput } from "../runtime/definitions";
import { sendNotification } from "../runtime/effects";
import { Entity } from "../runtime/entity";
import { besluitType, contractType, inschrijvingType, onderhandsType } from "../runtime/entity-types";
import { ActorOnly, PENDING_ID } from "../runtime/inputs";
import { fail, parseOrRefuse } from "../runtime/refusal";
import { TrajectBodies, trajectEntity, type TrajectStart, type TrajectView } from "./definition";

const REGION = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];
const OfferteInput = TrajectBodies.offerte.extend({ actor: ActorSchema, sha256: z.string().max(128) });

/**
 * One invited aanbieder's own inkooptraject (domain/onderhands/traject.ts): the invitation with its
 * deadline (a durable timer), the offer and every revised version, the conversation rounds, and the end
 * in agreement (akkoord gunning of the programmadirecteur, 7.2; then the gunningsbesluit and the
 * contract) or in an ending with its reason; each besluit is a document and a mail.
 */
export async function traject(input: EntityInput<TrajectState, Recorded<TrajectEvent>>): Promise<void> {
  const entity = new Entity<TrajectState, TrajectEvent>({ initial: initialTrajectState, evolve: evolveTraject }, input);
  const key = entity.key;
  const { updates, queries } = trajectEntity;
  const rule = (c: TrajectCommand) => (s: TrajectState, now: Date) => decideTraject(s, c, now);
  const titel = () => (entity.data.procedureTitel as string | undefined) ?? "";
  entity.summary((s) => (s.status === "leeg" ? null : { procedureId: s.procedureId, kvk: s.kvk, naam: s.naam, status: s.status, deadline: s.deadline }));

  const live = () => {
    const s = entity.state;
    if (s.status === "leeg") fail(refuse("BestaatNiet", 404, "Dit inkooptraject bestaat niet."));
    return s;
  };
  const view = (actor: Actor): TrajectView => {
    const s = live();
    if (!REGION.includes(actor.rol) && actor.kvk !== s.kvk) fail(refuse("BestaatNiet", 404, "Dit inkooptraject bestaat niet."));
    return { ...s, procedureTitel: titel() };
  };

  /** Tells the procedure where this trajectory stands, for its overview. */
  async function report(): Promise<void> {
    const s = live();
    await entity.send(onderhandsType, s.procedureId, { name: "trajectStatus", input: { kvk: s.kvk, status: s.status }, messageId: `traject:${key}:status:${entity.log.length}` });
  }

  entity.internal<TrajectStart>("start", async (i) => {
    entity.data.procedureTitel = i.procedureTitel;
    if (i.contractIngangsdatum) entity.data.contractIngangsdatum = i.contractIngangsdatum;
    const { events } = entity.apply(rule({ type: "StartTraject", actor: SYSTEEM, data: { procedureId: i.procedureId, contractId: i.contractId, kvk: i.kvk, naam: i.naam, email: i.email, deadline: i.deadline, vraagtLandelijkTarief: i.vraagtLandelijkTarief } }), SYSTEEM);
    if (events.length === 0) return;
    entity.at("deadline", i.deadline);
    await sendNotification(["traject", key, "uitnodiging"], { to: [i.email], ...onderhandseUitnodigingMail({ procedureTitel: i.procedureTitel, naam: i.naam, deadline: i.deadline, landelijkTarief: i.vraagtLandelijkTarief }) });
  });

  entity.internal("deadline", async () => {
    const { events } = entity.apply(rule({ type: "DeadlineBereikt", actor: SYSTEEM }), SYSTEEM, "Termijn voor de offerte verstreken");
    if (events.length === 0) return;
    const s = live();
    await sendNotification(["traject", key, "verlopen"], { to: [s.email], ...trajectVerlopenMail({ procedureTitel: titel(), naam: s.naam, deadline: s.deadline }) });
    await report();
  });

  const offerteCommand = (i: unknown): TrajectCommand => {
    const { actor, sha256, ...data } = parseOrRefuse(OfferteInput, i);
    return { type: "DienOfferteIn", actor, data: { ...data, ...(data.landelijkTarief ? { landelijkTarief: data.landelijkTarief } : {}), sha256 } as never };
  };
  entity.update(updates.dienOfferteIn, {
    validate: (i) => void entity.decide(rule(offerteCommand(i))),
    handle: async (i) => {
      const command = offerteCommand(i);
      const first = live().offertes.length === 0;
      const { events } = entity.apply(rule(command), command.actor);
      if (first) {
        entity.cancel("deadline");
        const received = events.find((e) => e.type === "OfferteOntvangen");
        if (received?.type === "OfferteOntvangen") await startToets(received.data);
        await report();
      }
      return view(command.actor);
    },
  });

  const rondeCommand = (i: unknown): TrajectCommand => ({ type: "LegGespreksrondeVast", actor: parseOrRefuse(ActorOnly, i).actor, data: parseOrRefuse(TrajectBodies.gespreksronde, i) });
  entity.update(updates.legGespreksrondeVast, {
    validate: (i) => void entity.decide(rule(rondeCommand(i))),
    handle: async (i) => {
      const command = rondeCommand(i);
      const before = live().status;
      entity.apply(rule(command), command.actor);
      if (before !== live().status) await report();
      return view(command.actor);
    },
  });

  /**
   * The knock-outs as in the Open House, in an inschrijving entity keyed like a procedure's: the
   * beoordelaar judges and runs hoor en wederhoor through the same routes; the uitkomst comes back here.
   */
  async function startToets(o: Offerteversie): Promise<void> {
    const s = live();
    const inhoud = { producten: o.diensten.map((d) => d.naam.trim()), antwoorden: o.antwoorden ?? [] };
    await entity.create(inschrijvingType, key, {
      name: "store",
      input: {
        ontvangstbewijs: { inschrijvingId: key, procedureId: s.procedureId, kvk: s.kvk, ontvangstbewijsId: `${key}/v${o.versie}`, ontvangenOp: o.ontvangenOp, sha256: o.sha256 },
        naam: s.naam,
        email: s.email,
        contractId: s.contractId,
        sluitingAt: o.ontvangenOp,
        ronde: 1,
        inhoud,
        meldAan: { type: "traject", key },
      },
    });
    await entity.send(inschrijvingType, key, {
      name: "startBeoordeling",
      messageId: `traject:${key}:toets`,
      input: { aantalBeoordelaars: 1, procedureTitel: titel(), hoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
    });
  }

  entity.internal<{ uitkomst: Uitkomst }>("recordUitkomst", async (d) => {
    const { events } = entity.apply(rule({ type: "RecordToets", actor: SYSTEEM, data: { uitkomst: d.uitkomst } }), SYSTEEM);
    if (events.length > 0) await report();
  });

  const newBesluitId = (prefix: string) => `${prefix}-${entity.uuid().slice(0, 8).toUpperCase()}`;

  async function voorleggen(actor: Actor, besluitId: string, type: "akkoord-gunning" | "beeindiging-traject", titelBesluit: string, besluittekst: string, motivering: string, gevolgen: string[]): Promise<void> {
    const s = live();
    const ref = procedureRef({ ...s, titel: titel() });
    await entity.create(besluitType, besluitId, {
      name: "voorleggen",
      input: {
        auteur: actor,
        inhoud: { type, titel: titelBesluit, onderwerp: { soort: "traject", id: key }, procedureId: s.procedureId, ontvanger: { naam: s.naam, kvk: s.kvk, email: s.email }, samenvatting: besluittekst },
        document: { kind: "algemeen-besluit", data: algemeenBesluitDocument(ref, { besluitId, type, titel: titelBesluit, datum: entity.now().toISOString(), auteur: actor, besluittekst, motivering, gevolgen, ontvanger: { naam: s.naam, kvk: s.kvk, email: s.email } }), bestandsnaam: `${type}-${besluitId}.pdf` } as BesluitDocumentSpec,
        procedureTitel: titel(),
      },
    });
  }

  const overeenstemmingCommand = (i: unknown, besluitId: string): TrajectCommand => ({ type: "StelOvereenstemmingVoor", actor: parseOrRefuse(ActorOnly, i).actor, data: { besluitId, ...parseOrRefuse(TrajectBodies.overeenstemming, i) } });
  entity.update(updates.stelOvereenstemmingVoor, {
    validate: (i) => void entity.decide(rule(overeenstemmingCommand(i, PENDING_ID))),
    handle: async (i) => {
      const besluitId = newBesluitId("OV");
      const command = overeenstemmingCommand(i, besluitId);
      if (command.type !== "StelOvereenstemmingVoor") throw new Error("onmogelijk");
      entity.apply(rule(command), command.actor, command.data.motivering);
      const s = live();
      const o = geldendeOfferte(s);
      const diensten = (o?.diensten ?? []).map((d) => `${d.naam}: € ${d.tarief.toFixed(2).replace(".", ",")} per ${d.eenheid}`).join("; ");
      await voorleggen(command.actor, besluitId, "akkoord-gunning", "Voorstel akkoord gunning (onderhands)", `Gunning aan ${s.naam} (KvK ${s.kvk}) op offerteversie ${o?.versie ?? "?"}: ${diensten}.`, command.data.motivering, [
        "Na akkoord ontvangt de aanbieder het gunningsbesluit en start het contract met het looptijdschema van de catalogus.",
        `Overeenstemming na ${s.rondes.length} gespreksronde(s).`,
      ]);
      await report();
      return { besluitId };
    },
  });

  const beeindigingCommand = (i: unknown, besluitId: string): TrajectCommand => ({ type: "StelBeeindigingVoor", actor: parseOrRefuse(ActorOnly, i).actor, data: { besluitId, ...parseOrRefuse(TrajectBodies.beeindiging, i) } });
  entity.update(updates.stelBeeindigingVoor, {
    validate: (i) => void entity.decide(rule(beeindigingCommand(i, PENDING_ID))),
    handle: async (i) => {
      const besluitId = newBesluitId("BE");
      const command = beeindigingCommand(i, besluitId);
      if (command.type !== "StelBeeindigingVoor") throw new Error("onmogelijk");
      entity.apply(rule(command), command.actor, command.data.motivering);
      const s = live();
      await voorleggen(command.actor, besluitId, "beeindiging-traject", "Besluit beëindiging inkooptraject", `Het inkooptraject met ${s.naam} (KvK ${s.kvk}) wordt beëindigd zonder gunning (reden: ${command.data.reden.replaceAll("-", " ")}).`, command.data.motivering, [
        "Er volgt geen contract in dit traject.",
        "De aanbieder ontvangt dit besluit met de motivering.",
      ]);
      await report();
      return { besluitId };
    },
  });

  /** The authority decided: on akkoord of an agreement the gunningsbesluit and the contract; an ending goes to the aanbieder. */
  entity.internal<BesluitGenomenMessage>("besluitGenomen", async (m) => {
    const before = live();
    const soort = before.lopendBesluit?.besluitId === m.besluitId ? before.lopendBesluit.soort : undefined;
    const { events } = entity.apply(rule({ type: "RecordBesluit", actor: SYSTEEM, data: { besluitId: m.besluitId, akkoord: m.akkoord, motivering: m.motivering } }), SYSTEEM, m.motivering || undefined);
    if (events.length === 0) return;
    const s = live();
    const now = entity.now();
    if (m.akkoord && soort === "overeenstemming") {
      const besluitId = `${m.besluitId}-GUN`;
      const contract = findContract(s.contractId);
      const ref = procedureRef({ ...s, titel: titel() });
      const ingangsdatum = (entity.data.contractIngangsdatum as string | undefined) ?? firstOfNextMonth(now);
      const o = geldendeOfferte(s);
      const diensten = (o?.diensten ?? []).map((d) => d.naam);
      await entity.create(besluitType, besluitId, {
        name: "vaststellen",
        input: {
          auteur: SYSTEEM,
          inhoud: { type: "definitieve-gunning", titel: "Gunningsbesluit", onderwerp: { soort: "traject", id: key }, procedureId: s.procedureId, ontvanger: { naam: s.naam, kvk: s.kvk, email: s.email }, samenvatting: `U krijgt het contract ${contract?.naam ?? s.contractId} gegund; het gaat in op ${formatDateNl(ingangsdatum)}.`, krachtens: m.besluitId, motivering: m.motivering || "Overeenstemming bereikt." },
          document: {
            kind: "algemeen-besluit",
            data: algemeenBesluitDocument(ref, {
              besluitId,
              type: "definitieve-gunning",
              titel: "Gunningsbesluit",
              datum: now.toISOString(),
              auteur: SYSTEEM,
              besluittekst: `Het contract ${contract?.naam ?? s.contractId} wordt gegund aan ${s.naam} (KvK ${s.kvk}), op offerteversie ${o?.versie ?? "?"}, met ingang van ${formatDateNl(ingangsdatum)}. Diensten: ${diensten.join(", ")}.`,
              motivering: before.lopendBesluit?.motivering ?? "Overeenstemming bereikt.",
              gevolgen: [`Het contract loopt volgens het schema van inkoopplan ${contract?.sectie ?? ""}.`, ...(contract?.beeindigingBijLandelijkBeleid ? ["Het contract kan worden opgezegd indien landelijk beleid hier aanleiding toe geeft."] : [])],
              ontvanger: { naam: s.naam, kvk: s.kvk, email: s.email },
            }),
            bestandsnaam: `gunningsbesluit-${besluitId}.pdf`,
          } as BesluitDocumentSpec,
          procedureTitel: titel(),
        },
      });
      await entity.create(contractType, `${s.contractId}/${s.kvk}`, {
        name: "start",
        messageId: `traject:${key}:contract:${besluitId}`,
        input: { contractId: s.contractId, kvk: s.kvk, naam: s.naam, procedureId: s.procedureId, besluitId, producten: diensten, ingangsdatum },
      });
      entity.apply(rule({ type: "RecordGunning", actor: SYSTEEM, data: { besluitId } }), SYSTEEM);
    } else if (m.akkoord && soort === "beeindiging" && m.document) {
      const mail = besluitAanOntvangerMail({ titel: "Besluit beëindiging inkooptraject", besluitId: m.besluitId, procedureTitel: titel(), naam: s.naam, samenvatting: "Uw inkooptraject is beëindigd zonder gunning; de reden en de motivering staan in het besluit." });
      await sendNotification(["traject", key, "beeindigd"], { to: [s.email], ...mail, documenten: [m.document] });
    }
    await report();
  });

  entity.query(queries.get, (i) => view(parseOrRefuse(ActorOnly, i).actor));
  entity.query(queries.events, (i) => {
    view(parseOrRefuse(ActorOnly, i).actor);
    return entity.log;
  });

  return entity.run();
}
