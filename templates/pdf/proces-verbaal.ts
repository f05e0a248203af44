import { parseInstant } from "../../domain/calendar";
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

  const onderwerp = data.onderwerp?.trim();
  l.heading(onderwerp === undefined || onderwerp === "" ? "Ontvangen inschrijvingen" : onderwerp);
  if (data.inschrijvingen.length === 0) {
    l.paragraph("Voor het sluitingstijdstip is geen inschrijving ontvangen.");
  } else {
    // The version column appears only when an inschrijving was replaced before closing (issue 13).
    const metVersie = data.inschrijvingen.some((i) => (i.versie ?? 1) > 1);
    l.table(
      [
        { header: "Nr.", weight: 0.45, align: "right" },
        { header: "Aanbieder", weight: metVersie ? 1.75 : 2 },
        { header: "KvK", weight: 1 },
        { header: "Ontvangen op", weight: 1.7 },
        ...(metVersie ? [{ header: "Versie", weight: 0.6, align: "right" as const }] : []),
        { header: "SHA-256 (begin)", weight: metVersie ? 1.95 : 1.75 },
        { header: "Aantal producten", weight: metVersie ? 0.95 : 1, align: "right" },
      ],
      data.inschrijvingen.map((i) => [
        String(i.volgnummer),
        i.naam,
        i.kvk,
        tijdstipNl(i.ontvangenOp, true),
        ...(metVersie ? [String(i.versie ?? 1)] : []),
        i.sha256.slice(0, 16),
        String(i.aantalProducten),
      ]),
    );
    l.paragraph(
      "De SHA-256 is de vingerafdruk van de inschrijving zoals die is ontvangen; hier staan de eerste 16 tekens, de volledige waarde staat in het dossier. Tijden zijn Nederlandse tijd.",
      { muted: true },
    );
  }

  if (data.ingetrokken !== undefined && data.ingetrokken.length > 0) {
    l.heading("Ingetrokken vóór de sluiting");
    l.paragraph("Deze inschrijvingen zijn door de aanbieder vóór het sluitingstijdstip ingetrokken. Zij tellen niet mee en worden niet beoordeeld.", { keepWithNext: 40 });
    l.table(
      [
        { header: "Nr.", weight: 0.45, align: "right" },
        { header: "Aanbieder", weight: 2 },
        { header: "KvK", weight: 1 },
        { header: "Ontvangen op", weight: 1.7 },
        { header: "Ingetrokken op", weight: 1.7 },
      ],
      data.ingetrokken.map((i) => [String(i.volgnummer), i.naam, i.kvk, tijdstipNl(i.ontvangenOp, true), tijdstipNl(i.ingetrokkenOp, true)]),
    );
  }

  if (data.geopendDoor !== undefined && data.geopendDoor.length > 0) {
    l.heading("Geopend door");
    l.paragraph(
      data.geopendDoor.length > 1
        ? "De inschrijvingen zijn volgens het vier-ogenprincipe geopend: elk van de volgende personen heeft de opening afzonderlijk bevestigd."
        : "De inschrijvingen zijn geopend door:",
      { keepWithNext: 40 },
    );
    l.table(
      [
        { header: "Naam", weight: 2 },
        { header: "Rol", weight: 2 },
        { header: "Bevestigd op", weight: 2 },
      ],
      data.geopendDoor.map((g) => [g.naam, g.rol, tijdstipNl(g.at, true)]),
    );
    // The opening takes effect at the last confirmation: before it, nobody could see the contents.
    const laatste = data.geopendDoor.reduce((a, b) => (parseInstant(b.at).getTime() > parseInstant(a.at).getTime() ? b : a));
    const namen = data.geopendDoor.map((g) => g.naam);
    const wie = namen.length > 1 ? `${namen.slice(0, -1).join(", ")} en ${namen[namen.length - 1] ?? ""}` : (namen[0] ?? "");
    l.paragraph(`Geopend op ${tijdstipNl(laatste.at, true)} door ${wie}.`);
  }

  l.heading("Verklaring");
  l.paragraph(data.verklaring);
  l.space(6);
  l.paragraph(`Opgemaakt op ${tijdstipNl(data.opgemaaktOp, true)}.`);
}
