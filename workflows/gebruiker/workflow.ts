import {
  CreateGebruikerSchema,
  GEEN_POGINGEN,
  PogingSchema,
  geblokkeerdOp,
  magAanmaken,
  registreerPoging,
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

/** Attempts on a name without an account are forgotten after a day (or when their lock has passed). */
const VERGEET_NA_MS = 24 * 3600_000;

const initial: GebruikerState = { account: null, pogingen: null };

function evolve(state: GebruikerState, e: GebruikerEvent): GebruikerState {
  switch (e.type) {
    case "GebruikerAangemaakt":
      return { account: e.data, pogingen: null };
    case "PogingenBijgewerkt":
      return { ...state, pogingen: e.data };
  }
}

function publiek(account: GebruikerAccount, pogingen: Pogingen, now: Date): GebruikerPubliek {
  const { wachtwoordHash: _hash, ...rest } = account;
  return { ...rest, ...(geblokkeerdOp(pogingen, now) ? { geblokkeerdTot: pogingen.geblokkeerdTot! } : {}) };
}

/**
 * A login account, keyed by its lower-case gebruikersnaam. Holds the password hash (never the
 * password) and the failed attempts in a row. Failed attempts on a name without an account are
 * counted too, so an unknown name and a wrong password behave the same, lock-out included.
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
      return publiek(state.account, GEEN_POGINGEN, entity.now());
    },
  });

  /**
   * Records one attempt (the API has checked the password) and decides whether it may log in. Under
   * the entity's lock, so parallel guesses are counted one after another: once five have failed,
   * even a right password is refused until the lock has passed.
   */
  entity.update(updates.recordAttempt, {
    validate: (i) => void parseOrRefuse(PogingSchema, i),
    handle: (i) => {
      const { ok, at } = parseOrRefuse(PogingSchema, i);
      const { account, pogingen: stored } = entity.state;
      const before = stored ?? GEEN_POGINGEN;
      const { pogingen, uitkomst } = registreerPoging(before, { ok: ok && account !== null, at: new Date(at) });
      if (pogingen !== before) zetPogingen(pogingen.mislukt === 0 && !pogingen.geblokkeerdTot ? null : pogingen);
      // Queries see the workflow's clock, which stands still between activations: wake at the end of a
      // lock so `get` and `credentials` stop reporting it once it has passed.
      if (account && pogingen.geblokkeerdTot && pogingen !== before) entity.at("ontgrendeld", pogingen.geblokkeerdTot);
      if (!account && !stored && pogingen.mislukt > 0) entity.at("vergeet", new Date(entity.now().getTime() + VERGEET_NA_MS));
      return uitkomst;
    },
  });

  /** Only wakes the workflow at the end of a lock (see `recordAttempt`); the lock itself lapses by its instant. */
  entity.internal("ontgrendeld", () => undefined);

  /** Clears the attempts on a name that still has no account, and ends its workflow. */
  entity.internal("vergeet", () => {
    const { account, pogingen } = entity.state;
    if (account) return;
    const now = entity.now();
    if (pogingen && geblokkeerdOp(pogingen, now)) {
      entity.at("vergeet", new Date(new Date(pogingen.geblokkeerdTot!).getTime() + 1000));
      return;
    }
    if (pogingen) zetPogingen(null);
    entity.finish();
  });

  entity.query(queries.credentials, (_i, now): GebruikerCredentials | null => {
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
      ...(geblokkeerdOp(pogingen, now) ? { geblokkeerdTot: pogingen.geblokkeerdTot! } : {}),
    };
  });

  entity.query(queries.get, (_i, now) => {
    const { account } = entity.state;
    return account ? publiek(account, entity.state.pogingen ?? GEEN_POGINGEN, now) : null;
  });

  return entity.run();
}
