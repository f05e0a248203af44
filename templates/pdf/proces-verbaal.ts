import type { ProcesVerbaalDocument } from "../types";
import { procedureRegels, tijdstipNl } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

const TITEL = "Proces-verbaal van sluiting";

export function meta(data: ProcesVerbaalDocument): DocumentMeta {
  return {
    title: `${TITEL} — ${data.procedure.titel}, ronde ${data.ronde}`,
    subject: `Inschrijvingen ontvangen tot de sluiting van ${data.procedure.titel}`,
    keywords: ["proces-verbaal", data.procedure.id, `ronde ${data.ronde}`],
    kenmerk: `${data.procedure.id}/pv-${data.ronde}`,
    datum: data.opgemaaktOp,
  };
}

export function render(l: Layout, data: ProcesVerbaalDocument): void {
  l.title(TITEL, data.procedure.titel);
  l.keyValues([
    ...procedureRegels(data.procedure),
    ["Ronde", String(data.ronde)],
    ["Publicatie", tijdstipNl(data.publicatieAt, true)],
    ["Sluiting", tijdstipNl(data.sluitingAt, true)],
    ["Aantal inschrijvingen", String(data.inschrijvingen.length)],
  ]);

  l.heading("Ontvangen inschrijvingen");
  if (data.inschrijvingen.length === 0) {
    l.paragraph("Voor het sluitingstijdstip is geen inschrijving ontvangen.");
  } else {
    l.table(
      [
        { header: "Nr.", weight: 0.45, align: "right" },
        { header: "Aanbieder", weight: 2 },
        { header: "KvK", weight: 1 },
        { header: "Ontvangen op", weight: 1.7 },
        { header: "SHA-256 (begin)", weight: 1.75 },
        { header: "Aantal producten", weight: 1, align: "right" },
      ],
      data.inschrijvingen.map((i) => [
        String(i.volgnummer),
        i.naam,
        i.kvk,
        tijdstipNl(i.ontvangenOp, true),
        i.sha256.slice(0, 16),
        String(i.aantalProducten),
      ]),
    );
    l.paragraph(
      "De SHA-256 is de vingerafdruk van de inschrijving zoals die is ontvangen; hier staan de eerste 16 tekens, de volledige waarde staat in het dossier. Tijden zijn Nederlandse tijd.",
      { muted: true },
    );
  }

  l.heading("Verklaring");
  l.paragraph(data.verklaring);
  l.space(6);
  l.paragraph(`Opgemaakt op ${tijdstipNl(data.opgemaaktOp, true)}.`);
}
