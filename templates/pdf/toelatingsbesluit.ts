import type { ToelatingsbesluitDocument } from "../types";
import { besluitKop, besluitMeta, besluitSlot, datumNl, productUitkomstTabel, redenen } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

export function meta(data: ToelatingsbesluitDocument): DocumentMeta {
  return besluitMeta(data.kop, "toelatingsbesluit");
}

export function render(l: Layout, data: ToelatingsbesluitDocument): void {
  const { kop } = data;
  const naam = kop.ontvanger?.naam ?? "de aanbieder";
  besluitKop(l, kop);
  if (kop.ontvanger !== undefined) l.paragraph("Geachte heer, mevrouw,");
  l.paragraph(
    `U heeft ingeschreven voor ${kop.procedure.titel}. Met dit besluit wordt u toegelaten tot het contract ${kop.procedure.contractNaam}` +
      (data.nietToegelatenProducten.length > 0 ? " voor een deel van de producten waarvoor u heeft ingeschreven." : "."),
  );

  l.heading("Besluit");
  l.paragraph(`${kop.bevoegdGezag.naam} besluit ${naam} toe te laten tot het contract ${kop.procedure.contractNaam} voor de volgende producten:`, {
    keepWithNext: 50,
  });
  // A contract entered per plaats (Hulp bij huishouden, 6.10.1): the admission holds for the plaatsen named per product.
  const plaatsenVan = (p: { code: string | null; naam: string }) => data.producten?.find((x) => x.uitkomst === "toegelaten" && x.product.naam === p.naam && x.product.code === p.code)?.plaatsen;
  const metPlaatsen = data.toegelatenProducten.some((p) => plaatsenVan(p) !== undefined);
  l.table(
    [
      { header: "Productcode", weight: 1 },
      { header: "Product", weight: 4 },
      ...(metPlaatsen ? [{ header: "Plaatsen", weight: 3 }] : []),
    ],
    data.toegelatenProducten.map((p) => [p.codeLabel, p.naam, ...(metPlaatsen ? [(plaatsenVan(p) ?? []).join(", ")] : [])]),
  );
  if (metPlaatsen)
    l.paragraph("U bent toegelaten voor de plaatsen die per product zijn genoemd (inkoopplan 6.10.1: inschrijven per plaats). Voor een andere plaats geldt deze toelating niet.");

  if (data.nietToegelatenProducten.length > 0 && data.producten !== undefined && data.producten.length > 0) {
    l.paragraph("Per product waarvoor u inschreef:", { keepWithNext: 50 });
    productUitkomstTabel(l, data.producten);
  }

  if (data.nietToegelatenProducten.length > 0) {
    l.heading("Niet toegelaten producten");
    l.paragraph("Voor de volgende producten wordt u niet toegelaten, om de redenen die erbij staan.");
    for (const { product, redenen: lijst } of data.nietToegelatenProducten) {
      l.subheading(`${product.codeLabel} ${product.naam}`);
      redenen(l, lijst, { metProduct: false });
    }
  }

  l.heading("Contract");
  l.keyValues([
    ["Contract", `${kop.procedure.contractNaam} (${data.contract.contractId})`],
    ["Ingangsdatum", datumNl(data.contract.ingangsdatum)],
    ["Looptijd", data.contract.looptijdOmschrijving],
  ]);

  l.heading("Motivering");
  l.paragraph(data.motivering);
  besluitSlot(l, kop, data.rechtsmiddelen);
}
