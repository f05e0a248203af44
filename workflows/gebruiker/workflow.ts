import { patched } from "@temporalio/workflow";
import {
  CreateGebruikerSchema,
  GEEN_POGINGEN,
  PogingSchema,
  VERGEET_NA_MS,
  geblokkeerdOp,
  leeg,
  magAanmaken,
  registreerPoging,
  registreerPogingV1,
  vergeetOud,
  volgendeVergeetmoment,
  type GebruikerAccount,
  type GebruikerPubliek,
  type Pogingen,
} from "../../domain/gebruiker/gebruiker";
import type { Recorded } from "../../domain/shared/audit";
import { refuse, type Refusal } from "../../domain/shared/refusal";
import type { EntityInput } from "../runtime/definitions";
import { Entity } from "../runtime/entity";
import { parseOrRefuse } from "../runtime/refusal";
import { gebruikerEntity, type GebruikerCredentials, type GebruikerEvent, type GebruikerState } from "./definition";

/**
 * Failures counted per client instead of one lock for the whole account. Histories recorded before
 * (an account-wide lock armed the "ontgrendeld" timer; "vergeet" only ran for names without an
 * account) replay through the old branch; from the first new workflow task on, the new rules apply.
 */
const PER_CLIENT = "per-client-pogingen";

const initial: GebruikerState = { account: null, pogingen: null };

function evolve(state: GebruikerState, e: GebruikerEvent): GebruikerState {
  switch (e.type) {
    case "GebruikerAangemaakt":
      return { account: e.data, pogingen: null };
    case "PogingenBijgewerkt":
      return { ...state, pogingen: e.data };
  }
}

function publiek(account: GebruikerAccount): GebruikerPubliek {
  const { wachtwoordHash: _hash, ...rest } = account;
  return rest;
}

/**
 * A login account, keyed by its lower-case gebruikersnaam. Holds the password hash (never the
 * password) and the failed attempts, per client and in all. Failed attempts on a name without an
 * account are counted too, so an unknown name and a wrong password behave the same, lock-outs included.
 */
export async function gebruiker(input: EntityInput<GebruikerState, Recorded<GebruikerEvent>>): Promise<void> {
  const entity = new Entity<GebruikerState, GebruikerEvent>({ initial, evolve }, input);
  const { updates, queries } = gebruikerEntity;

  /**
   * Attempts are not audit events (they never were, and every failed guess
   * would grow the log carried from run to run): they change the state only.
   */
  const zetPogingen = (pogingen: Pogingen | null) => {
    entity.state = evolve(entity.state, { type: "PogingenBijgewerkt", data: pogingen });
  };

  // A new, still empty entity (an update that created it was refused) forgets itself like a name
  // with attempts only; `create` and `recordAttempt` cancel or move this timer.
  if (!input.carried && !entity.state.account && !entity.state.pogingen) entity.at("vergeet", new Date(entity.now().getTime() + VERGEET_NA_MS));

  const aanmaken =
    (i: unknown) =>
    (s: GebruikerState, now: Date): GebruikerEvent[] | Refusal => {
      const parsed = parseOrRefuse(CreateGebruikerSchema, i);
      const refusal = magAanmaken(parsed, entity.key);
      if (refusal) return refusal;
      if (s.account) return refuse("BestaatAl", 409, "Deze gebruikersnaam is al in gebruik. Kies een andere gebruikersnaam.", "gebruikersnaam");
      return [{ type: "GebruikerAangemaakt", data: { ...parsed.gebruiker, aangemaaktOp: now.toISOString(), aangemaaktDoor: parsed.actor } }];
    };

  entity.update(updates.create, {
    validate: (i) => void entity.decide(aanmaken(i)),
    handle: (i) => {
      const { actor } = parseOrRefuse(CreateGebruikerSchema, i);
      const { state } = entity.apply(aanmaken(i), actor);
      entity.cancel("vergeet");
      if (!state.account) throw new Error("gebruiker zonder account na aanmaken");
      return publiek(state.account);
    },
  });

  /** The rule this workflow ran before per-client counting, for histories recorded under it. */
  const recordAttemptV1 = ({ ok, at }: { ok: boolean; at: string }) => {
    const { account, pogingen: stored } = entity.state;
    const before = stored ?? GEEN_POGINGEN;
    const { pogingen, uitkomst } = registreerPogingV1(before, { ok: ok && account !== null, at: new Date(at) });
    if (pogingen !== before) zetPogingen(pogingen.mislukt === 0 && !pogingen.geblokkeerdTot ? null : pogingen);
    if (account && pogingen.geblokkeerdTot && pogingen !== before) entity.at("ontgrendeld", pogingen.geblokkeerdTot);
    if (!account && !stored && pogingen.mislukt > 0) entity.at("vergeet", new Date(entity.now().getTime() + VERGEET_NA_MS));
    return uitkomst;
  };

  /**
   * Records one attempt (the API has checked the password) and decides whether it may log in. Under
   * the entity's lock, so parallel guesses from one client are counted one after another: once it
   * has failed five times, even a right password from that client is refused until its lock has passed.
   */
  entity.update(updates.recordAttempt, {
    validate: (i) => void parseOrRefuse(PogingSchema, i),
    handle: (i) => {
      const poging = parseOrRefuse(PogingSchema, i);
      if (!patched(PER_CLIENT)) return recordAttemptV1(poging);
      const { account, pogingen: stored } = entity.state;
      const before = stored ?? GEEN_POGINGEN;
      const { pogingen, uitkomst } = registreerPoging(before, { ok: poging.ok && account !== null, at: new Date(poging.at), client: poging.client });
      if (pogingen !== before) zetPogingen(leeg(pogingen) ? null : pogingen);
      // One timer forgets what is a day old (clients' hashed addresses are personal data); it is armed
      // once and moved only when it fires, so a stream of guesses does not add a timer event each.
      if (!leeg(pogingen) && !entity.timer("vergeet")) entity.at("vergeet", new Date(entity.now().getTime() + VERGEET_NA_MS));
      return uitkomst;
    },
  });

  /** Only woke the workflow at the end of an account-wide lock (before per-client counting); such a timer may still be pending. */
  entity.internal("ontgrendeld", () => undefined);

  /**
   * Forgets what is a day old. A name that has no account and nothing left ends its workflow; what
   * is left is forgotten at its own time.
   */
  entity.internal("vergeet", () => {
    const { account, pogingen } = entity.state;
    const now = entity.now();
    if (!patched(PER_CLIENT)) {
      if (account) return;
      if (pogingen && geblokkeerdOp(pogingen, now)) {
        entity.at("vergeet", new Date(new Date(pogingen.geblokkeerdTot!).getTime() + 1000));
        return;
      }
      if (pogingen) zetPogingen(null);
      entity.finish();
      return;
    }
    const over = vergeetOud(pogingen ?? GEEN_POGINGEN, now);
    zetPogingen(leeg(over) ? null : over);
    const volgende = volgendeVergeetmoment(over);
    if (volgende) entity.at("vergeet", new Date(Math.max(volgende.getTime(), now.getTime() + 1000)));
    else if (!account) entity.finish();
  });

  entity.query(queries.credentials, (): GebruikerCredentials | null => {
    const { account } = entity.state;
    if (!account) return null;
    const pogingen = entity.state.pogingen ?? GEEN_POGINGEN;
    return {
      gebruikersnaam: account.gebruikersnaam,
      naam: account.naam,
      rol: account.rol,
      ...(account.kvk ? { kvk: account.kvk } : {}),
      wachtwoordHash: account.wachtwoordHash,
      mislukt: pogingen.mislukt,
    };
  });

  entity.query(queries.get, () => {
    const { account } = entity.state;
    return account ? publiek(account) : null;
  });

  return entity.run();
}
