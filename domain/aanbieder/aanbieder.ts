import { z } from "zod";
import { KvkSchema } from "../shared/kvk";

export const AanbiederRegistratieSchema = z.object({
  kvk: KvkSchema,
  naam: z.string({ error: "naam ontbreekt" }).trim().min(2, { error: "naam is te kort" }).max(200),
  email: z.email({ error: "e-mailadres is ongeldig" }),
  agbCode: z
    .string()
    .regex(/^\d{8}$/, { error: "AGB-code moet uit 8 cijfers bestaan" })
    .optional(),
  micro: z.boolean().optional(),
});
export type AanbiederRegistratie = z.infer<typeof AanbiederRegistratieSchema>;

export interface AanbiederProfiel extends AanbiederRegistratie {
  geregistreerdOp: string;
}

/** The body of `POST /aanbieders/{kvk}/email-bevestiging`: the code mailed to the new address. */
export const EmailBevestigingSchema = z.object({
  code: z.string({ error: "code ontbreekt" }).trim().min(1, { error: "code ontbreekt" }).max(100, { error: "code is te lang" }),
});
export type EmailBevestiging = z.infer<typeof EmailBevestigingSchema>;

/**
 * A new e-mail address the aanbieder asked for and has not yet confirmed. Until it is confirmed,
 * `email` (and so every besluit and letter) stays the old, confirmed address: whoever changes the
 * address must show they can read the new one.
 */
export interface EmailInBehandeling {
  email: string;
  /** Made by the engine (the workflow's uuid), mailed only to the new address; never shown on a read. */
  code: string;
  aangevraagdOp: string;
}

/** What the engine keeps per aanbieder: the profile, and a change of e-mail address waiting for its code. */
export interface AanbiederDossier extends AanbiederProfiel {
  emailInBehandeling?: EmailInBehandeling;
}
export type AanbiederState = AanbiederDossier | null;

/** The profile as it is read (`get`, and the answer to `register`): the pending address without its code. */
export type AanbiederWeergave = AanbiederProfiel & { emailInBehandeling?: Omit<EmailInBehandeling, "code"> };

export type AanbiederEvent =
  | { type: "AanbiederRegistered"; data: AanbiederProfiel }
  | { type: "AanbiederUpdated"; data: AanbiederProfiel }
  | { type: "EmailWijzigingAangevraagd"; data: EmailInBehandeling }
  | { type: "EmailGewijzigd"; data: { email: string; vorigEmail: string } };

export const initialAanbiederState: AanbiederState = null;

export function evolve(state: AanbiederState, e: AanbiederEvent): AanbiederState {
  switch (e.type) {
    case "AanbiederRegistered":
      return e.data;
    case "AanbiederUpdated": {
      // A change of naam or AGB-code leaves a pending change of address pending.
      const pending = state?.emailInBehandeling;
      return pending ? { ...e.data, emailInBehandeling: pending } : e.data;
    }
    case "EmailWijzigingAangevraagd":
      return state ? { ...state, emailInBehandeling: e.data } : state;
    case "EmailGewijzigd": {
      if (!state) return state;
      const { emailInBehandeling: _confirmed, ...profiel } = state;
      return { ...profiel, email: e.data.email };
    }
  }
}

/** The dossier as anybody may read it: the confirmation code stays in the engine. */
export function weergave(state: AanbiederDossier): AanbiederWeergave {
  const { emailInBehandeling, ...profiel } = state;
  if (!emailInBehandeling) return profiel;
  const { code: _code, ...zichtbaar } = emailInBehandeling;
  return { ...profiel, emailInBehandeling: zichtbaar };
}

/** An audit line as it is read: the code of a requested change is left out (it would confirm the change). */
export function zonderCode<E extends { type: string; data: unknown }>(e: E): E {
  if (e.type !== "EmailWijzigingAangevraagd") return e;
  const { code: _code, ...data } = e.data as EmailInBehandeling;
  return { ...e, data };
}
