import { z } from "zod";
import { ActorSchema, type Actor } from "../shared/actor";
import { KvkSchema } from "../shared/kvk";
import { refuse, type Refusal } from "../shared/refusal";
import { AanbiederRegistratieSchema } from "../aanbieder/aanbieder";

/**
 * Accounts for logging in with a password. Pure rules: who may create an account, what a valid
 * username and a new password are, and how failed attempts slow down a guesser. The password itself
 * never reaches the engine: the API hashes it and verifies it; the engine keeps only the hash.
 */

export const GebruikerRolSchema = z.enum(["inkoper", "beoordelaar", "aanbieder", "programmadirecteur", "bosd"]);
export type GebruikerRol = z.infer<typeof GebruikerRolSchema>;

/** Lower-case, so "J.Jansen" and "j.jansen" are one account (and one virtual-object key). */
export const normaliseerGebruikersnaam = (s: string): string => s.normalize("NFKC").trim().toLowerCase();

export const GEBRUIKERSNAAM_MELDING = "Een gebruikersnaam bestaat uit 3 tot 64 tekens: letters, cijfers, punt, @, streepje of liggend streepje, en begint met een letter of cijfer.";
export const GebruikersnaamSchema = z
  .string({ error: "Vul een gebruikersnaam in." })
  .transform(normaliseerGebruikersnaam)
  .pipe(
    z
      .string()
      .min(1, { error: "Vul een gebruikersnaam in." })
      .regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/, { error: GEBRUIKERSNAAM_MELDING }),
  );

export const WACHTWOORD_MIN = 12;
export const WACHTWOORD_MAX = 256;
/** Length in characters as a person counts them (code points), after the same normalisation the hash uses. */
export const wachtwoordLengte = (s: string): number => [...s.normalize("NFKC")].length;

/** Rules for a new password; returns the Dutch reason or null. */
export function wachtwoordFout(wachtwoord: string, gebruikersnaam?: string): string | null {
  if (wachtwoord.length === 0) return "Kies een wachtwoord.";
  const n = wachtwoordLengte(wachtwoord);
  if (n < WACHTWOORD_MIN) return `Het wachtwoord moet minstens ${WACHTWOORD_MIN} tekens lang zijn (nu ${n}).`;
  if (n > WACHTWOORD_MAX) return `Het wachtwoord mag hoogstens ${WACHTWOORD_MAX} tekens lang zijn.`;
  if (gebruikersnaam && normaliseerGebruikersnaam(wachtwoord) === normaliseerGebruikersnaam(gebruikersnaam)) return "Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam.";
  return null;
}

/** `scrypt$N$r$p$salt$hash`, salt and hash base64url (see activities/password.ts). */
export const WachtwoordHashSchema = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, { error: "ongeldige wachtwoord-hash" });

export const NieuweGebruikerSchema = z
  .object({
    gebruikersnaam: GebruikersnaamSchema,
    naam: z.string({ error: "naam ontbreekt" }).trim().min(2, { error: "naam is te kort" }).max(200),
    rol: GebruikerRolSchema,
    kvk: KvkSchema.optional(),
    email: z.email({ error: "e-mailadres is ongeldig" }).optional(),
    wachtwoordHash: WachtwoordHashSchema,
    /** May create, disable and re-role accounts (account administration); region roles only. */
    accountbeheer: z.boolean().optional(),
    /** A starting password set by an accountbeheerder: the user chooses an own one at the first login. */
    wachtwoordTijdelijk: z.boolean().optional(),
  })
  .refine((g) => (g.rol === "aanbieder") === (g.kvk !== undefined), { error: "een aanbieder heeft precies één KvK-nummer; andere rollen geen", path: ["kvk"] })
  .refine((g) => !(g.rol === "aanbieder" && g.accountbeheer), { error: "accountbeheer is er alleen voor medewerkers van de regio", path: ["accountbeheer"] });
export type NieuweGebruiker = z.infer<typeof NieuweGebruikerSchema>;

/** The input of `gebruiker.create`: who asks, the account, and for a self-registering aanbieder its profile. */
export const CreateGebruikerSchema = z.object({
  actor: ActorSchema,
  gebruiker: NieuweGebruikerSchema,
  registratie: AanbiederRegistratieSchema.optional(),
});
export type CreateGebruiker = z.infer<typeof CreateGebruikerSchema>;

/** What the engine keeps per account. */
export interface GebruikerAccount extends NieuweGebruiker {
  aangemaaktOp: string;
  aangemaaktDoor: Actor;
  /** Set while the account is disabled: nobody logs in with it, and its sessions end. */
  uitgeschakeld?: { op: string; door: Actor; reden: string };
}

/**
 * The account without its hash, as `gebruiker.get` gives it. No lock: an account is never locked as
 * a whole (only a client is locked out of it, see `registreerPoging`).
 */
export type GebruikerPubliek = Omit<GebruikerAccount, "wachtwoordHash">;

/** The roles of the region's own staff: the only ones that may hold account administration. */
export const REGIO_ROLLEN = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"] as const;
const isRegio = (rol: string): boolean => (REGIO_ROLLEN as readonly string[]).includes(rol);

/**
 * Who may create an account: the system (seeding by an operator), an accountbeheerder of the
 * region (the API checks that the caller's own account holds `accountbeheer`; the engine that the
 * caller is region staff), or an aanbieder registering itself: one account with role aanbieder,
 * bound to its own KvK number, with its profile.
 */
export function magAanmaken(input: CreateGebruiker, key: string): Refusal | null {
  const { actor, gebruiker, registratie } = input;
  if (gebruiker.gebruikersnaam !== key) return refuse("OngeldigeInvoer", 400, "De gebruikersnaam wijkt af van de sleutel.", "gebruikersnaam");
  if (actor.rol === "systeem") return registratie ? refuse("OngeldigeInvoer", 400, "Het systeem registreert geen aanbiederprofiel via een account.", "registratie") : null;
  if (isRegio(actor.rol)) return registratie ? refuse("OngeldigeInvoer", 400, "Een accountbeheerder registreert geen aanbiederprofiel; dat doet de aanbieder zelf of de inkoper bij een uitnodiging.", "registratie") : null;
  if (actor.rol !== "aanbieder") return refuse("RolNietToegestaan", 403, "Alleen het systeem, een accountbeheerder of een aanbieder die zichzelf registreert kan een account aanmaken.", "rol");
  if (gebruiker.rol !== "aanbieder") return refuse("RolNietToegestaan", 403, "Een aanbieder kan alleen een account als aanbieder aanmaken.", "rol");
  if (!actor.kvk || gebruiker.kvk !== actor.kvk) return refuse("RolNietToegestaan", 403, "Een aanbieder kan alleen een account voor het eigen KvK-nummer aanmaken.", "kvk");
  if (!registratie || registratie.kvk !== actor.kvk) return refuse("OngeldigeInvoer", 400, "Bij zelfregistratie hoort het profiel van de aanbieder met hetzelfde KvK-nummer.", "kvk");
  if (gebruiker.accountbeheer || gebruiker.wachtwoordTijdelijk) return refuse("RolNietToegestaan", 403, "Een aanbieder kan zichzelf geen accountbeheer of startwachtwoord geven.", "accountbeheer");
  return null;
}

// ---------------------------------------------------------------------------------------------
// Account administration: disabling, enabling, re-roling and (re)setting a password. Every change
// names who did it and why; it becomes a line in the account's logboek.

const Reden = z.string({ error: "Vul een reden in." }).trim().min(3, { error: "Vul een reden in (minstens 3 tekens)." }).max(500, { error: "De reden mag hoogstens 500 tekens lang zijn." });

export const AccountBeheerSchema = z.discriminatedUnion("soort", [
  z.object({ soort: z.literal("uitschakelen"), actor: ActorSchema, reden: Reden }),
  z.object({ soort: z.literal("inschakelen"), actor: ActorSchema, reden: Reden }),
  z.object({ soort: z.literal("rol"), actor: ActorSchema, rol: GebruikerRolSchema, accountbeheer: z.boolean(), reden: Reden }),
  /** A new starting password from an accountbeheerder: the user chooses an own one at the next login. */
  z.object({ soort: z.literal("startwachtwoord"), actor: ActorSchema, wachtwoordHash: WachtwoordHashSchema, reden: Reden }),
  /** The user's own new password (the API verified the current one). */
  z.object({ soort: z.literal("wachtwoord"), actor: ActorSchema, wachtwoordHash: WachtwoordHashSchema }),
]);
export type AccountBeheer = z.infer<typeof AccountBeheerSchema>;

export type AccountBeheerEvent =
  | { type: "GebruikerUitgeschakeld"; data: { reden: string; op: string; door: Actor } }
  | { type: "GebruikerIngeschakeld"; data: { reden: string } }
  | { type: "GebruikerRolGewijzigd"; data: { van: GebruikerRol; naar: GebruikerRol; accountbeheerVan: boolean; accountbeheerNaar: boolean } }
  | { type: "WachtwoordGewijzigd"; data: { wachtwoordHash: string; tijdelijk: boolean } };

/**
 * Decides one administration command on an account. The user's own password is theirs alone; all
 * else is for region staff (the API checks their `accountbeheer`) or the system. Nobody disables
 * or demotes their own account, so the person doing it always keeps a way back in.
 */
export function beheerAccount(account: GebruikerAccount | null, cmd: AccountBeheer, now: Date): AccountBeheerEvent[] | Refusal {
  if (!account) return refuse("BestaatNiet", 404, "Dit account bestaat niet.");
  const { actor } = cmd;
  const zelf = actor.id === account.gebruikersnaam && actor.rol !== "systeem";
  if (cmd.soort === "wachtwoord") {
    if (!zelf) return refuse("RolNietToegestaan", 403, "Alleen de gebruiker zelf kiest een nieuw wachtwoord; een accountbeheerder stelt een startwachtwoord in.", "actor");
    if (account.uitgeschakeld) return refuse("AccountUitgeschakeld", 403, "Dit account is uitgeschakeld.", "actor");
    return [{ type: "WachtwoordGewijzigd", data: { wachtwoordHash: cmd.wachtwoordHash, tijdelijk: false } }];
  }
  if (actor.rol !== "systeem" && !isRegio(actor.rol)) return refuse("RolNietToegestaan", 403, "Alleen een accountbeheerder van de regio beheert accounts.", "actor");
  switch (cmd.soort) {
    case "uitschakelen":
      if (zelf) return refuse("EigenAccount", 409, "U kunt uw eigen account niet uitschakelen; vraag een andere accountbeheerder.", "gebruikersnaam");
      if (account.uitgeschakeld) return refuse("AccountUitgeschakeld", 409, "Dit account is al uitgeschakeld.", "gebruikersnaam");
      return [{ type: "GebruikerUitgeschakeld", data: { reden: cmd.reden, op: now.toISOString(), door: actor } }];
    case "inschakelen":
      if (!account.uitgeschakeld) return refuse("Ongewijzigd", 409, "Dit account is niet uitgeschakeld.", "gebruikersnaam");
      return [{ type: "GebruikerIngeschakeld", data: { reden: cmd.reden } }];
    case "rol": {
      const van = account.accountbeheer === true;
      if ((account.rol === "aanbieder") !== (cmd.rol === "aanbieder"))
        return refuse("RolNietToegestaan", 400, "Een aanbiedersaccount hoort bij één KvK-nummer en blijft een aanbiedersaccount; maak voor een medewerker van de regio een eigen account aan.", "rol");
      if (cmd.rol === "aanbieder" && cmd.accountbeheer) return refuse("OngeldigeInvoer", 400, "Accountbeheer is er alleen voor medewerkers van de regio.", "accountbeheer");
      if (zelf && van && !cmd.accountbeheer) return refuse("EigenAccount", 409, "U kunt uw eigen accountbeheer niet intrekken; vraag een andere accountbeheerder.", "accountbeheer");
      if (zelf && cmd.rol !== account.rol) return refuse("EigenAccount", 409, "U kunt uw eigen rol niet wijzigen; vraag een andere accountbeheerder.", "rol");
      if (cmd.rol === account.rol && cmd.accountbeheer === van) return refuse("Ongewijzigd", 400, "De rol en het accountbeheer zijn al zo ingesteld; er is niets gewijzigd.", "rol");
      return [{ type: "GebruikerRolGewijzigd", data: { van: account.rol, naar: cmd.rol, accountbeheerVan: van, accountbeheerNaar: cmd.accountbeheer } }];
    }
    case "startwachtwoord":
      if (zelf) return refuse("EigenAccount", 409, "Kies uw eigen wachtwoord via 'Wachtwoord wijzigen'.", "wachtwoord");
      return [{ type: "WachtwoordGewijzigd", data: { wachtwoordHash: cmd.wachtwoordHash, tijdelijk: true } }];
  }
}

/** The account after an administration event. */
export function evolveAccount(account: GebruikerAccount, e: AccountBeheerEvent): GebruikerAccount {
  switch (e.type) {
    case "GebruikerUitgeschakeld":
      return { ...account, uitgeschakeld: e.data };
    case "GebruikerIngeschakeld": {
      const { uitgeschakeld: _weg, ...rest } = account;
      return rest;
    }
    case "GebruikerRolGewijzigd": {
      const { accountbeheer: _oud, ...rest } = account;
      return { ...rest, rol: e.data.naar, ...(e.data.accountbeheerNaar ? { accountbeheer: true } : {}) };
    }
    case "WachtwoordGewijzigd": {
      const { wachtwoordTijdelijk: _oud, ...rest } = account;
      return { ...rest, wachtwoordHash: e.data.wachtwoordHash, ...(e.data.tijdelijk ? { wachtwoordTijdelijk: true } : {}) };
    }
  }
}

/**
 * A starting password an accountbeheerder passes on: 20 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), in groups of four so it can be read out. `random` gives integers below its argument.
 */
export function startwachtwoord(random: (max: number) => number): string {
  const alfabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
  const tekens = Array.from({ length: 20 }, () => alfabet[random(alfabet.length)]!);
  return [0, 4, 8, 12, 16].map((i) => tekens.slice(i, i + 4).join("")).join("-");
}

// ---------------------------------------------------------------------------------------------
// Slowing down password guessing
//
// Failures are counted per (account, client), the client being the network a request comes from
// (the API hashes it; see api/web/auth-pages.ts `clientOf`). So a stranger who guesses wrong five
// times locks only the stranger out, for growing periods, while the owner on another device logs in
// as usual: nobody gets a button that locks someone else's account. A guesser with many addresses
// also raises an account-wide count, which makes every answer on that account wait a little (at
// most 30 seconds) but never refuses a right password.

/** Failures from one client that only earn a hint (Retry-After); the next one locks that client out. */
export const MAX_MISLUKT = 5;
/** The longest a client is locked out of one account; the locks grow 1, 2, 4, 8, then 15 minutes. */
export const BLOKKADE_MINUTEN = 15;
/** Failures in a row on an account (all clients together) before every answer on it is slowed down. */
export const ACCOUNT_DREMPEL = 10;
/** The longest the account-wide slowdown holds an answer. */
export const ACCOUNT_VERTRAGING_MAX = 30;
/** Clients remembered per account; beyond that the one that failed longest ago is forgotten. */
export const MAX_CLIENTS = 50;
/** A client, and the account-wide count, are forgotten a day after their last failure. */
export const VERGEET_NA_MS = 24 * 3600_000;
/** The client of a caller that does not say which (an API older than per-client counting). */
export const ONBEKENDE_CLIENT = "onbekend";

/** Failed attempts in a row from one client on one account, and until when that client is locked out. */
export interface ClientPogingen {
  client: string;
  mislukt: number;
  laatsteMisluktOp: string;
  geblokkeerdTot?: string;
}

/**
 * What an account keeps about failed attempts: the account-wide count of failures in a row (all
 * clients) and, oldest failure first, the clients that failed. `geblokkeerdTot` is only found in
 * state from before per-client counting (an account-wide lock); the current rules ignore it.
 */
export interface Pogingen {
  mislukt: number;
  laatsteMisluktOp?: string;
  geblokkeerdTot?: string;
  clients?: ClientPogingen[];
}
export const GEEN_POGINGEN: Pogingen = { mislukt: 0 };

export const PogingSchema = z.object({
  ok: z.boolean(),
  at: z.iso.datetime({ offset: true }),
  /** An opaque key of the client (a hash, never the address itself: it ends up in the engine's history). */
  client: z.string().min(1).max(64).optional(),
});
export type Poging = z.infer<typeof PogingSchema>;

export interface PogingUitkomst {
  /** Whether this attempt may log in: the password was right and this client was not locked out. */
  toegestaan: boolean;
  /** Failures in a row from this client. */
  mislukt: number;
  /** Until when this client may not try this account again (set when it is locked out). */
  geblokkeerdTot?: string;
  /** A hint for the client (Retry-After): grows with each failure, and is the rest of the lock when locked. */
  vertragingSeconden: number;
  /**
   * How long the API holds its answer (the account-wide slowdown). The same for a right and a wrong
   * password, so the waiting itself tells nothing; 0 for a locked-out client, whose answer tells nothing either.
   */
  wachtSeconden?: number;
}

/** 1, 2, 4, 8 seconds after a client's first four failures in a row (a hint, not enforced). */
export const vertraging = (mislukt: number): number => (mislukt <= 0 ? 0 : Math.min(2 ** (mislukt - 1), 60));

/** 1, 2, 4, 8, 15, 15 … minutes from a client's fifth failure in a row on. */
export const blokkadeMinuten = (mislukt: number): number => (mislukt < MAX_MISLUKT ? 0 : Math.min(2 ** (mislukt - MAX_MISLUKT), BLOKKADE_MINUTEN));

/** 0 below the threshold, then 1, 2, 4, 8, 16, 30, 30 … seconds for every attempt on the account. */
export const accountVertraging = (mislukt: number): number => (mislukt < ACCOUNT_DREMPEL ? 0 : Math.min(2 ** (mislukt - ACCOUNT_DREMPEL), ACCOUNT_VERTRAGING_MAX));

const ms = (iso: string) => new Date(iso).getTime();

/** Whether an account-wide lock (state from before per-client counting) still holds at `at`. */
export function geblokkeerdOp(p: Pogingen, at: Date): boolean {
  return p.geblokkeerdTot !== undefined && ms(p.geblokkeerdTot) > at.getTime();
}

/** Drops what is older than a day: clients whose last failure was that long ago, and then the account-wide count. */
export function vergeetOud(p: Pogingen, now: Date): Pogingen {
  const grens = now.getTime() - VERGEET_NA_MS;
  const clients = (p.clients ?? []).filter((c) => ms(c.laatsteMisluktOp) > grens);
  const accountOud = p.laatsteMisluktOp === undefined || ms(p.laatsteMisluktOp) <= grens;
  return {
    ...(accountOud ? { mislukt: 0 } : { mislukt: p.mislukt, laatsteMisluktOp: p.laatsteMisluktOp! }),
    ...(clients.length > 0 ? { clients } : {}),
  };
}

export const leeg = (p: Pogingen): boolean => p.mislukt === 0 && (p.clients ?? []).length === 0 && p.geblokkeerdTot === undefined;

/** When something kept is next due to be forgotten (null when nothing is kept). */
export function volgendeVergeetmoment(p: Pogingen): Date | null {
  const laatste = [...(p.mislukt > 0 && p.laatsteMisluktOp ? [p.laatsteMisluktOp] : []), ...(p.clients ?? []).map((c) => c.laatsteMisluktOp)].map(ms);
  return laatste.length === 0 ? null : new Date(Math.min(...laatste) + VERGEET_NA_MS);
}

/**
 * One login attempt from one client. While that client is locked out nothing counts and nothing is
 * allowed, not even the right password, and other clients are not affected. A failure counts for
 * the client and for the account; from the client's fifth failure in a row it is locked out for
 * 1, 2, 4, 8, then 15 minutes. A success clears the client's count and the account-wide count,
 * not the locks of other clients. At most `MAX_CLIENTS` clients are kept per account.
 */
export function registreerPoging(p: Pogingen, poging: { ok: boolean; at: Date; client?: string }): { pogingen: Pogingen; uitkomst: PogingUitkomst } {
  const { at } = poging;
  const client = poging.client ?? ONBEKENDE_CLIENT;
  // Old state may still carry an account-wide lock; it no longer applies and is dropped at the next write.
  const { geblokkeerdTot: _oud, ...huidig } = p;
  const clients = huidig.clients ?? [];
  const eigen = clients.find((c) => c.client === client);
  if (eigen?.geblokkeerdTot && ms(eigen.geblokkeerdTot) > at.getTime()) {
    const rest = Math.ceil((ms(eigen.geblokkeerdTot) - at.getTime()) / 1000);
    return { pogingen: p, uitkomst: { toegestaan: false, mislukt: eigen.mislukt, geblokkeerdTot: eigen.geblokkeerdTot, vertragingSeconden: rest, wachtSeconden: 0 } };
  }
  // Decided on the count before this attempt, so a right and a wrong password wait alike.
  const wachtSeconden = accountVertraging(huidig.mislukt);
  const anderen = clients.filter((c) => c.client !== client);
  if (poging.ok) {
    return {
      pogingen: anderen.length > 0 ? { mislukt: 0, clients: anderen } : GEEN_POGINGEN,
      uitkomst: { toegestaan: true, mislukt: 0, vertragingSeconden: 0, wachtSeconden },
    };
  }
  const mislukt = (eigen?.mislukt ?? 0) + 1;
  const minuten = blokkadeMinuten(mislukt);
  const geblokkeerdTot = minuten > 0 ? new Date(at.getTime() + minuten * 60_000).toISOString() : undefined;
  const bijgewerkt: ClientPogingen = { client, mislukt, laatsteMisluktOp: at.toISOString(), ...(geblokkeerdTot ? { geblokkeerdTot } : {}) };
  // Oldest failure first; when full, the client that failed longest ago makes room (its lock, at most
  // 15 minutes, has long passed unless 50 other clients failed since: then the account-wide count still holds).
  const volgorde = [...anderen, bijgewerkt].sort((a, b) => ms(a.laatsteMisluktOp) - ms(b.laatsteMisluktOp));
  return {
    pogingen: { mislukt: huidig.mislukt + 1, laatsteMisluktOp: at.toISOString(), clients: volgorde.slice(-MAX_CLIENTS) },
    uitkomst: {
      toegestaan: false,
      mislukt,
      ...(geblokkeerdTot ? { geblokkeerdTot } : {}),
      vertragingSeconden: geblokkeerdTot ? minuten * 60 : vertraging(mislukt),
      wachtSeconden,
    },
  };
}

/**
 * The rule before per-client counting (five failures locked the account for everyone for 15
 * minutes). Kept only so histories recorded under it replay as they ran (workflows/gebruiker,
 * `patched("per-client-pogingen")`); nothing new is decided with it.
 */
export function registreerPogingV1(p: Pogingen, poging: { ok: boolean; at: Date }): { pogingen: Pogingen; uitkomst: PogingUitkomst } {
  const { at } = poging;
  if (geblokkeerdOp(p, at)) {
    const rest = Math.ceil((new Date(p.geblokkeerdTot!).getTime() - at.getTime()) / 1000);
    return { pogingen: p, uitkomst: { toegestaan: false, mislukt: p.mislukt, geblokkeerdTot: p.geblokkeerdTot!, vertragingSeconden: rest } };
  }
  if (poging.ok) return { pogingen: GEEN_POGINGEN, uitkomst: { toegestaan: true, mislukt: 0, vertragingSeconden: 0 } };
  const before = p.geblokkeerdTot !== undefined ? 0 : p.mislukt; // a lock that has passed starts a new series
  const mislukt = before + 1;
  if (mislukt >= MAX_MISLUKT) {
    const geblokkeerdTot = new Date(at.getTime() + BLOKKADE_MINUTEN * 60_000).toISOString();
    return {
      pogingen: { mislukt, laatsteMisluktOp: at.toISOString(), geblokkeerdTot },
      uitkomst: { toegestaan: false, mislukt, geblokkeerdTot, vertragingSeconden: BLOKKADE_MINUTEN * 60 },
    };
  }
  return { pogingen: { mislukt, laatsteMisluktOp: at.toISOString() }, uitkomst: { toegestaan: false, mislukt, vertragingSeconden: vertraging(mislukt) } };
}

// ---------------------------------------------------------------------------------------------
// Self-registration of an aanbieder (the form on /registreren)

export interface AanmeldingInvoer {
  kvk: string;
  organisatie: string;
  email: string;
  contactpersoon: string;
  gebruikersnaam: string;
  wachtwoord: string;
  wachtwoordHerhaling: string;
}

export interface Aanmelding {
  gebruiker: Omit<NieuweGebruiker, "wachtwoordHash">;
  registratie: z.infer<typeof AanbiederRegistratieSchema>;
  wachtwoord: string;
}

const AanmeldingVelden = {
  // People type "1234 5678" or "12.34.56.78"; the number is the digits.
  kvk: z.string().transform((s) => s.replace(/[\s.]/g, "")).pipe(KvkSchema),
  organisatie: z.string().trim().min(2, { error: "Vul de naam van uw organisatie in (minstens 2 tekens)." }).max(200, { error: "De naam van de organisatie mag hoogstens 200 tekens lang zijn." }),
  email: z.string().trim().pipe(z.email({ error: "Vul een geldig e-mailadres in, zoals info@organisatie.nl." })),
  contactpersoon: z.string().trim().min(2, { error: "Vul de naam van de contactpersoon in (minstens 2 tekens)." }).max(200, { error: "De naam van de contactpersoon mag hoogstens 200 tekens lang zijn." }),
  gebruikersnaam: GebruikersnaamSchema,
} as const;

/** Checks the whole registration form at once, so every refusal is shown with its field. */
export function valideerAanmelding(invoer: AanmeldingInvoer): { ok: true; aanmelding: Aanmelding } | { ok: false; fouten: Record<string, string> } {
  const fouten: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const [veld, schema] of Object.entries(AanmeldingVelden)) {
    const raw = invoer[veld as keyof typeof AanmeldingVelden];
    const parsed = (schema as z.ZodType<string>).safeParse(raw);
    if (parsed.success) values[veld] = parsed.data;
    else fouten[veld] = raw.trim() === "" ? leegMelding[veld as keyof typeof AanmeldingVelden] : (parsed.error.issues[0]?.message ?? "ongeldig");
  }
  const pwFout = wachtwoordFout(invoer.wachtwoord, values.gebruikersnaam);
  if (pwFout) fouten.wachtwoord = pwFout;
  if (invoer.wachtwoordHerhaling === "") fouten.wachtwoordHerhaling = "Herhaal het wachtwoord.";
  else if (invoer.wachtwoordHerhaling !== invoer.wachtwoord) fouten.wachtwoordHerhaling = "De twee wachtwoorden zijn niet gelijk.";
  if (Object.keys(fouten).length > 0) return { ok: false, fouten };
  const kvk = values.kvk!;
  return {
    ok: true,
    aanmelding: {
      gebruiker: { gebruikersnaam: values.gebruikersnaam!, naam: values.contactpersoon!, rol: "aanbieder", kvk, email: values.email! },
      registratie: { kvk, naam: values.organisatie!, email: values.email! },
      wachtwoord: invoer.wachtwoord,
    },
  };
}

const leegMelding: Record<keyof typeof AanmeldingVelden, string> = {
  kvk: "Vul het KvK-nummer van uw organisatie in (8 cijfers).",
  organisatie: "Vul de naam van uw organisatie in.",
  email: "Vul een e-mailadres in.",
  contactpersoon: "Vul de naam van de contactpersoon in.",
  gebruikersnaam: "Kies een gebruikersnaam.",
};
