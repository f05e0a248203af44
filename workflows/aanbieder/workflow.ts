import { patched } from "@temporalio/workflow";
import { evolve, initialAanbiederState, weergave, zonderCode, type AanbiederEvent, type AanbiederState } from "../../domain/aanbieder/aanbieder";
import { decide, registreerV1, type AanbiederCommand } from "../../domain/aanbieder/decide";
import type { Recorded } from "../../domain/shared/audit";
import { emailBevestigingMail } from "../../templates/mail";
import type { EntityInput } from "../runtime/definitions";
import { sendNotification } from "../runtime/effects";
import { Entity } from "../runtime/entity";
import { parseOrRefuse } from "../runtime/refusal";
import { aanbiederEntity, ConfirmEmailSchema, RegisterSchema, type AanbiederSummary } from "./definition";

/**
 * Who may change a profile, and a new e-mail address only after confirmation (issue 10). A first
 * registration decides and records exactly as before, so it needs no marker; a register on an existing
 * profile in a history recorded before this rule (an overwrite) replays through the old rule.
 */
const PROFIELREGEL = "aanbieder-profielregel";

/** The validator cannot draw a uuid (it does not run on replay, so the workflow's random numbers would shift). */
const PENDING = "in-behandeling";

const summaryOf = (s: AanbiederState): AanbiederSummary | null => (s ? { kvk: s.kvk, naam: s.naam, email: s.email } : null);

/**
 * An aanbieder, keyed by KvK number. Its memo ({kvk, naam, email}) is what lists and the
 * `aanbiederContacten` activity read; other entities mail aanbieders directly with it. The memo holds
 * the confirmed address: a requested change sits beside it until the aanbieder confirms its code.
 */
export async function aanbieder(input: EntityInput<AanbiederState, Recorded<AanbiederEvent>>): Promise<void> {
  const entity = new Entity<AanbiederState, AanbiederEvent>({ initial: initialAanbiederState, evolve }, input);
  entity.summary(summaryOf);
  const { updates, queries } = aanbiederEntity;
  const rule = (command: AanbiederCommand) => (s: AanbiederState, now: Date) => decide(s, command, now);
  const live = (s: AanbiederState) => {
    if (!s) throw new Error("aanbieder zonder profiel na registratie");
    return weergave(s);
  };

  const registerCommand = (i: unknown, code: string): AanbiederCommand => {
    const { actor, registratie } = parseOrRefuse(RegisterSchema, i);
    return { type: "Registreer", actor, data: { key: entity.key, registratie, code } };
  };

  entity.update(updates.register, {
    validate: (i) => void entity.decide(rule(registerCommand(i, PENDING))),
    handle: async (i) => {
      const { actor, registratie } = parseOrRefuse(RegisterSchema, i);
      if (entity.state && !patched(PROFIELREGEL)) return live(entity.apply((s, now) => registreerV1(s, actor, entity.key, registratie, now), actor).state);
      // Only a change of an existing profile can need a code; a first registration draws nothing.
      const { state, events } = entity.apply(rule(registerCommand(i, entity.state ? entity.uuid() : PENDING)), actor);
      const aangevraagd = events.find((e) => e.type === "EmailWijzigingAangevraagd");
      if (aangevraagd?.type === "EmailWijzigingAangevraagd" && state) {
        // To the new address only: receiving the code there is what proves the address is the aanbieder's.
        await sendNotification(["aanbieder", entity.key, "email", String(aangevraagd.seq)], {
          to: [aangevraagd.data.email],
          ...emailBevestigingMail({ naam: state.naam, kvk: state.kvk, huidigEmail: state.email, code: aangevraagd.data.code }),
        });
      }
      return live(state);
    },
  });

  const confirmCommand = (i: unknown): AanbiederCommand => {
    const { actor, code } = parseOrRefuse(ConfirmEmailSchema, i);
    return { type: "BevestigEmail", actor, data: { code } };
  };
  entity.update(updates.confirmEmail, {
    validate: (i) => void entity.decide(rule(confirmCommand(i))),
    handle: (i) => {
      const command = confirmCommand(i);
      return live(entity.apply(rule(command), command.actor).state);
    },
  });

  entity.query(queries.get, () => (entity.state ? weergave(entity.state) : null));
  entity.query(queries.events, () => entity.log.map(zonderCode));

  return entity.run();
}
