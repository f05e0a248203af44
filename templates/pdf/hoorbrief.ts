import type { HoorbriefDocument } from "../types";
import { datumNl, partijNaam, procedureRegels, redenKop, tijdstipNl } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

const TITEL = "Hoor en wederhoor";

export function meta(data: HoorbriefDocument): DocumentMeta {
  return {
    title: `${TITEL} — ${data.aan.naam}, ${data.procedure.titel}`,
    subject: `Gelegenheid tot reageren op tekortkomingen in de inschrijving voor ${data.procedure.titel}`,
    keywords: ["hoor en wederhoor", data.procedure.id, data.kenmerk, ...(data.aan.kvk === undefined ? [] : [data.aan.kvk])],
    kenmerk: data.kenmerk,
    datum: data.datum,
  };
}

export function render(l: Layout, data: HoorbriefDocument): void {
  const einde = tijdstipNl(data.termijnEinde);
  l.title(TITEL, data.procedure.titel);
  l.keyValues([
    ["Kenmerk", data.kenmerk],
    ["Datum", datumNl(data.datum)],
    ["Aan", partijNaam(data.aan)],
    ...procedureRegels(data.procedure),
    ["Reageren uiterlijk", `${einde} (${data.termijnWerkdagen} werkdagen)`],
  ]);

  l.paragraph("Geachte heer, mevrouw,");
  l.paragraph(
    `U heeft ingeschreven voor ${data.procedure.titel}. Bij de beoordeling van uw inschrijving hebben wij vastgesteld dat deze op ` +
      (data.tekortkomingen.length === 1 ? "het volgende punt" : "de volgende punten") +
      " niet voldoet aan de toelatingscriteria. Voordat wij een besluit nemen, geven wij u de gelegenheid hierop te reageren.",
  );

  l.heading("Onvoldoende beoordeelde criteria");
  for (const t of data.tekortkomingen) {
    l.subheading(redenKop(t));
    l.paragraph(t.motivering);
  }

  l.heading("Hoor en wederhoor");
  l.paragraph(`Het inkoopplan bepaalt hierover: “${data.hoorEnWederhoorTekst}”`);

  l.heading("Termijn");
  l.paragraph(`U heeft ${data.termijnWerkdagen} werkdagen om te reageren. Uw reactie moet uiterlijk ${einde} bij ons binnen zijn.`);
  l.paragraph(data.termijnToelichting, { muted: true });

  l.heading("Wat u kunt insturen");
  l.paragraph("Stuur uw reactie via het aanbiedersportaal, onder vermelding van kenmerk " + data.kenmerk + ". Stuur in elk geval mee:", {
    keepWithNext: 40,
  });
  l.bullets([
    "per genoemd criterium (en product) een toelichting waaruit blijkt dat de tekortkoming al is opgelost, of welke aantoonbare en afdoende verbetermaatregelen u heeft genomen;",
    "de documenten waarmee u dat aantoont, zoals diploma's, verklaringen of beleidsstukken.",
  ]);

  l.heading("Als u niet of niet op tijd reageert");
  l.paragraph(
    "Ontvangen wij binnen de termijn geen reactie, of neemt uw reactie de tekortkoming niet weg, dan blijft de tekortkoming staan. " +
      "Dat leidt tot een afwijzing op het betreffende criterium; bij een criterium dat per product geldt, tot een afwijzing voor dat product.",
  );

  l.space(8);
  l.lines(["Met vriendelijke groet,", "", data.afzender.naam, data.afzender.rol, "Regio Midden-Holland"]);
}
