import type { NotaVanInlichtingenDocument } from "../types";
import { datumNl, procedureRegels, tijdstipNl } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

function titel(data: NotaVanInlichtingenDocument): string {
  return `Nota van inlichtingen nr. ${data.nummer}`;
}

export function meta(data: NotaVanInlichtingenDocument): DocumentMeta {
  return {
    title: `${titel(data)} — ${data.procedure.titel}`,
    subject: `Vragen en antwoorden over ${data.procedure.titel}`,
    keywords: ["nota van inlichtingen", data.procedure.id, `nr. ${data.nummer}`],
    kenmerk: `${data.procedure.id}/nvi-${data.nummer}`,
    datum: data.datum,
  };
}

export function render(l: Layout, data: NotaVanInlichtingenDocument): void {
  l.title(titel(data), data.procedure.titel);
  l.keyValues([...procedureRegels(data.procedure), ["Datum", datumNl(data.datum)], ["Aantal vragen", String(data.vragen.length)]]);
  l.paragraph(
    "Vragen over deze procedure worden zonder de naam van de vragensteller gepubliceerd, zodat iedere aanbieder dezelfde informatie krijgt. " +
      "Deze nota van inlichtingen maakt deel uit van de aanbestedingsstukken.",
  );

  l.heading("Vragen en antwoorden");
  if (data.vragen.length === 0) {
    l.paragraph("Deze nota bevat geen vragen.");
    return;
  }
  for (const v of data.vragen) {
    l.subheading(`Vraag ${v.nr}`);
    l.paragraph(v.vraag);
    l.paragraph(`Gesteld op ${tijdstipNl(v.gesteldOp)}.`, { muted: true });
    l.paragraph("Antwoord", { bold: true });
    l.paragraph(v.antwoord);
    l.paragraph(`Beantwoord op ${tijdstipNl(v.beantwoordOp)}.`, { muted: true });
  }
}
