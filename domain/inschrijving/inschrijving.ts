import { z } from "zod";
import { KvkSchema } from "../shared/kvk";

/**
 * The content an aanbieder submits: the products it enters for and one answer per
 * toelatingscriterium (per product for the criteria that are judged per product).
 */
export const VerklaringSchema = z.enum(["voldoet", "voldoet-niet", "vrijgesteld"], {
  error: "verklaring moet 'voldoet', 'voldoet-niet' of 'vrijgesteld' zijn",
});

export const CriteriumAntwoordSchema = z.object({
  criterium: z.string().regex(/^TC\d{2}$/, { error: "criterium moet een code zijn zoals TC01" }),
  productId: z.string().min(1).optional(),
  verklaring: VerklaringSchema,
  vrijstelling: z.string().min(1).optional(),
  toelichting: z.string().max(4000, { error: "toelichting is te lang (maximaal 4000 tekens)" }).optional(),
  documentRef: z.string().max(500, { error: "documentverwijzing is te lang (maximaal 500 tekens)" }).optional(),
});
export type CriteriumAntwoord = z.infer<typeof CriteriumAntwoordSchema>;

/**
 * A contract entered per plaats (Hulp bij huishouden, inkoopplan 6.10.1 "Inschrijven kan per plaats"): per chosen
 * product, the plaatsen the aanbieder serves there.
 */
export const ProductPlaatsenSchema = z.object({
  productId: z.string({ error: "productId ontbreekt" }).min(1, { error: "productId ontbreekt" }),
  plaatsen: z
    .array(z.string().min(1).max(100), { error: "plaatsen ontbreekt" })
    .min(1, { error: "kies minstens één plaats" })
    .max(50),
});
export type ProductPlaatsen = z.infer<typeof ProductPlaatsenSchema>;

export const InschrijvingInputSchema = z.object({
  producten: z
    .array(z.string().min(1), { error: "producten ontbreekt" })
    .min(1, { error: "kies minstens één product" })
    .max(200),
  antwoorden: z.array(CriteriumAntwoordSchema, { error: "antwoorden ontbreekt" }).max(2000),
  /** SAS with percelen (Wonen Wmo): the percelen the aanmelding is for; both may be chosen (6.7.1). */
  percelen: z.array(z.string().min(1).max(64)).min(1, { error: "kies minstens één perceel" }).max(10).optional(),
  /** A contract entered per plaats (Hulp bij huishouden): per chosen product the plaatsen; refused for other contracts. */
  plaatsen: z.array(ProductPlaatsenSchema, { error: "plaatsen moet een lijst zijn van { productId, plaatsen }" }).max(200).optional(),
});
export type InschrijvingInput = z.infer<typeof InschrijvingInputSchema>;

/** What the aanbieder gets back: proof that and when its inschrijving arrived. */
export const OntvangstbewijsSchema = z.object({
  inschrijvingId: z.string(),
  procedureId: z.string(),
  kvk: KvkSchema,
  ontvangstbewijsId: z.string(),
  ontvangenOp: z.string(),
  sha256: z.string(),
  /** Which version of the inschrijving this receipt is for (issue 13: a new version replaces the earlier one until closing). */
  versie: z.number().int().optional(),
});
export type Ontvangstbewijs = z.infer<typeof OntvangstbewijsSchema>;

export const inschrijvingKey = (procedureId: string, kvk: string): string => `${procedureId}/${kvk}`;
