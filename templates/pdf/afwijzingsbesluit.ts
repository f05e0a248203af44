import type { AfwijzingsbesluitDocument } from "../types";
import { besluitKop, besluitMeta, besluitSlot, productNaam, productUitkomstTabel, redenen } from "./besluit";
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
  const producten = data.producten ?? [];
  const namen = producten.map((p) => productNaam(p.product));
  const voor =
    namen.length === 0
      ? ""
      : namen.length === 1
        ? ` voor het product ${namen[0] ?? ""}`
        : namen.length <= 3
          ? ` voor de producten ${namen.slice(0, -1).join(", ")} en ${namen[namen.length - 1] ?? ""}`
          : ` voor alle ${namen.length} producten waarvoor zij inschreef`;
  l.paragraph(
    `${kop.bevoegdGezag.naam} besluit de inschrijving van ${kop.ontvanger?.naam ?? "de aanbieder"} voor het contract ${kop.procedure.contractNaam}${voor} af te wijzen` +
      (producten.length > 0 ? ". Per product:" : "."),
    producten.length > 0 ? { keepWithNext: 50 } : {},
  );
  if (producten.length > 0) productUitkomstTabel(l, producten);

  l.heading("Redenen");
  redenen(l, data.redenen);

  l.heading("Motivering");
  l.paragraph(data.motivering);
  besluitSlot(l, kop, data.rechtsmiddelen);
}
