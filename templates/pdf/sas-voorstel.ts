import type { SasPerceelUitslag, SasVoorstelDocument } from "../types";
import { besluitKop, besluitMeta } from "./besluit";
import type { Column, DocumentMeta, Layout } from "./layout";
import { criteriumNaam, doorKop, getalNl, schaalNl, scoreVan, totaalNl, VOORSTEL_TITELS, type SasSoort } from "./sas";

/*
 * The proposal to the bevoegd gezag for a SAS selectie or gunning: per perceel the criteria, the
 * ranking with every consensus score, where the cut-off fell; who failed a knock-out; the tie rule;
 * and a block to sign, like the besluitvoorstel of an Open House.
 */

function metTitel(data: SasVoorstelDocument): SasVoorstelDocument["kop"] {
  return { ...data.kop, titel: VOORSTEL_TITELS[data.soort] };
}

export function meta(data: SasVoorstelDocument): DocumentMeta {
  return besluitMeta(metTitel(data), "sas-voorstel");
}

function perceel(l: Layout, p: SasPerceelUitslag, soort: SasSoort): void {
  l.heading(`Perceel ${p.perceelNaam}`);
  const door = p.rangschikking.filter((r) => r.door).length;
  l.keyValues([
    ["Schaal", schaalNl(p.schaal)],
    ["Grens", p.grens],
    ["Aantal kandidaten", String(p.rangschikking.length)],
    [soort === "selectie" ? "Geselecteerd" : "Gegund", String(door)],
    ["Grens op gelijke stand", p.grensDoorGelijkeStand ? "ja: de grens valt op een gelijke stand" : "nee"],
  ]);

  l.keepSpace(110).subheading("Criteria");
  l.table(
    [
      { header: "Code", weight: 0.7 },
      { header: "Criterium", weight: 5 },
      { header: "Gewicht", weight: 1, align: "right" },
    ],
    p.criteria.map((c) => [c.code, c.naam, getalNl(c.gewicht)]),
  );

  // Keep the subheading with the table header and its first rows.
  l.keepSpace(110).subheading("Rangschikking");
  if (p.rangschikking.length === 0) {
    l.paragraph("Voor dit perceel is geen kandidaat beoordeeld.");
    return;
  }
  l.table(
    [
      { header: "Plaats", weight: 0.9, align: "right" },
      { header: "Kandidaat", weight: 3 },
      { header: "KvK", weight: 1.2 },
      { header: "Gewogen totaal", weight: 1.1, align: "right" },
      { header: doorKop(soort), weight: 1.1 },
      { header: "Gelijke stand", weight: 2.2 },
    ],
    p.rangschikking.map((r) => [String(r.plaats), r.naam, r.kvk, totaalNl(r.totaal), r.door ? "ja" : "nee", r.beslistDoor ?? ""]),
  );
  if (p.grensDoorGelijkeStand) {
    l.paragraph(
      "Let op: de grens valt op een gelijke stand. Wie wel en wie niet door gaat, is beslist volgens de regel bij gelijke stand hieronder; de rangschikking zegt per kandidaat hoe.",
      { bold: true },
    );
  }

  l.keepSpace(110).subheading("Consensusscores per criterium");
  const columns: Column[] = [
    { header: "Kandidaat", weight: 3 },
    ...p.criteria.map((c): Column => ({ header: c.code, weight: 0.8, align: "right" })),
    { header: "Totaal", weight: 1, align: "right" },
  ];
  l.table(
    columns,
    p.rangschikking.map((r) => [r.naam, ...p.criteria.map((c) => scoreVan(r, c.code)), totaalNl(r.totaal)]),
  );
  l.paragraph(`Criteria: ${p.criteria.map((c) => `${criteriumNaam(c)} (gewicht ${getalNl(c.gewicht)})`).join("; ")}.`, { muted: true });

  const motiveringen = p.rangschikking.flatMap((r) =>
    r.scores.flatMap((s) => (s.motivering === undefined || s.motivering.trim() === "" ? [] : [[r.naam, s.criterium, getalNl(s.score), s.motivering]])),
  );
  if (motiveringen.length > 0) {
    l.keepSpace(110).subheading("Motivering van de consensusscores");
    l.table(
      [
        { header: "Kandidaat", weight: 2 },
        { header: "Criterium", weight: 1.1 },
        { header: "Score", weight: 0.8, align: "right" },
        { header: "Motivering", weight: 5 },
      ],
      motiveringen,
    );
  }
}

export function render(l: Layout, data: SasVoorstelDocument): void {
  const kop = metTitel(data);
  besluitKop(l, kop);

  l.heading("Voorstel");
  l.paragraph(data.voorstel);

  for (const p of data.percelen) perceel(l, p, data.soort);

  l.heading(`Knock-outs (${data.knockOuts.length})`);
  if (data.knockOuts.length === 0) l.paragraph("Geen: iedere kandidaat voldeed aan de toelatingscriteria en is beoordeeld.");
  else {
    l.paragraph("Deze kandidaten voldeden niet aan een toelatingscriterium (knock-out) en zijn daarom niet beoordeeld.", { keepWithNext: 50 });
    l.table(
      [
        { header: "Kandidaat", weight: 2 },
        { header: "KvK", weight: 1 },
        { header: "Toelichting", weight: 4 },
      ],
      data.knockOuts.map((k) => [k.naam, k.kvk, k.toelichting]),
    );
  }

  l.heading("Regel bij gelijke stand");
  l.paragraph(data.gelijkeStandRegel);

  // The signing block (heading, choice, lines, signature) stays on one page.
  l.keepSpace(240);
  l.heading(`Besluit van ${kop.bevoegdGezag.naam}`);
  l.paragraph(`Bevoegd op grond van: ${kop.bevoegdGezag.bron}.`, { muted: true });
  l.paragraph("☐  Akkoord          ☐  Niet akkoord");
  l.paragraph("Motivering bij niet akkoord:");
  l.writingLines(3);
  l.signatureLines(["Datum", "Handtekening"]);
}
