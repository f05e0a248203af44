import type { AanbiederProfiel } from "../../domain/aanbieder/aanbieder";
import type { Recorded } from "../../domain/shared/audit";
import { refuse, type Refusal } from "../../domain/shared/refusal";
import type { z } from "zod";
import type { EntityInput } from "../runtime/definitions";
import { Entity } from "../runtime/entity";
import { parseOrRefuse } from "../runtime/refusal";
import { aanbiederEntity, RegisterSchema, type AanbiederEvent, type AanbiederSummary } from "./definition";

type State = AanbiederProfiel | null;

/** Who may register (or update) the aanbieder under this key, and what is recorded. */
function registreer(existing: State, input: z.infer<typeof RegisterSchema>, key: string, now: Date): AanbiederEvent[] | Refusal {
  const { actor, registratie } = input;
  if (registratie.kvk !== key) return refuse("OngeldigeInvoer", 400, "KvK-nummer wijkt af van de sleutel.", "kvk");
  const selfService = actor.rol === "aanbieder" && actor.kvk === registratie.kvk;
  if (!selfService && actor.rol !== "inkoper") return refuse("RolNietToegestaan", 403, "Alleen de aanbieder zelf of een inkoper kan een aanbieder registreren.", "kvk");
  const profiel: AanbiederProfiel = { ...registratie, geregistreerdOp: existing?.geregistreerdOp ?? now.toISOString() };
  return [{ type: existing ? "AanbiederUpdated" : "AanbiederRegistered", data: profiel }];
}

const summaryOf = (s: State): AanbiederSummary | null => (s ? { kvk: s.kvk, naam: s.naam, email: s.email } : null);

/**
 * An aanbieder, keyed by KvK number. Its memo ({kvk, naam, email}) is what lists and the
 * `aanbiederContacten` activity read; other entities mail aanbieders directly with it.
 */
export async function aanbieder(input: EntityInput<State, Recorded<AanbiederEvent>>): Promise<void> {
  const entity = new Entity<State, AanbiederEvent>({ initial: null, evolve: (_s, e) => e.data }, input);
  entity.summary(summaryOf);
  const { updates, queries } = aanbiederEntity;

  const rule = (i: unknown) => {
    const parsed = parseOrRefuse(RegisterSchema, i);
    return { actor: parsed.actor, rule: (s: State, now: Date) => registreer(s, parsed, entity.key, now) };
  };

  entity.update(updates.register, {
    validate: (i) => void entity.decide(rule(i).rule),
    handle: (i) => {
      const { actor, rule: r } = rule(i);
      const { state } = entity.apply(r, actor);
      if (!state) throw new Error("aanbieder zonder profiel na registratie");
      return state;
    },
  });

  entity.query(queries.get, () => entity.state);
  entity.query(queries.events, () => entity.log);

  return entity.run();
}
