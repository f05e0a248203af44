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
