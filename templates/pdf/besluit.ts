import { formatDateNl, formatInstantNl, isCalendarDate, parseInstant, startOfDayAmsterdam, toAmsterdamDate } from "../../domain/calendar";
import type { BesluitKop, Partij, ProcedureRef, ProductUitkomst, Reden } from "../types";
import type { DocumentMeta, Layout } from "./layout";

/*
 * What the besluiten share (the head with mandate and procedure, the reasons, the closing and the
 * legal remedies), and the Dutch formatting of dates that every template uses.
 */

/** "12 maart 2026"; a `datum` may be a calendar date or an instant, so both are accepted. */
export function datumNl(value: string): string {
  return isCalendarDate(value) ? formatDateNl(value) : formatDateNl(toAmsterdamDate(parseInstant(value)));
}

/** "12 maart 2026 om 14:00" (or with seconds), Amsterdam wall-clock. */
export function tijdstipNl(value: string, seconden = false): string {
  return formatInstantNl(parseInstant(value), { seconden });
}

/** The instant the PDF metadata carries: taken from the data, so the same data gives the same bytes. */
export function metadataDate(value: string): Date {
  return isCalendarDate(value) ? startOfDayAmsterdam(value) : parseInstant(value);
}

export function productNaam(product: { code: string | null; naam: string }): string {
  return product.code === null ? product.naam : `${product.code} ${product.naam}`;
}

export function partijNaam(partij: Partij): string {
  return partij.kvk === undefined ? partij.naam : `${partij.naam} (KvK ${partij.kvk})`;
}

export function procedureRegels(procedure: ProcedureRef): [string, string][] {
  return [
    ["Procedure", `${procedure.titel} (${procedure.id})`],
    ["Contract", procedure.contractNaam],
    ["Inkoopplan", `paragraaf ${procedure.sectie}`],
  ];
}

/** "TC07 Bekwaam personeel (per product) — product 45A48 Begeleiding Jeugd". */
export function redenKop(reden: Reden): string {
  const criterium = `${reden.criteriumCode} ${reden.criteriumTitel}`;
  return reden.product === undefined ? criterium : `${criterium} — product ${productNaam(reden.product)}`;
}

export function besluitKop(l: Layout, kop: BesluitKop): void {
  l.title(kop.titel, kop.procedure.titel);
  const regels: [string, string][] = [
    ["Besluitnummer", kop.besluitId],
    ["Datum", datumNl(kop.datum)],
  ];
  if (kop.ontvanger !== undefined) regels.push(["Aan", partijNaam(kop.ontvanger)]);
  regels.push(...procedureRegels(kop.procedure));
  regels.push(
    ["Bevoegd gezag", kop.bevoegdGezag.naam],
    ["Grondslag bevoegdheid", kop.bevoegdGezag.bron],
    ["Opgesteld door", `${kop.auteur.naam}, ${kop.auteur.rol}`],
  );
  l.keyValues(regels);
  if (kop.bevoegdGezag.toelichting !== undefined) {
    l.paragraph(`Toelichting op de bevoegdheid: ${kop.bevoegdGezag.toelichting}`, { muted: true });
  }
}

/** Per product entered for: toegelaten or afgewezen, and for a refused product the failing criteria. */
export function productUitkomstTabel(l: Layout, producten: readonly ProductUitkomst[]): void {
  // A contract entered per plaats (Hulp bij huishouden) names the plaatsen per product.
  const metPlaatsen = producten.some((p) => p.plaatsen !== undefined);
  l.table(
    [
      { header: "Productcode", weight: 1.5 },
      { header: "Product", weight: 3 },
      ...(metPlaatsen ? [{ header: "Plaatsen", weight: 2.5 }] : []),
      { header: "Uitkomst", weight: 1.3 },
      { header: "Reden", weight: 3.2 },
    ],
    producten.map((p) => [p.product.codeLabel, p.product.naam, ...(metPlaatsen ? [(p.plaatsen ?? []).join(", ")] : []), p.uitkomst === "toegelaten" ? "Toegelaten" : "Afgewezen", p.redenen.join("; ")]),
  );
}

/** Reasons one by one: a reason is a paragraph of motivation, too long for a table cell. */
export function redenen(l: Layout, lijst: Reden[], opts: { metProduct: boolean } = { metProduct: true }): void {
  for (const reden of lijst) {
    // Heading, motivation and note stay together unless the motivation alone fills most of a page.
    l.keepSpace(Math.min(l.paragraphHeight(reden.motivering) + 50, 250));
    l.subheading(opts.metProduct ? redenKop(reden) : `${reden.criteriumCode} ${reden.criteriumTitel}`);
    // The hoor-en-wederhoor note belongs with its motivation, not alone at the top of a page.
    l.paragraph(reden.motivering, { keepWithNext: 18 });
    l.paragraph(
      reden.naHoorEnWederhoor
        ? "Deze tekortkoming is na hoor en wederhoor blijven bestaan."
        : "Over deze tekortkoming heeft geen hoor en wederhoor plaatsgevonden.",
      { muted: true },
    );
  }
}

export function besluitSlot(l: Layout, kop: BesluitKop, rechtsmiddelen: string): void {
  l.heading("Rechtsmiddelen");
  l.paragraph(rechtsmiddelen);
  l.space(10);
  l.paragraph(`Aldus besloten op ${datumNl(kop.datum)} door ${kop.bevoegdGezag.naam}.`);
}

export function besluitMeta(kop: BesluitKop, soort: string): DocumentMeta {
  return {
    title: `${kop.titel} ${kop.besluitId}`,
    subject: `${kop.titel} — ${kop.procedure.titel} (${kop.procedure.contractNaam})`,
    keywords: [soort, kop.procedure.id, kop.besluitId, ...(kop.ontvanger?.kvk === undefined ? [] : [kop.ontvanger.kvk])],
    kenmerk: kop.besluitId,
    datum: kop.datum,
  };
}
