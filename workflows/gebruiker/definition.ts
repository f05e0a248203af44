import type { z } from "zod";
import type { AccountBeheer, AccountBeheerEvent, CreateGebruikerSchema, GebruikerAccount, GebruikerPubliek, GebruikerRol, Poging, PogingUitkomst, Pogingen } from "../../domain/gebruiker/gebruiker";
import type { Recorded } from "../../domain/shared/audit";
import { refuse } from "../../domain/shared/refusal";
import { entityDef, query, update } from "../runtime/definitions";

/** What the API needs to check a password itself: the hash, and who the account is. */
export interface GebruikerCredentials {
  gebruikersnaam: string;
  naam: string;
  rol: GebruikerRol;
  kvk?: string;
  wachtwoordHash: string;
  /** Failed attempts in a row on the account, all clients together (see domain/gebruiker `registreerPoging`). */
  mislukt: number;
  /** A disabled account never logs in, right password or not. */
  uitgeschakeld?: boolean;
  /** The password is a starting password: the user chooses an own one before anything else. */
  wachtwoordTijdelijk?: boolean;
  accountbeheer?: boolean;
}

/** What the account list shows of an account (the workflow's memo); never the hash. */
export interface GebruikerOverzicht {
  gebruikersnaam: string;
  naam: string;
  rol: GebruikerRol;
  kvk?: string;
  email?: string;
  accountbeheer: boolean;
  uitgeschakeld: boolean;
  aangemaaktOp: string;
}

/** One line of an account's logboek; a password change shows that it happened, never the hash. */
export type GebruikerLogregel = Omit<Recorded<GebruikerEvent>, "data"> & { data: unknown };

/** The account (null until created) and the failed attempts kept per client and in all (null when there are none). */
export interface GebruikerState {
  account: GebruikerAccount | null;
  pogingen: Pogingen | null;
}

export type GebruikerEvent = { type: "GebruikerAangemaakt"; data: GebruikerAccount } | { type: "PogingenBijgewerkt"; data: Pogingen | null } | AccountBeheerEvent;

/**
 * The input of `create`, as before (domain/gebruiker `CreateGebruikerSchema`): who asks, the account,
 * and for a self-registering aanbieder its profile. The entity no longer registers that profile: the
 * API registers it first (`aanbieder.register`), after checking that neither the KvK number nor the
 * gebruikersnaam exists yet; `magAanmaken` still requires the profile for a self-registration.
 */
export type CreateGebruikerInput = z.input<typeof CreateGebruikerSchema>;

/**
 * A login account, keyed by its lower-case gebruikersnaam. Failed attempts on a name without an
 * account are counted too (so `recordAttempt` creates the entity as well); such a name is forgotten
 * a day after its last failure, and its workflow then ends.
 */
export const gebruikerEntity = entityDef({
  type: "gebruiker",
  updates: {
    create: update<GebruikerPubliek, CreateGebruikerInput>("create"),
    /**
     * `at` is the API's clock at the attempt; `ok` whether the API found the password right; `client`
     * a hash of where the attempt came from (missing: one shared "onbekend" client, as before).
     */
    recordAttempt: update<PogingUitkomst, Poging>("recordAttempt"),
    /** Disable, enable, re-role, a starting password (accountbeheer), or the user's own new password. */
    beheer: update<GebruikerPubliek, AccountBeheer>("beheer"),
  },
  queries: {
    /** For the API only, which verifies the password itself; null when there is no such account. */
    credentials: query<GebruikerCredentials | null>("credentials"),
    /** The account without its hash; null when there is none. */
    get: query<GebruikerPubliek | null>("get"),
    /** Who did what to the account, when and why (creation and administration; login attempts are not kept here). */
    logboek: query<GebruikerLogregel[]>("logboek"),
  },
  creates: ["create", "recordAttempt"],
  missing: refuse("BestaatNiet", 404, "Dit account bestaat niet."),
  absent: { credentials: null, get: null, logboek: [] },
});
export type GebruikerEntity = typeof gebruikerEntity;
