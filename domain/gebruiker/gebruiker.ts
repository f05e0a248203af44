import { z } from "zod";
import { ActorSchema, type Actor } from "../shared/actor";
import { KvkSchema } from "../shared/kvk";
import { refuse, type Refusal } from "../shared/refusal";
import { AanbiederRegistratieSchema } from "../aanbieder/aanbieder";

/**
 * Accounts for logging in with a password. Pure rules: who may create an account, what a valid
 * username and a new password are, and the lock-out after failed attempts. The password itself
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
  })
  .refine((g) => (g.rol === "aanbieder") === (g.kvk !== undefined), { error: "een aanbieder heeft precies één KvK-nummer; andere rollen geen", path: ["kvk"] });
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
}

/** The account without its hash, as `gebruiker.get` gives it. */
export type GebruikerPubliek = Omit<GebruikerAccount, "wachtwoordHash"> & { geblokkeerdTot?: string };

/**
 * Who may create an account: the system (seeding by an operator), or an aanbieder registering
 * itself: one account with role aanbieder, bound to its own KvK number, with its profile.
 */
export function magAanmaken(input: CreateGebruiker, key: string): Refusal | null {
  const { actor, gebruiker, registratie } = input;
  if (gebruiker.gebruikersnaam !== key) return refuse("OngeldigeInvoer", 400, "De gebruikersnaam wijkt af van de sleutel.", "gebruikersnaam");
  if (actor.rol === "systeem") return registratie ? refuse("OngeldigeInvoer", 400, "Het systeem registreert geen aanbiederprofiel via een account.", "registratie") : null;
  if (actor.rol !== "aanbieder") return refuse("RolNietToegestaan", 403, "Alleen het systeem of een aanbieder die zichzelf registreert kan een account aanmaken.", "rol");
  if (gebruiker.rol !== "aanbieder") return refuse("RolNietToegestaan", 403, "Een aanbieder kan alleen een account als aanbieder aanmaken.", "rol");
  if (!actor.kvk || gebruiker.kvk !== actor.kvk) return refuse("RolNietToegestaan", 403, "Een aanbieder kan alleen een account voor het eigen KvK-nummer aanmaken.", "kvk");
  if (!registratie || registratie.kvk !== actor.kvk) return refuse("OngeldigeInvoer", 400, "Bij zelfregistratie hoort het profiel van de aanbieder met hetzelfde KvK-nummer.", "kvk");
  return null;
}

// ---------------------------------------------------------------------------------------------
// Lock-out

export const MAX_MISLUKT = 5;
export const BLOKKADE_MINUTEN = 15;

/** Failed attempts in a row, and until when the account is locked after the fifth. */
export interface Pogingen {
  mislukt: number;
  laatsteMisluktOp?: string;
  geblokkeerdTot?: string;
}
export const GEEN_POGINGEN: Pogingen = { mislukt: 0 };

export const PogingSchema = z.object({ ok: z.boolean(), at: z.iso.datetime({ offset: true }) });
export type Poging = z.infer<typeof PogingSchema>;

export interface PogingUitkomst {
  /** Whether this attempt may log in: the password was right and the account was not locked. */
  toegestaan: boolean;
  mislukt: number;
  geblokkeerdTot?: string;
  /** A hint for the client (Retry-After): grows with each failure, and is the rest of the lock when locked. */
  vertragingSeconden: number;
}

export function geblokkeerdOp(p: Pogingen, at: Date): boolean {
  return p.geblokkeerdTot !== undefined && new Date(p.geblokkeerdTot).getTime() > at.getTime();
}

/** 1, 2, 4, 8 seconds after the first four failures in a row. */
export const vertraging = (mislukt: number): number => (mislukt <= 0 ? 0 : Math.min(2 ** (mislukt - 1), 60));

/**
 * One login attempt. While locked, nothing counts and nothing is allowed, not even the right
 * password. A success resets the count. The fifth failure in a row locks for 15 minutes; after the
 * lock has passed, counting starts afresh.
 */
export function registreerPoging(p: Pogingen, poging: { ok: boolean; at: Date }): { pogingen: Pogingen; uitkomst: PogingUitkomst } {
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
