import type { NotaVanWijzigingenDocument } from "../types";
import { datumNl, procedureRegels, tijdstipNl } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

function titel(data: NotaVanWijzigingenDocument): string {
  return `Nota van wijzigingen nr. ${data.nummer}`;
}

export function meta(data: NotaVanWijzigingenDocument): DocumentMeta {
  return {
    title: `${titel(data)} — ${data.procedure.titel}`,
    subject: `Wijzigingen in de eisen na de dialoog in ${data.procedure.titel}`,
    keywords: ["nota van wijzigingen", data.procedure.id, `nr. ${data.nummer}`],
    kenmerk: `${data.procedure.id}/nvw-${data.nummer}`,
    datum: data.datum,
  };
}

export function render(l: Layout, data: NotaVanWijzigingenDocument): void {
  l.title(titel(data), data.procedure.titel);
  l.keyValues([
    ...procedureRegels(data.procedure),
    ["Datum", datumNl(data.datum)],
    ["Ontvangers", data.ontvangers],
    ["Aantal wijzigingen", String(data.wijzigingen.length)],
  ]);
  l.paragraph(
    "Deze nota van wijzigingen legt vast welke eisen en voorwaarden na de dialooggesprekken zijn gewijzigd. " +
      "Iedere geselecteerde kandidaat ontvangt dezelfde tekst op hetzelfde moment. " +
      "De nota maakt deel uit van de aanbestedingsstukken; bij strijdigheid gaat de meest recente nota voor. Uw definitieve inschrijving gaat uit van de eisen zoals gewijzigd.",
  );

  l.heading("Wijzigingen");
  if (data.wijzigingen.length === 0) {
    l.paragraph("Deze nota bevat geen wijzigingen.");
    return;
  }
  for (const w of data.wijzigingen) {
    l.keepSpace(Math.min(l.paragraphHeight(w.wijziging) + 50, 200));
    l.subheading(`Wijziging ${w.nr}: ${w.onderwerp}`);
    l.paragraph(w.wijziging, { keepWithNext: 18 });
    l.paragraph(`Vastgesteld op ${tijdstipNl(w.at)}.`, { muted: true });
  }
}
