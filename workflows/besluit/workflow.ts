import { decideBesluit, evolveBesluit, initialBesluitState, roleOfAuthority, type BesluitCommand, type BesluitDocumentSpec, type BesluitEvent, type BesluitState } from "../../domain/besluit/besluit";
import type { Recorded } from "../../domain/shared/audit";
import { ActorSchema, SYSTEEM, type Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { besluitAanOntvangerMail, besluitTeruggestuurdMail, besluitVoorgelegdMail } from "../../templates/mail";
import type { StoredDocument } from "../../templates/types";
import type { EntityInput } from "../runtime/definitions";
import { patched } from "@temporalio/workflow";
import { documentMakenEnVerzenden, renderDocument, sendNotification } from "../runtime/effects";
import { ActorOnly, DocumentRequest } from "../runtime/inputs";
import { Entity } from "../runtime/entity";
import { contractType, onderhandsType, procedureType, trajectType, verlengingsrondeType } from "../runtime/entity-types";
import { fail, parseOrRefuse, refusalIn } from "../runtime/refusal";
import { BeslissingInputSchema, besluitEntity, type BesluitGenomenMessage, type VaststellenInput, type VoorleggenInput } from "./definition";
import { definitive, summaryOf, view } from "./view";

const Beslissing = BeslissingInputSchema.extend({ actor: ActorSchema });

/** From this version on, a besluit issued at once makes its PDF and its mail in the task that issued it. */
const IN_EEN_TAAK = "besluit-vaststellen-in-een-taak";

type E = BesluitEvent;

const subjectTypes = { procedure: procedureType, verlengingsronde: verlengingsrondeType, contract: contractType, onderhands: onderhandsType, traject: trajectType } as const;

/**
 * A besluit, keyed by its id. `voorleggen` sends it to its authority (PDF + mail); `vaststellen` issues
 * it at once under an earlier mandate and sends it to its ontvanger; `beslissen` is the authority's
 * akkoord or sending back, reported to the entity the besluit is about.
 */
export async function besluit(input: EntityInput<BesluitState, Recorded<E>>): Promise<void> {
  const key = input.key;
  // The creating event takes the besluit's id and its auteur from outside the event (evolveBesluit's meta).
  let auteur: Actor = input.carried && input.carried.state.status !== "leeg" ? input.carried.state.auteur : SYSTEEM;
  const entity = new Entity<BesluitState, E>({ initial: initialBesluitState, evolve: (s, e) => evolveBesluit(s, e, { besluitId: key, auteur }) }, input);
  entity.summary(summaryOf);
  const { updates, queries } = besluitEntity;

  const append = (events: E[]) => entity.commit(events, SYSTEEM);

  /**
   * The creating command. A refused one (a role that may not propose, a besluit that must go to its
   * authority) leaves nothing: the empty entity ends, so the same id can be created again.
   */
  function create(command: Extract<BesluitCommand, { type: "Voorleggen" | "Vaststellen" }>) {
    if (entity.state.status === "leeg") auteur = command.actor;
    try {
      return entity.apply((s, now) => decideBesluit(s, command, now), command.actor);
    } catch (err) {
      if (refusalIn(err) && entity.state.status === "leeg") entity.finish();
      throw err;
    }
  }

  entity.internal<VoorleggenInput>("voorleggen", async (i) => {
    const { state, events } = create({ type: "Voorleggen", actor: i.auteur, data: i.inhoud });
    if (events.length === 0 || state.status === "leeg") return;
    entity.data.documentSpec = i.document;
    const doc = await renderDocument(i.document, state.datum);
    append([{ type: "BesluitDocumentGemaakt", data: { document: doc } }]);
    const mail = besluitVoorgelegdMail({ titel: state.titel, besluitId: key, procedureTitel: i.procedureTitel, authorityNaam: state.authorityNaam, samenvatting: state.samenvatting });
    const rol = roleOfAuthority[state.authority] === "bosd" ? "bosd" : "programmadirecteur";
    const messageId = await sendNotification(["besluit", key, "voorgelegd"], { to: [{ rol }], ...mail, documenten: [doc] });
    append([{ type: "BesluitVerzonden", data: { aan: [rol], messageId, at: entity.now().toISOString() } }]);
  });

  entity.internal<VaststellenInput>("vaststellen", async (i) => {
    const { state, events } = create({ type: "Vaststellen", actor: i.auteur, data: i.inhoud });
    if (events.length === 0 || state.status === "leeg") return;
    const ontvanger = state.ontvanger;
    const idParts = ["besluit", key, "vastgesteld"];
    const mail = ontvanger?.email ? { to: [ontvanger.email], ...besluitAanOntvangerMail({ titel: state.titel, besluitId: key, procedureTitel: i.procedureTitel, naam: ontvanger.naam, samenvatting: state.samenvatting }) } : undefined;
    if (patched(IN_EEN_TAAK)) {
      const { document, messageId } = await documentMakenEnVerzenden(i.document, state.datum, mail && { idParts, notification: mail });
      append([{ type: "BesluitDocumentGemaakt", data: { document } }, ...(mail && messageId ? [verzonden(mail.to, messageId)] : [])]);
      return;
    }
    const doc = await renderDocument(i.document, state.datum);
    append([{ type: "BesluitDocumentGemaakt", data: { document: doc } }]);
    if (mail) {
      const messageId = await sendNotification(idParts, { ...mail, documenten: [doc] });
      append([verzonden(mail.to, messageId)]);
    }
  });

  function verzonden(aan: string[], messageId: string): E {
    return { type: "BesluitVerzonden", data: { aan, messageId, at: entity.now().toISOString() } };
  }

  const beslissenCommand = (i: unknown): Extract<BesluitCommand, { type: "Beslissen" }> => {
    const { actor, akkoord, motivering } = parseOrRefuse(Beslissing, i);
    return { type: "Beslissen", actor, data: { akkoord, motivering } };
  };
  entity.update(updates.beslissen, {
    validate: (i) => void entity.decide((s, now) => decideBesluit(s, beslissenCommand(i), now)),
    handle: async (i) => {
      const command = beslissenCommand(i);
      const { actor } = command;
      const { akkoord, motivering } = command.data;
      const { state } = entity.apply((s, now) => decideBesluit(s, command, now), actor, motivering || undefined);
      if (state.status === "leeg" || !state.beslissing) throw new Error("besluit zonder beslissing");
      let document: StoredDocument | undefined;
      if (akkoord) {
        const spec = entity.data.documentSpec as BesluitDocumentSpec | undefined;
        if (spec) {
          document = await renderDocument(definitive(spec, state.beslissing, state.authorityNaam), state.beslissing.at);
          append([{ type: "BesluitDocumentGemaakt", data: { document } }]);
        }
      } else {
        const mail = besluitTeruggestuurdMail({ titel: state.titel, besluitId: key, procedureTitel: state.procedureId ?? "", door: `${state.authorityNaam} (${actor.id})`, motivering });
        await sendNotification(["besluit", key, "teruggestuurd"], { to: [{ rol: "inkoop" }], ...mail });
      }
      const message: BesluitGenomenMessage = { besluitId: key, akkoord, motivering, door: actor.id, ...(document ? { document } : {}) };
      await entity.send(subjectTypes[state.onderwerp.soort], state.onderwerp.id, { name: "besluitGenomen", input: message, messageId: `besluit:${key}:besluitGenomen` });
      return view(entity.state, actor);
    },
  });

  entity.query(queries.get, (i) => view(entity.state, parseOrRefuse(ActorOnly, i).actor));

  entity.query(queries.document, (i) => {
    const { actor, documentId } = parseOrRefuse(DocumentRequest, i);
    const state = view(entity.state, actor);
    const doc = state.documenten.find((d) => d.id === documentId);
    if (!doc) fail(refuse("BestaatNiet", 404, "Dit document hoort niet bij dit besluit."));
    return doc;
  });

  entity.query(queries.events, (i) => {
    view(entity.state, parseOrRefuse(ActorOnly, i).actor);
    return entity.log;
  });

  return entity.run();
}
