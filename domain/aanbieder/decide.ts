import type { Actor } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import type { AanbiederDossier, AanbiederEvent, AanbiederProfiel, AanbiederRegistratie, AanbiederState } from "./aanbieder";

/**
 * Who may register an aanbieder and change its profile, pure: (state, command, now) -> events or a
 * refusal. The confirmation code comes in with the command (the workflow makes it), never from the caller.
 *
 * - An inkoper may register a new aanbieder (a provider the region invites), never change an existing
 *   profile: besluiten and letters go to the address in the profile, so whoever can change it can
 *   redirect them.
 * - The aanbieder itself changes its naam, AGB-code and micro at once; a new e-mail address only after
 *   it confirmed the code mailed to that address. Until then everything keeps going to the old address.
 */
export type AanbiederCommand =
  | { type: "Registreer"; actor: Actor; data: { key: string; registratie: AanbiederRegistratie; code: string } }
  | { type: "BevestigEmail"; actor: Actor; data: { code: string } };

/** The fields of a profile as a person names them, in the order a refusal lists them. */
const VELDEN = { naam: "naam", email: "e-mailadres", agbCode: "AGB-code", micro: "micro-onderneming" } as const satisfies Record<keyof Omit<AanbiederRegistratie, "kvk">, string>;
type Veld = keyof typeof VELDEN;

/** The fields in which a registration differs from the profile (an optional field left out counts as removed). */
export function afwijkendeVelden(profiel: AanbiederProfiel, registratie: AanbiederRegistratie): Veld[] {
  return (Object.keys(VELDEN) as Veld[]).filter((v) => profiel[v] !== registratie[v]);
}

const isSelf = (actor: Actor, kvk: string) => actor.rol === "aanbieder" && actor.kvk === kvk;

function registreer(state: AanbiederState, actor: Actor, data: Extract<AanbiederCommand, { type: "Registreer" }>["data"], now: Date): AanbiederEvent[] | Refusal {
  const { key, registratie, code } = data;
  if (registratie.kvk !== key) return refuse("OngeldigeInvoer", 400, "KvK-nummer wijkt af van de sleutel.", "kvk");
  const self = isSelf(actor, registratie.kvk);
  if (!self && actor.rol !== "inkoper") return refuse("RolNietToegestaan", 403, "Alleen de aanbieder zelf of een inkoper kan een aanbieder registreren.", "kvk");
  if (!state) return [{ type: "AanbiederRegistered", data: { ...registratie, geregistreerdOp: now.toISOString() } }];

  const afwijkend = afwijkendeVelden(state, registratie);
  // The same data again (a retry, a form sent twice) changes nothing, whoever sends it.
  if (afwijkend.length === 0) return [];
  if (!self) {
    const namen = afwijkend.map((v) => VELDEN[v]).join(", ");
    return refuse("BestaatAl", 409, `Deze aanbieder is al geregistreerd. Een inkoper kan een bestaand profiel niet wijzigen; dat kan alleen de aanbieder zelf. Afwijkend: ${namen}.`, afwijkend[0]);
  }

  const events: AanbiederEvent[] = [];
  const { emailInBehandeling: _pending, ...profiel } = state;
  const overig = afwijkend.filter((v) => v !== "email");
  // The other fields take effect at once; the address in the profile stays the confirmed one.
  if (overig.length > 0) events.push({ type: "AanbiederUpdated", data: { ...registratie, email: profiel.email, geregistreerdOp: profiel.geregistreerdOp } });
  const nieuw = registratie.email;
  // Sending the old address back (a form that also changed the naam) leaves a pending change alone;
  // asking again for the address already pending (a retry) does not mail a second code.
  if (nieuw !== profiel.email && nieuw !== state.emailInBehandeling?.email) events.push({ type: "EmailWijzigingAangevraagd", data: { email: nieuw, code, aangevraagdOp: now.toISOString() } });
  return events;
}

function bevestigEmail(state: AanbiederState, actor: Actor, code: string): AanbiederEvent[] | Refusal {
  if (!state) return refuse("BestaatNiet", 404, "Deze aanbieder is niet geregistreerd.");
  if (!isSelf(actor, state.kvk)) return refuse("RolNietToegestaan", 403, "Alleen de aanbieder zelf kan een nieuw e-mailadres bevestigen.");
  const pending = state.emailInBehandeling;
  if (!pending) return refuse("BestaatNiet", 409, "Er is geen wijziging van het e-mailadres die op bevestiging wacht.");
  if (code.trim().toLowerCase() !== pending.code.toLowerCase()) {
    return refuse("OngeldigeInvoer", 400, `De bevestigingscode klopt niet. Gebruik de code uit de e-mail die naar ${pending.email} is gestuurd.`, "code");
  }
  return [{ type: "EmailGewijzigd", data: { email: pending.email, vorigEmail: state.email } }];
}

export function decide(state: AanbiederState, command: AanbiederCommand, now: Date): AanbiederEvent[] | Refusal {
  switch (command.type) {
    case "Registreer":
      return registreer(state, command.actor, command.data, now);
    case "BevestigEmail":
      return bevestigEmail(state, command.actor, command.data.code);
  }
}

/**
 * The rule before issue 10 (an inkoper or the aanbieder overwrote the whole profile, e-mail address
 * included). Kept only so histories recorded under it replay as they ran (workflows/aanbieder,
 * `patched("aanbieder-profielregel")`); nothing new is decided with it.
 */
export function registreerV1(state: AanbiederDossier | null, actor: Actor, key: string, registratie: AanbiederRegistratie, now: Date): AanbiederEvent[] | Refusal {
  if (registratie.kvk !== key) return refuse("OngeldigeInvoer", 400, "KvK-nummer wijkt af van de sleutel.", "kvk");
  const selfService = actor.rol === "aanbieder" && actor.kvk === registratie.kvk;
  if (!selfService && actor.rol !== "inkoper") return refuse("RolNietToegestaan", 403, "Alleen de aanbieder zelf of een inkoper kan een aanbieder registreren.", "kvk");
  const profiel: AanbiederProfiel = { ...registratie, geregistreerdOp: state?.geregistreerdOp ?? now.toISOString() };
  return [{ type: state ? "AanbiederUpdated" : "AanbiederRegistered", data: profiel }];
}
