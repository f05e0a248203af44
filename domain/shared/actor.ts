import { z } from "zod";

export const RolSchema = z.enum(["inkoper", "beoordelaar", "aanbieder", "programmadirecteur", "bosd", "systeem"]);
export type Rol = z.infer<typeof RolSchema>;

/** Who does something. An aanbieder acts for exactly one KvK number; the system acts for timers. */
export const ActorSchema = z.object({
  rol: RolSchema,
  id: z.string().min(1).max(200),
  kvk: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEEM: Actor = { rol: "systeem", id: "inkoop" };

export const rolNamen: Record<Rol, string> = {
  inkoper: "inkoper",
  beoordelaar: "beoordelaar",
  aanbieder: "aanbieder",
  programmadirecteur: "programmadirecteur",
  bosd: "BOSD",
  systeem: "het systeem",
};
