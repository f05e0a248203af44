import type { SasBeslissingDocument, SasRangRegel } from "../types";
import { besluitKop, besluitMeta, besluitSlot, tijdstipNl } from "./besluit";
import type { Column, DocumentMeta, Layout } from "./layout";
import { BESLISSING_TITELS, getalNl, isGunning, schaalNl, scoreVan, totaalNl, type SasSoort } from "./sas";

/*
 * What one candidate receives in a SAS: its selectiebeslissing, voorlopige gunningsbeslissing or
 * gunningsbesluit. Per perceel its own consensus scores with their motivation and its place; for a
 * gunning the winners' scores next to its own (the relative advantages); the standstill term.
 */

type Perceel = SasBeslissingDocument["percelen"][number];

function metTitel(data: SasBeslissingDocument): SasBeslissingDocument["kop"] {
  return data.kop.titel.trim() === "" ? { ...data.kop, titel: BESLISSING_TITELS[data.soort] } : data.kop;
}

export function meta(data: SasBeslissingDocument): DocumentMeta {
  return besluitMeta(metTitel(data), "sas-beslissing");
}

function uitkomstNl(uitkomst: Perceel["uitkomst"], soort: SasSoort): string {
  const tekst = { geselecteerd: "geselecteerd", "niet-geselecteerd": "niet geselecteerd", gegund: "gegund", "niet-gegund": "niet gegund" }[uitkomst];
  const zin = soort === "voorlopige-gunning" ? `voorlopig ${tekst}` : tekst;
  return zin.charAt(0).toUpperCase() + zin.slice(1);
}

function eigenScores(l: Layout, p: Perceel, eigen: SasRangRegel): void {
  l.keepSpace(110).subheading("Uw scores");
  l.table(
    [
      { header: "Criterium", weight: 2.4 },
      { header: "Gewicht", weight: 0.75, align: "right" },
      { header: "Score", weight: 0.8, align: "right" },
      { header: "Motivering", weight: 5 },
    ],
    p.criteria.map((c) => {
      const score = eigen.scores.find((s) => s.criterium === c.code);
      return [`${c.code} ${c.naam}`, getalNl(c.gewicht), score === undefined ? "–" : getalNl(score.score), score?.motivering ?? ""];
    }),
  );
}

function relatieveVoordelen(l: Layout, p: Perceel, eigen: SasRangRegel | undefined): void {
  const anderen = p.winnaars.filter((w) => w.kvk !== eigen?.kvk);
  if (anderen.length === 0) return;
  l.keepSpace(140).subheading("Scores van de winnende inschrijvingen");
  l.paragraph(
    "Zodat u de kenmerken en relatieve voordelen van de winnende inschrijving(en) kunt vergelijken met die van u, staan hieronder hun consensusscores per criterium naast de uwe.",
    { keepWithNext: 60 },
  );
  const columns: Column[] = [
    { header: "Inschrijver", weight: 3 },
    { header: "Plaats", weight: 0.9, align: "right" },
    ...p.criteria.map((c): Column => ({ header: c.code, weight: 0.7, align: "right" })),
    { header: "Totaal", weight: 0.9, align: "right" },
  ];
  const regel = (r: SasRangRegel, naam: string): string[] => [naam, String(r.plaats), ...p.criteria.map((c) => scoreVan(r, c.code)), totaalNl(r.totaal)];
  const rows = anderen.map((w) => regel(w, w.naam));
  if (eigen !== undefined) rows.unshift(regel(eigen, `Uw inschrijving (${eigen.naam})`));
  l.table(columns, rows);
  l.paragraph(`Criteria: ${p.criteria.map((c) => `${c.code} ${c.naam} (gewicht ${getalNl(c.gewicht)})`).join("; ")}.`, { muted: true });
}

function perceel(l: Layout, data: SasBeslissingDocument, p: Perceel): void {
  l.heading(`Perceel ${p.perceelNaam}`);
  const regels: [string, string][] = [["Uitkomst", uitkomstNl(p.uitkomst, data.soort)]];
  const eigen = data.knockOut === undefined ? p.eigen : undefined;
  if (eigen !== undefined) {
    regels.push(
      ["Uw plaats", `${eigen.plaats} van ${p.aantalKandidaten}`],
      ["Uw gewogen totaal", `${totaalNl(eigen.totaal)} (schaal ${schaalNl(p.schaal)})`],
    );
    if (eigen.beslistDoor !== undefined) regels.push(["Gelijke stand", eigen.beslistDoor]);
  } else {
    regels.push(["Aantal kandidaten", String(p.aantalKandidaten)]);
  }
  l.keyValues(regels);

  if (data.knockOut !== undefined) {
    l.paragraph("Uw inschrijving is voor dit perceel niet gescoord, omdat zij niet voldoet aan een toelatingscriterium (zie hierboven).", { muted: true });
    return;
  }
  if (eigen === undefined) l.paragraph("Voor dit perceel zijn geen scores van u vastgesteld.", { muted: true });
  else eigenScores(l, p, eigen);
  if (isGunning(data.soort)) relatieveVoordelen(l, p, eigen);
}

function opschortendeTermijn(l: Layout, standstill: NonNullable<SasBeslissingDocument["standstill"]>): void {
  const einde = tijdstipNl(standstill.einde);
  l.heading("Opschortende termijn");
  l.paragraph(`De opschortende termijn van ${standstill.dagen} kalenderdagen eindigt op ${einde}.`, { bold: true });
  l.paragraph(
    `De definitieve gunning vindt niet plaats vóór ${einde}. ` +
      "Bent u het niet eens met deze beslissing, dan kunt u binnen deze termijn bezwaar maken via inkoop, bij deze procedure. " +
      "Een tijdig bezwaar schort de procedure op: er wordt niet definitief gegund voordat uw bezwaar is afgehandeld. " +
      "U kunt binnen dezelfde termijn ook een kort geding aanhangig maken bij de voorzieningenrechter. " +
      "Na het einde van de termijn kunt u niet meer opkomen tegen deze beslissing.",
  );
  if (standstill.toelichting.trim() !== "") l.paragraph(standstill.toelichting, { muted: true });
}

export function render(l: Layout, data: SasBeslissingDocument): void {
  const kop = metTitel(data);
  besluitKop(l, kop);
  if (kop.ontvanger !== undefined) l.paragraph("Geachte heer, mevrouw,");

  l.heading("Besluit");
  l.paragraph(data.uitkomst, { bold: true });
  if (data.perceelRegel !== undefined) l.paragraph(data.perceelRegel);

  if (data.knockOut !== undefined) {
    l.heading("Niet beoordeeld: toelatingscriterium");
    l.paragraph("Uw inschrijving voldoet niet aan een toelatingscriterium (knock-out). Daarom is zij niet gescoord op de criteria.", { keepWithNext: 30 });
    l.paragraph(data.knockOut);
  }

  for (const p of data.percelen) perceel(l, data, p);

  l.heading("Regel bij gelijke stand");
  l.paragraph(data.gelijkeStandRegel);

  if (data.standstill !== undefined) opschortendeTermijn(l, data.standstill);

  l.heading("Motivering");
  l.paragraph(data.motivering);
  besluitSlot(l, kop, data.rechtsmiddelen);
}
