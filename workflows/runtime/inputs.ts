import { z } from "zod";
import { ActorSchema } from "../../domain/shared/actor";

/** The input every entity's reads and simple commands share: who asks. */
export const ActorOnly = z.object({ actor: ActorSchema });

/** A download request for one document listed on an entity. */
export const DocumentRequest = z.object({ actor: ActorSchema, documentId: z.string() });

/**
 * The id a validator passes where the handler will draw one from the workflow's random source: a
 * validator does not run on replay, so it must not draw; the rules do not read the id.
 */
export const PENDING_ID = "(nog toe te kennen)";
