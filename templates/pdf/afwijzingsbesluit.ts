import type { AfwijzingsbesluitDocument } from "../types";
import { besluitKop, besluitMeta, besluitSlot, redenen } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

export function meta(data: AfwijzingsbesluitDocument): DocumentMeta {
  return besluitMeta(data.kop, "afwijzingsbesluit");
}

export function render(l: Layout, data: AfwijzingsbesluitDocument): void {
  const { kop } = data;
  besluitKop(l, kop);
  if (kop.ontvanger !== undefined) l.paragraph("Geachte heer, mevrouw,");
  l.paragraph(
    `U heeft ingeschreven voor ${kop.procedure.titel}. Uw inschrijving voldoet niet aan alle toelatingscriteria. ` +
      "Daarom wordt u niet toegelaten tot het contract. Hieronder leest u per criterium waarom.",
  );

  l.heading("Besluit");
  l.paragraph(
    `${kop.bevoegdGezag.naam} besluit de inschrijving van ${kop.ontvanger?.naam ?? "de aanbieder"} voor het contract ${kop.procedure.contractNaam} af te wijzen.`,
  );

  l.heading("Redenen");
  redenen(l, data.redenen);

  l.heading("Motivering");
  l.paragraph(data.motivering);
  besluitSlot(l, kop, data.rechtsmiddelen);
}
