import { sha256OfJson } from "../activities/hash";
import { uploadedBy } from "../activities/uploads";
import type { InschrijvingInput } from "../domain/inschrijving/inschrijving";
import type { Actor } from "../domain/shared/actor";
import { refuse } from "../domain/shared/refusal";
import { aanbiederEntity, type AanbiederSummary } from "../workflows/aanbieder/definition";
import { contractEntity } from "../workflows/contract/definition";
import { gebruikerEntity } from "../workflows/gebruiker/definition";
import { inschrijvingEntity } from "../workflows/inschrijving/definition";
import { procedureEntity } from "../workflows/procedure/definition";
import { verlengingsrondeEntity } from "../workflows/verlengingsronde/definition";
import { onderhandsEntity } from "../workflows/onderhands/definition";
import { TrajectBodies, trajectEntity } from "../workflows/traject/definition";
import type { z } from "zod";
import type { UpdateInput } from "../workflows/runtime/definitions";
import { EngineRefusal, type CallOptions, type EngineClient } from "./client";

/*
 * Commands whose rules need facts that live in other entities. The API gathers those facts and sends
 * them along, so each entity's update validator can run its whole rule synchronously and refuse
 * before anything is written. The JSON routes and the pages both go through here.
 */

type Without<T, K extends keyof T> = Omit<T, K>;

/**
 * Uploads belong to the aanbieder that uploaded them (activities/uploads.ts): an `upl-` reference to
 * bytes this KvK did not upload itself is refused here, before the engine sees it, so nobody claims
 * another party's file by its hash and then reads it back. Other references (a name, a reference to a
 * file kept elsewhere) are no uploads and pass; the `upl-` prefix is reserved for uploads, so a
 * malformed `upl-` reference is refused too. The refusal takes the form of the engine's own, so the
 * JSON routes and the pages answer it the way they answer the rules: 400, naming the field.
 */
async function refuseForeignUploads(kvk: string | undefined, refs: [veld: string, ref: string | undefined][]): Promise<void> {
  const claimed = refs.filter((r): r is [string, string] => r[1]?.startsWith("upl-") === true);
  const owned = await Promise.all(claimed.map(([, ref]) => uploadedBy(ref, kvk)));
  const foreign = claimed.find((_, i) => !owned[i]);
  if (foreign) throw new EngineRefusal(refuse("OngeldigeInvoer", 400, `${foreign[0]}: Dit bestand is niet door u geüpload.`, foreign[0]));
}

/**
 * procedureId → its contractId, fixed at creation; bounded, the oldest forgotten first. The look-up is
 * shared: the first wave of concurrent submissions to a procedure waits for one look-up, not one each.
 */
const contractOf = new Map<string, Promise<string>>();

/*
 * Read from the procedure's summary (its memo), which the engine answers without the worker. A query
 * would wait behind the procedure's workflow tasks: in a burst of 50 first submissions, 50 queries on
 * the busiest workflow held their submissions 5-9 s (bench at 200, api.log), one until its deadline.
 */
function contractIdOf(engine: EngineClient, procedureId: string, actor: Actor): Promise<string> {
  const known = contractOf.get(procedureId);
  if (known) return known;
  const lookUp = (async () => {
    const read = await engine.summary(procedureEntity, procedureId);
    if (!read.found) throw new EngineRefusal(procedureEntity.missing);
    const contractId = read.summary?.contractId;
    if (typeof contractId === "string") return contractId;
    return (await engine.entity(procedureEntity, procedureId).get({ actor })).contractId;
  })();
  if (contractOf.size >= 1000) contractOf.delete(contractOf.keys().next().value!);
  contractOf.set(procedureId, lookUp);
  // A procedure that does not exist (yet) is asked again next time.
  lookUp.catch(() => {
    if (contractOf.get(procedureId) === lookUp) contractOf.delete(procedureId);
  });
  return lookUp;
}

/*
 * A submission needs of the aanbieder its name and confirmed address, and of an earlier contract only
 * whether it was ontbonden: both are in the entities' summaries (their memos), which the engine answers
 * without the worker. A query runs in the worker, and with more aanbieders than its cache holds it first
 * replays the aanbieder (500 submissions: worker CPU 14.1-14.7 s with queries, 7.3-8.5 s with this).
 * Where there is no summary yet (the first task of a new run), the entity is asked as before.
 */
async function aanbiederOf(engine: EngineClient, kvk: string): Promise<AanbiederSummary | null> {
  const read = await engine.summary(aanbiederEntity, kvk);
  if (read.found && read.summary) return read.summary as AanbiederSummary;
  return engine.entity(aanbiederEntity, kvk).get();
}

async function ontbondenOf(engine: EngineClient, contractKey: string): Promise<boolean> {
  const read = await engine.summary(contractEntity, contractKey);
  if (!read.found) return false;
  if (read.summary) return read.summary.status === "ontbonden";
  return engine.entity(contractEntity, contractKey).ontbonden();
}

/**
 * A submission or a new version: the uploads must be the aanbieder's own, and the procedure gets the
 * aanbieder's name and confirmed address, whether the aanbieder's contract was ontbonden, and the content's hash.
 */
async function inschrijvingInput(engine: EngineClient, procedureId: string, input: { actor: Actor; kvk: string; inschrijving: InschrijvingInput }) {
  const procedure = engine.entity(procedureEntity, procedureId);
  // The look-ups run side by side, after the procedure's contract (known after the first submission).
  const contractId = await contractIdOf(engine, procedureId, input.actor);
  const [, aanbieder, ontbonden] = await Promise.all([
    refuseForeignUploads(input.actor.kvk, input.inschrijving.antwoorden.map((a, i) => [`antwoorden.${i}.documentRef`, a.documentRef])),
    aanbiederOf(engine, input.kvk),
    ontbondenOf(engine, `${contractId}/${input.kvk}`),
  ]);
  const sha256 = sha256OfJson({ procedureId, kvk: input.kvk, inschrijving: input.inschrijving });
  return { procedure, body: { ...input, aanbieder, ontbonden, sha256 } };
}

export async function submitInschrijving(engine: EngineClient, procedureId: string, input: { actor: Actor; kvk: string; inschrijving: InschrijvingInput }, opts: CallOptions = {}) {
  const { procedure, body } = await inschrijvingInput(engine, procedureId, input);
  return procedure.submitInschrijving(body, opts);
}

/** A new version of the aanbieder's own inschrijving before closing: checked and hashed as a submission is. */
export async function vervangInschrijving(engine: EngineClient, procedureId: string, input: { actor: Actor; kvk: string; inschrijving: InschrijvingInput }, opts: CallOptions = {}) {
  const { procedure, body } = await inschrijvingInput(engine, procedureId, input);
  return procedure.vervangInschrijving(body, opts);
}

export async function askQuestion(engine: EngineClient, procedureId: string, input: { actor: Actor; vraag: string }) {
  const aanbieder = input.actor.kvk ? await engine.entity(aanbiederEntity, input.actor.kvk).get() : null;
  return engine.entity(procedureEntity, procedureId).askQuestion({ ...input, aanbieder });
}

/** The running contracts of one catalogue contract: who a verlengingsronde is about. */
export async function contractenVan(engine: EngineClient, contractId: string) {
  const all = (await engine.list(contractEntity)) as { kvk?: string; naam?: string; status?: string; ingangsdatum?: string; contractId?: string }[];
  return all
    .filter((c) => c.contractId === contractId && typeof c.kvk === "string")
    .map((c) => ({ kvk: c.kvk!, ...(c.naam ? { naam: c.naam } : {}), ...(c.status ? { status: c.status } : {}), ...(c.ingangsdatum ? { ingangsdatum: c.ingangsdatum } : {}) }));
}

type Inschrijving = (typeof inschrijvingEntity)["updates"];

/** Herstel: the documents supplied must be the aanbieder's own uploads (see refuseForeignUploads). */
export async function supplyHerstel(engine: EngineClient, key: string, input: UpdateInput<Inschrijving["supplyHerstel"]>, opts: CallOptions = {}) {
  await refuseForeignUploads(input.actor.kvk, input.aanvullingen.map((a, i) => [`aanvullingen.${i}.documentRef`, a.documentRef]));
  return engine.entity(inschrijvingEntity, key).supplyHerstel(input, opts);
}

/** A hoor-en-wederhoor reply: its documents must be the aanbieder's own uploads (see refuseForeignUploads). */
export async function replyHoorEnWederhoor(engine: EngineClient, key: string, input: UpdateInput<Inschrijving["replyHoorEnWederhoor"]>, opts: CallOptions = {}) {
  await refuseForeignUploads(input.actor.kvk, (input.documenten ?? []).map((d, i) => [`documenten.${i}`, d]));
  return engine.entity(inschrijvingEntity, key).replyHoorEnWederhoor(input, opts);
}

type Ronde = (typeof verlengingsrondeEntity)["updates"];

export async function openVerlengingsronde(engine: EngineClient, key: string, input: Without<UpdateInput<Ronde["open"]>, "contracten">) {
  return engine.entity(verlengingsrondeEntity, key).open({ ...input, contracten: await contractenVan(engine, input.contractId) } as UpdateInput<Ronde["open"]>);
}

export async function proposeWeigering(engine: EngineClient, key: string, contractId: string, input: Without<UpdateInput<Ronde["proposeWeigering"]>, "contracten">) {
  return engine.entity(verlengingsrondeEntity, key).proposeWeigering({ ...input, contracten: await contractenVan(engine, contractId) } as UpdateInput<Ronde["proposeWeigering"]>);
}

export async function startRondeHoor(engine: EngineClient, key: string, input: Without<UpdateInput<Ronde["startHoorEnWederhoor"]>, "aanbieder">) {
  const aanbieder = await engine.entity(aanbiederEntity, input.kvk).get();
  return engine.entity(verlengingsrondeEntity, key).startHoorEnWederhoor({ ...input, aanbieder } as UpdateInput<Ronde["startHoorEnWederhoor"]>);
}

type Contract = (typeof contractEntity)["updates"];

/** The letter of a contract besluit goes to the aanbieder's current address: its profile comes along. */
export async function proposeContractBesluit(engine: EngineClient, key: string, input: Without<UpdateInput<Contract["propose"]>, "aanbieder">) {
  const aanbieder = await engine.entity(aanbiederEntity, key.slice(key.lastIndexOf("/") + 1)).get();
  return engine.entity(contractEntity, key).propose({ ...input, aanbieder } as UpdateInput<Contract["propose"]>);
}

export async function proposeOntbinding(engine: EngineClient, key: string, input: Without<UpdateInput<Contract["proposeOntbinding"]>, "aanbieder">) {
  const aanbieder = await engine.entity(aanbiederEntity, key.slice(key.lastIndexOf("/") + 1)).get();
  return engine.entity(contractEntity, key).proposeOntbinding({ ...input, aanbieder } as UpdateInput<Contract["proposeOntbinding"]>);
}

/**
 * Self-registration: the aanbieder's profile first, then its account, so there is never an account
 * without a profile. The page checked beforehand that neither exists; the account's own validator
 * still refuses a name taken in the meantime.
 */
export async function registreerAanbiederMetAccount(
  engine: EngineClient,
  input: { actor: Actor; gebruiker: UpdateInput<(typeof gebruikerEntity)["updates"]["create"]>["gebruiker"]; registratie: UpdateInput<(typeof aanbiederEntity)["updates"]["register"]>["registratie"] },
) {
  await engine.entity(aanbiederEntity, input.registratie.kvk).register({ actor: input.actor, registratie: input.registratie });
  return engine.entity(gebruikerEntity, input.gebruiker.gebruikersnaam).create({ actor: input.actor, gebruiker: input.gebruiker, registratie: input.registratie });
}

/**
 * A SAS final offer: the aanbieder's name and address from its profile, the content hash for the
 * receipt, and (with a single perceel) the perceel filled in, so the rule can run in the validator.
 */
export async function submitSasOfferte(
  engine: EngineClient,
  procedureId: string,
  input: { actor: Actor; percelen?: string[]; antwoorden: { perceel?: string; criterium: string; antwoord: string; documentRef?: string }[] },
  opts: CallOptions = {},
) {
  const kvk = input.actor.kvk ?? "";
  await refuseForeignUploads(kvk, input.antwoorden.map((a, i) => [`antwoorden.${i}.documentRef`, a.documentRef]));
  const procedure = engine.entity(procedureEntity, procedureId);
  const [view, aanbieder] = await Promise.all([procedure.get({ actor: input.actor }), aanbiederOf(engine, kvk)]);
  if (!aanbieder) throw new EngineRefusal(refuse("OnbekendeAanbieder", 400, `KvK-nummer ${kvk} is niet geregistreerd als aanbieder; registreer eerst.`, "kvk"));
  const enige = view.sas?.opzet.percelen.length === 1 ? view.sas.opzet.percelen[0]!.perceel : undefined;
  const percelen = input.percelen ?? (enige ? [enige] : []);
  const antwoorden = input.antwoorden.map((a) => ({ ...a, perceel: a.perceel ?? enige ?? "" }));
  const sha256 = sha256OfJson({ procedureId, kvk, percelen, antwoorden });
  return procedure.sas({ actor: input.actor, opdracht: { type: "SubmitOfferte", kvk, percelen, antwoorden, naam: aanbieder.naam, email: aanbieder.email, sha256 } }, opts);
}

/** An invitation names an aanbieder by KvK: its registered name and address go to its trajectory. */
export async function nodigUitOnderhands(engine: EngineClient, procedureId: string, input: { actor: Actor; kvk: string; deadline: string }, opts: CallOptions = {}) {
  const profiel = await engine.entity(aanbiederEntity, input.kvk).get();
  return engine.entity(onderhandsEntity, procedureId).nodigUit({ ...input, aanbieder: profiel ? { naam: profiel.naam, email: profiel.email } : null }, opts);
}

/** An offer in a trajectory, with the hash of its content for the record of every version. */
export async function dienTrajectOfferteIn(engine: EngineClient, key: string, input: { actor: Actor } & z.infer<typeof TrajectBodies.offerte>, opts: CallOptions = {}) {
  const { actor, ...offerte } = input;
  await refuseForeignUploads(actor.kvk, (input.antwoorden ?? []).map((a, i) => [`antwoorden.${i}.documentRef`, a.documentRef]));
  const sha256 = sha256OfJson({ key, kvk: actor.kvk, offerte });
  return engine.entity(trajectEntity, key).dienOfferteIn({ ...input, sha256 }, opts);
}
