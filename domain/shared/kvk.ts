import { z } from "zod";

/** KvK-nummer: exactly 8 digits (the Handelsregister has no check digit since 2016). */
export const KvkSchema = z
  .string({ error: "KvK-nummer ontbreekt" })
  .regex(/^\d{8}$/, { error: "KvK-nummer moet uit precies 8 cijfers bestaan" });
