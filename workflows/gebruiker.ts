import * as restate from "@restatedev/restate-sdk";
import {
  CreateGebruikerSchema,
  GEEN_POGINGEN,
  PogingSchema,
  geblokkeerdOp,
  magAanmaken,
  registreerPoging,
  type GebruikerAccount,
  type GebruikerPubliek,
  type GebruikerRol,
  type PogingUitkomst,
  type Pogingen,
} from "../domain/gebruiker/gebruiker";
import { refuse } from "../domain/shared/refusal";
import { aanbiederObject } from "./aanbieder";
import { parseOrRefuse, refusalError } from "./refusal";

/** What the API needs to check a password itself: the hash, who the account is, and its lock. */
export interface GebruikerCredentials {
  gebruikersnaam: string;
  naam: string;
  rol: GebruikerRol;
  kvk?: string;
  wachtwoordHash: string;
  mislukt: number;
  geblokkeerdTot?: string;
}

/** Attempts on a name without an account are forgotten after a day (or when their lock has passed). */
const VERGEET_NA_MS = 24 * 3600_000;

function publiek(account: GebruikerAccount, pogingen: Pogingen, now: Date): GebruikerPubliek {
  const { wachtwoordHash: _hash, ...rest } = account;
  return { ...rest, ...(geblokkeerdOp(pogingen, now) ? { geblokkeerdTot: pogingen.geblokkeerdTot! } : {}) };
}

/**
 * A login account, keyed by its lower-case gebruikersnaam. Holds the password hash (never the
 * password) and the failed attempts in a row. Failed attempts on a name without an account are
 * counted too, so an unknown name and a wrong password behave the same, lock-out included.
 */
export const gebruikerObject = restate.object({
  name: "gebruiker",
  handlers: {
    /**
     * Creates the account: by the system (seeding), or by an aanbieder registering itself, in which
     * case its profile is registered first through `aanbieder.register`, in the same invocation, so
     * there is never an account without a profile nor a profile taken over by a second sign-up.
     */
    create: async (ctx: restate.ObjectContext, input: unknown): Promise<GebruikerPubliek> => {
      const parsed = parseOrRefuse(CreateGebruikerSchema, input);
      const refusal = magAanmaken(parsed, ctx.key);
      if (refusal) throw refusalError(refusal);
      if (await ctx.get<GebruikerAccount>("account")) throw refusalError(refuse("BestaatAl", 409, "Deze gebruikersnaam is al in gebruik. Kies een andere gebruikersnaam.", "gebruikersnaam"));
      if (parsed.registratie) {
        const aanbieder = ctx.objectClient(aanbiederObject, parsed.registratie.kvk);
        if (await aanbieder.get())
          throw refusalError(
            refuse("BestaatAl", 409, "Dit KvK-nummer is al geregistreerd. Heeft uw organisatie al een account, log dan daarmee in of neem contact op met de inkoper van de regio.", "kvk"),
          );
        await aanbieder.register({ actor: parsed.actor, registratie: parsed.registratie });
      }
      const now = new Date(await ctx.date.now());
      const account: GebruikerAccount = { ...parsed.gebruiker, aangemaaktOp: now.toISOString(), aangemaaktDoor: parsed.actor };
      ctx.set("account", account);
      ctx.clear("pogingen");
      return publiek(account, GEEN_POGINGEN, now);
    },

    /** For the API only, which verifies the password itself; null when there is no such account. */
    credentials: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<GebruikerCredentials | null> => {
      const account = await ctx.get<GebruikerAccount>("account");
      if (!account) return null;
      const pogingen = (await ctx.get<Pogingen>("pogingen")) ?? GEEN_POGINGEN;
      const now = new Date(await ctx.date.now());
      return {
        gebruikersnaam: account.gebruikersnaam,
        naam: account.naam,
        rol: account.rol,
        ...(account.kvk ? { kvk: account.kvk } : {}),
        wachtwoordHash: account.wachtwoordHash,
        mislukt: pogingen.mislukt,
        ...(geblokkeerdOp(pogingen, now) ? { geblokkeerdTot: pogingen.geblokkeerdTot! } : {}),
      };
    }),

    /**
     * Records one attempt (the API has checked the password) and decides whether it may log in.
     * Exclusive, so parallel guesses are counted one after another: once five have failed, even a
     * right password is refused until the lock has passed.
     */
    recordAttempt: async (ctx: restate.ObjectContext, input: unknown): Promise<PogingUitkomst> => {
      const { ok, at } = parseOrRefuse(PogingSchema, input);
      const account = await ctx.get<GebruikerAccount>("account");
      const stored = await ctx.get<Pogingen>("pogingen");
      const before = stored ?? GEEN_POGINGEN;
      const { pogingen, uitkomst } = registreerPoging(before, { ok: ok && account !== null, at: new Date(at) });
      if (pogingen !== before) {
        if (pogingen.mislukt === 0 && !pogingen.geblokkeerdTot) ctx.clear("pogingen");
        else ctx.set("pogingen", pogingen);
      }
      if (!account && !stored && pogingen.mislukt > 0) ctx.objectSendClient(gebruikerObject, ctx.key).vergeet(restate.rpc.sendOpts({ delay: VERGEET_NA_MS }));
      return uitkomst;
    },

    /** Clears the attempts on a name that still has no account. */
    vergeet: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext): Promise<void> => {
      if (await ctx.get<GebruikerAccount>("account")) return;
      const pogingen = await ctx.get<Pogingen>("pogingen");
      const now = await ctx.date.now();
      if (pogingen && geblokkeerdOp(pogingen, new Date(now))) {
        const delay = new Date(pogingen.geblokkeerdTot!).getTime() - now + 1000;
        ctx.objectSendClient(gebruikerObject, ctx.key).vergeet(restate.rpc.sendOpts({ delay }));
        return;
      }
      ctx.clearAll();
    }),

    /** The account without its hash; null when there is none. */
    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<GebruikerPubliek | null> => {
      const account = await ctx.get<GebruikerAccount>("account");
      if (!account) return null;
      return publiek(account, (await ctx.get<Pogingen>("pogingen")) ?? GEEN_POGINGEN, new Date(await ctx.date.now()));
    }),
  },
});
export type GebruikerObject = typeof gebruikerObject;
