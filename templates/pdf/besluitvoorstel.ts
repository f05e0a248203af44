import type { BesluitvoorstelDocument } from "../types";
import { besluitKop, besluitMeta, datumNl } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

const STANDAARD_TITEL = "Voorstel: akkoord gunning";

function metTitel(data: BesluitvoorstelDocument): BesluitvoorstelDocument["kop"] {
  return data.kop.titel.trim() === "" ? { ...data.kop, titel: STANDAARD_TITEL } : data.kop;
}

export function meta(data: BesluitvoorstelDocument): DocumentMeta {
  return besluitMeta(metTitel(data), "besluitvoorstel");
}

export function render(l: Layout, data: BesluitvoorstelDocument): void {
  const kop = metTitel(data);
  besluitKop(l, kop);

  l.heading("Voorstel");
  l.paragraph(data.voorstel);

  l.heading(`Toegelaten aanbieders (${data.toegelaten.length})`);
  if (data.toegelaten.length === 0) l.paragraph("Geen.");
  else
    l.table(
      [
        { header: "Aanbieder", weight: 3 },
        { header: "KvK", weight: 1 },
        { header: "Producten", weight: 1, align: "right" },
      ],
      data.toegelaten.map((a) => [a.naam, a.kvk, String(a.producten)]),
    );

  l.heading(`Afgewezen aanbieders (${data.afgewezen.length})`);
  if (data.afgewezen.length === 0) l.paragraph("Geen.");
  else
    l.table(
      [
        { header: "Aanbieder", weight: 2 },
        { header: "KvK", weight: 1 },
        { header: "Redenen", weight: 4 },
      ],
      data.afgewezen.map((a) => [a.naam, a.kvk, a.redenen.map((r) => `– ${r}`).join("\n")]),
    );

  if (data.eerderTeruggestuurd.length > 0) {
    l.heading("Eerder teruggestuurd");
    l.paragraph("Het bevoegd gezag heeft een eerder voorstel teruggestuurd, met de volgende motivering:", { keepWithNext: 50 });
    l.table(
      [
        { header: "Datum", weight: 1 },
        { header: "Motivering", weight: 4 },
      ],
      data.eerderTeruggestuurd.map((t) => [datumNl(t.datum), t.motivering]),
    );
  }

  l.heading(`Besluit van ${kop.bevoegdGezag.naam}`);
  l.paragraph(`Bevoegd op grond van: ${kop.bevoegdGezag.bron}.`, { muted: true });
  l.paragraph("☐  Akkoord          ☐  Niet akkoord");
  l.paragraph("Motivering bij niet akkoord:");
  l.writingLines(3);
  l.signatureLines(["Datum", "Handtekening"]);
}
