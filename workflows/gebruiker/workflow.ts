import { patched } from "@temporalio/workflow";
import {
  AccountBeheerSchema,
  CreateGebruikerSchema,
  beheerAccount,
  evolveAccount,
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
import { gebruikerEntity, type GebruikerCredentials, type GebruikerEvent, type GebruikerLogregel, type GebruikerOverzicht, type GebruikerState } from "./definition";

/**
 * Failures counted per client instead of one lock for the whole account. Histories recorded before
 * (an account-wide lock armed the "ontgrendeld" timer; "vergeet" only ran for names without an
 * account) replay through the old branch; from the first new workflow task on, the new rules apply.
 */
const PER_CLIENT = "per-client-pogingen";
/**
 * Accounts publish a summary (memo) for the account list. Histories recorded before replay without
 * it; such an account joins the list at its next login attempt or administration command.
 */
const IN_LIJST = "account-lijst";

const initial: GebruikerState = { account: null, pogingen: null };

function evolve(state: GebruikerState, e: GebruikerEvent): GebruikerState {
  switch (e.type) {
    case "GebruikerAangemaakt":
      return { account: e.data, pogingen: null };
    case "PogingenBijgewerkt":
      return { ...state, pogingen: e.data };
    default:
      return state.account ? { ...state, account: evolveAccount(state.account, e) } : state;
  }
}

function overzicht(account: GebruikerAccount): GebruikerOverzicht {
  return {
    gebruikersnaam: account.gebruikersnaam,
    naam: account.naam,
    rol: account.rol,
    ...(account.kvk ? { kvk: account.kvk } : {}),
    ...(account.email ? { email: account.email } : {}),
    accountbeheer: account.accountbeheer === true,
    uitgeschakeld: account.uitgeschakeld !== undefined,
    aangemaaktOp: account.aangemaaktOp,
  };
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

  let listed = false;
  const ensureListed = () => {
    if (listed || !patched(IN_LIJST)) return;
    listed = true;
    entity.summary((s) => (s.account ? { ...overzicht(s.account) } : null));
  };
  ensureListed();

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
      ensureListed();
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
      ensureListed();
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

  const beheren =
    (i: unknown) =>
    (s: GebruikerState, now: Date): GebruikerEvent[] | Refusal =>
      beheerAccount(s.account, parseOrRefuse(AccountBeheerSchema, i), now);

  entity.update(updates.beheer, {
    validate: (i) => void entity.decide(beheren(i)),
    handle: (i) => {
      ensureListed();
      const cmd = parseOrRefuse(AccountBeheerSchema, i);
      const { state } = entity.apply(beheren(i), cmd.actor, "reden" in cmd ? cmd.reden : undefined);
      if (!state.account) throw new Error("gebruiker zonder account na beheer");
      return publiek(state.account);
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
      ...(account.uitgeschakeld ? { uitgeschakeld: true } : {}),
      ...(account.wachtwoordTijdelijk ? { wachtwoordTijdelijk: true } : {}),
      ...(account.accountbeheer ? { accountbeheer: true } : {}),
    };
  });

  entity.query(queries.get, () => {
    const { account } = entity.state;
    return account ? publiek(account) : null;
  });

  entity.query(queries.logboek, (): GebruikerLogregel[] =>
    entity.log.map((r) => {
      // The hash stays in the account: the logboek says a password was set, and by whom.
      if (r.type === "GebruikerAangemaakt") {
        const { wachtwoordHash: _h, ...data } = r.data;
        return { ...r, data };
      }
      if (r.type === "WachtwoordGewijzigd") return { ...r, data: { tijdelijk: r.data.tijdelijk } };
      return r;
    }),
  );

  return entity.run();
}
