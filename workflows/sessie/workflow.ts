import type { Recorded } from "../../domain/shared/audit";
import { SYSTEEM, type Actor } from "../../domain/shared/actor";
import type { EntityInput } from "../runtime/definitions";
import { Entity } from "../runtime/entity";
import { parseOrRefuse } from "../runtime/refusal";
import { sessieEntity, SessieSchema, type SessieData, type SessieEvent } from "./definition";

type State = SessieData | null;

const evolve = (_s: State, e: SessieEvent): State => (e.type === "SessieGestart" ? e.data : null);
const actorOf = (s: SessieData): Actor => ({ rol: s.rol, id: s.gebruikersnaam, ...(s.kvk ? { kvk: s.kvk } : {}) });
const live = (s: State, now: Date): SessieData | null => (s && new Date(s.verlooptOp).getTime() > now.getTime() ? s : null);

/**
 * A login session. A timer at `verlooptOp` ends it; logout (`end`) ends it earlier. Either way the
 * workflow finishes: a finished one still answers `get` (null, from its state) until Temporal's
 * retention removes it, after which the definition's `absent` answers null.
 */
export async function sessie(input: EntityInput<State, Recorded<SessieEvent>>): Promise<void> {
  const entity = new Entity<State, SessieEvent>({ initial: null, evolve }, input);
  const { updates, queries } = sessieEntity;

  entity.update(updates.start, {
    validate: (i) => void parseOrRefuse(SessieSchema, i),
    handle: (i) => {
      const data = parseOrRefuse(SessieSchema, i);
      entity.commit([{ type: "SessieGestart", data }], actorOf(data));
      entity.at("verloop", data.verlooptOp);
    },
  });

  const beeindig = (reden: "uitgelogd" | "verlopen", actor: Actor) => {
    if (entity.state) entity.commit([{ type: "SessieBeeindigd", data: { reden } }], actor);
    entity.cancel("verloop");
    entity.finish();
  };

  entity.update(updates.end, {
    validate: () => undefined,
    handle: () => beeindig("uitgelogd", entity.state ? actorOf(entity.state) : SYSTEEM),
  });

  /** The timer at `verlooptOp`. */
  entity.internal("verloop", () => {
    const s = entity.state;
    if (s && live(s, entity.now())) return void entity.at("verloop", s.verlooptOp);
    beeindig("verlopen", SYSTEEM);
  });

  entity.query(queries.get, (_i, now) => live(entity.state, now));

  return entity.run();
}
