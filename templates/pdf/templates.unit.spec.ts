import { createHash } from "node:crypto";
import { hoorEnWederhoorTekst } from "../../domain/catalogue";
import { pdfTextAndInfo } from "../../test/pdf-text";
import type { BesluitKop, DocumentKind, DocumentTypes } from "../types";
import { bezwaarAfgehandeldMail, bezwaarOntvangenMail, notaVanWijzigingenMail, sasUitnodigingInschrijvingMail } from "../mail";
import { renderPdf } from "./render";
import {
  beschermdWonen,
  deBrug,
  documentKinds,
  groeneHart,
  kompas,
  psychiatrie,
  RECHTSMIDDELEN,
  rijnstreek,
  samples,
  SAS_RECHTSMIDDELEN,
  sasProcesVerbaal,
  selectieKnockOut,
  selectieKompas,
  stressSamples,
  variantSamples,
  voorlopigeGunningVoorstel,
  wonenWmoGunning,
} from "./samples";

const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

/**
 * pdf.js breaks wrapped lines and table cells apart, and a line may wrap after a hyphen ("hbo-" /
 * "opleiding"): compare on single spaces and without a space after a hyphen, on both sides.
 */
const flat = (s: string): string => s.replace(/\s+/g, " ").replace(/- /g, "-");

interface Rendered {
  bytes: Buffer;
  text: string;
  pages: number;
  info: Record<string, unknown>;
}

async function render<K extends DocumentKind>(kind: K, data: DocumentTypes[K]): Promise<Rendered> {
  const bytes = await renderPdf(kind, data);
  const { text, pages, info } = await pdfTextAndInfo(bytes);
  return { bytes, text: flat(text), pages, info };
}

const rendered = new Map<DocumentKind, Rendered>();
beforeAll(async () => {
  await Promise.all(documentKinds.map(async (kind) => rendered.set(kind, await render(kind, samples[kind]))));
});

function get(kind: DocumentKind): Rendered {
  const r = rendered.get(kind);
  if (r === undefined) throw new Error(`${kind} is niet gerenderd`);
  return r;
}

describe.each(documentKinds)("%s: PDF/A, metadata en vaste opmaak", (kind) => {
  it("verklaart PDF/A-2b in de XMP-metadata en in een PDF 1.7-header", () => {
    const raw = get(kind).bytes.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(raw).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(raw).toContain("/OutputIntents");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Lang (nl-NL)");
  });

  it("bedt DejaVu Sans in en gebruikt geen standaard-PDF-lettertype", () => {
    const raw = get(kind).bytes.toString("latin1");
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toContain("/FontFile2");
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
  });

  it("zet titel, auteur en datums uit de data in de documentinformatie", () => {
    const { info } = get(kind);
    expect(info.Author).toBe("Regio Midden-Holland");
    expect(typeof info.Title).toBe("string");
    expect(String(info.Title).length).toBeGreaterThan(5);
    expect(info.Subject).toBeTruthy();
    expect(info.Keywords).toBeTruthy();
    expect(info.CreationDate).toBe(info.ModDate);
  });

  it("spiegelt de documentinformatie in de XMP-metadata, zoals PDF/A eist", () => {
    const { bytes, info } = get(kind);
    const raw = bytes.toString("latin1");
    const start = raw.indexOf("<x:xmpmeta");
    const end = raw.indexOf("</x:xmpmeta>");
    expect(start).toBeGreaterThan(0);
    const xmp = Buffer.from(raw.slice(start, end), "latin1").toString("utf8");
    const pdfDate = (d: string): string => `D:${d.replace(/[-:T]/g, "").replace(/Z$/, "")}Z`;
    const create = /<xmp:CreateDate>([^<]+)<\/xmp:CreateDate>/.exec(xmp)?.[1] ?? "";
    const modify = /<xmp:ModifyDate>([^<]+)<\/xmp:ModifyDate>/.exec(xmp)?.[1] ?? "";
    expect(pdfDate(create)).toBe(info.CreationDate);
    expect(pdfDate(modify)).toBe(info.ModDate);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${String(info.Title)}</rdf:li>`);
    expect(xmp).toContain(`<rdf:li>${String(info.Author)}</rdf:li>`);
    expect(xmp).toContain(`<pdf:Keywords>${String(info.Keywords)}</pdf:Keywords>`);
  });

  it("geeft voor dezelfde data dezelfde bytes", async () => {
    const again = await renderPdf(kind, samples[kind]);
    expect(sha256(again)).toBe(sha256(get(kind).bytes));
  });

  it("heeft kop en voet met regio, paginanummer en kenmerk", () => {
    const { text, pages } = get(kind);
    expect(text).toContain("Regio Midden-Holland — Inkoop Jeugd en Wmo");
    expect(text).toContain(`pagina 1 van ${pages}`);
    expect(text).toContain(`pagina ${pages} van ${pages}`);
    expect(text).toContain("Kenmerk: ");
  });
});

const besluitKinds = ["toelatingsbesluit", "afwijzingsbesluit", "besluitvoorstel", "algemeen-besluit", "sas-voorstel", "sas-beslissing"] as const;

describe.each(besluitKinds)("%s: wat elk besluit toont", (kind) => {
  const kop: BesluitKop = samples[kind].kop;

  it("toont besluitnummer, datum, auteur, bevoegd gezag met bron en toelichting, en de procedure", () => {
    const { text } = get(kind);
    expect(text).toContain(kop.besluitId);
    expect(text).toMatch(/\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/);
    expect(text).toContain(`${kop.auteur.naam}, ${kop.auteur.rol}`);
    expect(text).toContain(kop.bevoegdGezag.naam);
    expect(text).toContain(kop.bevoegdGezag.bron);
    expect(text).toContain(flat(kop.bevoegdGezag.toelichting ?? ""));
    expect(text).toContain(kop.procedure.titel);
    expect(text).toContain(kop.procedure.contractNaam);
    expect(text).toContain(`paragraaf ${kop.procedure.sectie}`);
    if (kop.ontvanger !== undefined) expect(text).toContain(`${kop.ontvanger.naam} (KvK ${kop.ontvanger.kvk ?? ""})`);
  });

  it("draagt het besluitnummer als kenmerk in de voet en de titel", () => {
    const { text, info } = get(kind);
    expect(text).toContain(`Kenmerk: ${kop.besluitId}`);
    expect(info.Title).toBe(`${kop.titel} ${kop.besluitId}`);
  });
});

describe.each(["toelatingsbesluit", "afwijzingsbesluit", "algemeen-besluit"] as const)("%s: rechtsmiddelen", (kind) => {
  it("eindigt met de rechtsmiddelen uit de data", () => {
    const { text } = get(kind);
    expect(text).toContain("Rechtsmiddelen");
    expect(text).toContain(flat(RECHTSMIDDELEN));
  });
});

describe("inhoud per document", () => {
  it("proces-verbaal: tijdstippen met seconden en de tabel van inschrijvingen", () => {
    const { text, info } = get("proces-verbaal");
    const pv = samples["proces-verbaal"];
    expect(text).toContain("Proces-verbaal van sluiting");
    expect(text).toContain("1 december 2026 om 09:00:00");
    expect(text).toContain("15 januari 2027 om 12:00:00");
    expect(text).toContain("Opgemaakt op 15 januari 2027 om 12:05:31");
    for (const i of pv.inschrijvingen) {
      expect(text).toContain(flat(i.naam));
      expect(text).toContain(i.kvk);
      expect(text).toContain(i.sha256.slice(0, 16));
      expect(text).not.toContain(i.sha256.slice(0, 17));
    }
    expect(text).toContain("10 januari 2027 om 10:40:00");
    expect(text).toContain(flat(pv.verklaring));
    expect(info.CreationDate).toBe("D:20270115110531Z");
  });

  it("proces-verbaal zonder inschrijvingen zegt dat er geen zijn", async () => {
    const { text } = await render("proces-verbaal", { ...samples["proces-verbaal"], inschrijvingen: [] });
    expect(text).toContain("geen inschrijving ontvangen");
  });

  it("nota van inlichtingen: nummer, publicatie zonder naam, vragen en antwoorden", () => {
    const { text } = get("nota-van-inlichtingen");
    const nota = samples["nota-van-inlichtingen"];
    expect(text).toContain("Nota van inlichtingen nr. 2");
    expect(text).toContain("zonder de naam van de vragensteller");
    expect(text).toContain("deel uit van de aanbestedingsstukken");
    for (const v of nota.vragen) {
      expect(text).toContain(`Vraag ${v.nr}`);
      expect(text).toContain(flat(v.vraag));
      expect(text).toContain(flat(v.antwoord));
    }
    for (const naam of [deBrug.naam, kompas.naam, "Zorg & Zo"]) expect(text).not.toContain(naam);
  });

  it("hoorbrief: criteria met motivering, termijn, wat in te sturen en wat zonder reactie gebeurt", () => {
    const { text } = get("hoorbrief");
    const brief = samples.hoorbrief;
    expect(text).toContain("Hoor en wederhoor");
    expect(text).toContain("TC07 Bekwaam personeel (per product) — product 45A48 Begeleiding Jeugd");
    expect(text).toContain("TC04 Financieel gezond");
    for (const t of brief.tekortkomingen) expect(text).toContain(flat(t.motivering));
    expect(text).toContain(flat(hoorEnWederhoorTekst));
    expect(text).toContain("10 werkdagen");
    expect(text).toContain("uiterlijk 17 februari 2027 om 23:59");
    expect(text).toContain(flat(brief.termijnToelichting));
    expect(text).toContain("aanbiedersportaal");
    expect(text).toContain("blijft de tekortkoming staan");
    expect(text).toContain("afwijzing voor dat product");
    expect(text).toContain(`Kenmerk: ${brief.kenmerk}`);
  });

  it("toelatingsbesluit: toegelaten en niet-toegelaten producten, contract en motivering", () => {
    const { text, info } = get("toelatingsbesluit");
    const tb = samples.toelatingsbesluit;
    expect(text).toContain("Toelatingsbesluit");
    for (const p of tb.toegelatenProducten) expect(text).toContain(`${p.codeLabel} ${p.naam}`);
    expect(text).toContain("Niet toegelaten producten");
    expect(text).toContain(flat("45A53 Begeleiding specialistisch - Jeugd"));
    expect(text).toContain("TC02 Ervaringseis (per product)");
    expect(text).toContain("1 juli 2027");
    expect(text).toContain(flat(tb.contract.looptijdOmschrijving));
    expect(text).toContain(flat(tb.motivering));
    expect(info.CreationDate).toBe("D:20270311230000Z");
  });

  it("toelatingsbesluit zonder niet-toegelaten producten laat die sectie weg", async () => {
    const { text } = await render("toelatingsbesluit", { ...samples.toelatingsbesluit, nietToegelatenProducten: [] });
    expect(text).not.toContain("Niet toegelaten producten");
  });

  it("afwijzingsbesluit: redenen per criterium en product, met of zonder hoor en wederhoor", () => {
    const { text } = get("afwijzingsbesluit");
    const ab = samples.afwijzingsbesluit;
    expect(text).toContain("Afwijzingsbesluit");
    expect(text).toContain("TC07 Bekwaam personeel (per product) — product 45A48 Begeleiding Jeugd");
    for (const r of ab.redenen) expect(text).toContain(flat(r.motivering));
    expect(text).toContain("na hoor en wederhoor blijven bestaan");
    expect(text).toContain("geen hoor en wederhoor plaatsgevonden");
    expect(text).toContain(flat(ab.motivering));
  });

  it("besluitvoorstel: voorstel, tabellen, eerder teruggestuurd en een tekenblok", () => {
    const { text } = get("besluitvoorstel");
    const bv = samples.besluitvoorstel;
    expect(text).toContain("Voorstel: akkoord gunning");
    expect(text).toContain(flat(bv.voorstel));
    for (const a of [...bv.toegelaten, ...bv.afgewezen]) {
      expect(text).toContain(flat(a.naam));
      expect(text).toContain(a.kvk);
    }
    expect(text).toContain("onvoldoende SKJ-geregistreerd personeel");
    expect(text).toContain("26 februari 2027");
    expect(text).toContain(flat(bv.eerderTeruggestuurd[0]?.motivering ?? "-"));
    expect(text).toMatch(/Akkoord .*Niet akkoord/);
    expect(text).toContain("Datum");
    expect(text).toContain("Handtekening");
  });

  it("besluitvoorstel zonder titel krijgt de standaardtitel", async () => {
    const bv = samples.besluitvoorstel;
    const { text, info } = await render("besluitvoorstel", { ...bv, kop: { ...bv.kop, titel: "" } });
    expect(text).toContain("Voorstel: akkoord gunning");
    expect(info.Title).toBe(`Voorstel: akkoord gunning ${bv.kop.besluitId}`);
  });

  it("algemeen besluit: besluittekst, motivering en gevolgen", () => {
    const { text } = get("algemeen-besluit");
    const ab = samples["algemeen-besluit"];
    expect(text).toContain(ab.kop.titel);
    expect(text).toContain(flat(ab.besluittekst));
    expect(text).toContain(flat(ab.motivering));
    for (const g of ab.gevolgen) expect(text).toContain(flat(g));
  });
});

describe("SAS: selectie, dialoog en gunning", () => {
  it("nota van wijzigingen: nummer, ontvangers, genummerde wijzigingen met tijdstip", () => {
    const { text, info } = get("nota-van-wijzigingen");
    const nota = samples["nota-van-wijzigingen"];
    expect(text).toContain("Nota van wijzigingen nr. 1");
    expect(text).toContain(nota.procedure.titel);
    expect(text).toContain("paragraaf 6.5");
    expect(text).toContain(flat(nota.ontvangers));
    expect(text).toContain("Iedere geselecteerde kandidaat ontvangt dezelfde tekst");
    for (const w of nota.wijzigingen) {
      expect(text).toContain(flat(`Wijziging ${w.nr}: ${w.onderwerp}`));
      expect(text).toContain(flat(w.wijziging));
    }
    expect(text).toContain("Vastgesteld op 6 mei 2027 om 15:30");
    expect(text).toContain("Kenmerk: sas-hoog-specialistisch-2027/nvw-1");
    expect(info.Title).toBe("Nota van wijzigingen nr. 1 — SAS Hoog-specialistisch Jeugd 2027");
    for (const naam of [groeneHart.naam, kompas.naam]) expect(text).not.toContain(naam);
  });

  it("nota van wijzigingen zonder wijzigingen zegt dat", async () => {
    const { text } = await render("nota-van-wijzigingen", { ...samples["nota-van-wijzigingen"], wijzigingen: [] });
    expect(text).toContain("Deze nota bevat geen wijzigingen.");
  });

  it("voorstel selectiebeslissing: criteria, grens, rangschikking met totalen, gelijke stand en knock-outs", () => {
    const { text, info } = get("sas-voorstel");
    const sv = samples["sas-voorstel"];
    expect(text).toContain("Voorstel selectiebeslissing");
    expect(info.Title).toBe(`Voorstel selectiebeslissing ${sv.kop.besluitId}`);
    expect(text).toContain(flat(sv.voorstel));
    expect(text).toContain("Perceel Hoog-specialistisch Jeugd");
    expect(text).toContain("S1 Omvang en spreiding van het hoog-specialistische aanbod in de regio");
    expect(text).toContain(flat("Aantoonbare ervaring met complexe casuïstiek (referenties)"));
    expect(text).toContain("Schaal 1 tot en met 10");
    expect(text).toContain("Grens 4 kandidaten");
    expect(text).toContain("ja: de grens valt op een gelijke stand");
    expect(text).toContain("Geselecteerd");
    for (const r of sv.percelen[0]?.rangschikking ?? []) {
      expect(text).toContain(flat(r.naam));
      expect(text).toContain(r.kvk);
    }
    expect(text).toContain(`1 ${groeneHart.naam} ${groeneHart.kvk} 7,60 ja`);
    expect(text).toContain(`4 ${kompas.naam} ${kompas.kvk} 6,60 ja gelijke stand: beslist door S1`);
    expect(text).toContain(`5 ${rijnstreek.naam} ${rijnstreek.kvk} 6,60 nee gelijke stand: beslist door S1`);
    expect(text).toContain("Consensusscores per criterium");
    expect(text).toContain(`${rijnstreek.naam} 6 7,5 6,60`);
    expect(text).toContain("Overtuigende referenties met gezamenlijke behandeling van eetstoornissen.");
    expect(text).toContain("Knock-outs (1)");
    expect(text).toContain("Zorg & Zo Midden-Holland 11223344");
    expect(text).toContain(flat(sv.knockOuts[0]?.toelichting ?? "-"));
    expect(text).toContain("Regel bij gelijke stand");
    expect(text).toContain(flat(sv.gelijkeStandRegel));
    expect(text).toMatch(/Akkoord .*Niet akkoord/);
    expect(text).toContain("Handtekening");
  });

  it("voorstel voorlopige gunning: de vier gunningscriteria, gegund ja/nee, 7,25 en geen knock-outs", async () => {
    const { text, info } = await render("sas-voorstel", voorlopigeGunningVoorstel);
    expect(text).toContain("Voorstel voorlopige gunning");
    expect(info.Title).toBe(`Voorstel voorlopige gunning ${voorlopigeGunningVoorstel.kop.besluitId}`);
    for (const naam of [
      "Aantal plaatsen in de regio",
      "Kwaliteit van de deelnemer(s) aan de Verwijstafel",
      "Ervaring in samenwerking met andere aanbieders, voorliggend veld en andere organisaties",
      "Inzicht in wat er moet gebeuren om dit contract tot een succes te maken",
    ])
      expect(text).toContain(flat(naam));
    expect(text).toContain("Gegund");
    expect(text).toContain(flat(`1 ${psychiatrie.naam} ${psychiatrie.kvk} 7,80 ja`));
    expect(text).toContain(`2 ${groeneHart.naam} ${groeneHart.kvk} 7,25 ja`);
    expect(text).toContain(`4 ${kompas.naam} ${kompas.kvk} 6,30 nee`);
    expect(text).toContain(`${groeneHart.naam} 7,5 7 7 7,5 7,25`);
    expect(text).toContain("Grens op gelijke stand nee");
    expect(text).not.toContain("de grens valt op een gelijke stand");
    expect(text).toContain("Knock-outs (0)");
  });

  it("voorstel definitieve gunning krijgt zijn titel uit de soort", async () => {
    const { text, info } = await render("sas-voorstel", { ...voorlopigeGunningVoorstel, soort: "definitieve-gunning" });
    expect(text).toContain("Voorstel definitieve gunning");
    expect(info.Title).toBe(`Voorstel definitieve gunning ${voorlopigeGunningVoorstel.kop.besluitId}`);
  });

  it("voorlopige gunningsbeslissing: eigen scores met motivering, plaats, scores van de winnaars en de opschortende termijn", () => {
    const { text } = get("sas-beslissing");
    const sb = samples["sas-beslissing"];
    expect(text).toContain("Voorlopige gunningsbeslissing");
    expect(text).toContain(`${kompas.naam} (KvK ${kompas.kvk})`);
    expect(text).toContain(flat(sb.uitkomst));
    expect(text).toContain("Uitkomst Voorlopig niet gegund");
    expect(text).toContain("Uw plaats 4 van 4");
    expect(text).toContain("Uw gewogen totaal 6,30 (schaal 1 tot en met 10)");
    expect(text).toContain("Uw scores");
    for (const s of sb.percelen[0]?.eigen?.scores ?? []) expect(text).toContain(flat(s.motivering ?? "-"));
    expect(text).toContain(flat("G1 Aantal plaatsen in de regio 30 6 20 plaatsen in de regio, waarvan geen crisisplaatsen."));
    expect(text).toContain("Scores van de winnende inschrijvingen");
    expect(text).toContain("relatieve voordelen");
    expect(text).toContain(flat(`Uw inschrijving (${kompas.naam}) 4 6 7 6 6 6,30`));
    expect(text).toContain(flat(`${psychiatrie.naam} 1 8 8 7 8 7,80`));
    expect(text).toContain(flat(`${groeneHart.naam} 2 7,5 7 7 7,5 7,25`));
    expect(text).toContain("Opschortende termijn");
    expect(text).toContain("De opschortende termijn van 20 kalenderdagen eindigt op 4 juli 2027 om 23:59.");
    expect(text).toContain("De definitieve gunning vindt niet plaats vóór 4 juli 2027 om 23:59.");
    expect(text).toContain("bezwaar maken via inkoop");
    expect(text).toContain("kort geding");
    expect(text).toContain(flat(sb.standstill?.toelichting ?? "-"));
    expect(text).toContain(flat(sb.gelijkeStandRegel));
    expect(text).toContain(flat(sb.motivering));
    expect(text).toContain(flat(SAS_RECHTSMIDDELEN));
    expect(text).toContain(`Kenmerk: ${sb.kop.besluitId}`);
  });

  it("gegunde kandidaat staat niet dubbel in de tabel van de winnaars", async () => {
    const sb = samples["sas-beslissing"];
    const perceel = sb.percelen[0];
    if (perceel === undefined) throw new Error("geen perceel");
    const eigen = perceel.winnaars[1];
    const { text } = await render("sas-beslissing", {
      ...sb,
      kop: { ...sb.kop, ontvanger: groeneHart },
      percelen: [{ ...perceel, uitkomst: "gegund", eigen }],
    });
    expect(text).toContain("Uitkomst Voorlopig gegund");
    expect(text).toContain("Uw plaats 2 van 4");
    expect(text).toContain(flat(`Uw inschrijving (${groeneHart.naam}) 2 7,5 7 7 7,5 7,25`));
    expect(text).not.toContain(`${groeneHart.naam} 2 7,5`);
  });

  it("selectiebeslissing na een gelijke stand op de grens: plaats, beslist door S1, geen winnaars en geen termijn", async () => {
    const { text } = await render("sas-beslissing", selectieKompas);
    expect(text).toContain("Selectiebeslissing");
    expect(text).toContain("Uitkomst Geselecteerd");
    expect(text).toContain("Uw plaats 4 van 6");
    expect(text).toContain("Uw gewogen totaal 6,60");
    expect(text).toContain("Gelijke stand gelijke stand: beslist door S1");
    expect(text).toContain("Twee van de drie referenties betreffen geen hoog-specialistische zorg.");
    expect(text).not.toContain("Scores van de winnende inschrijvingen");
    expect(text).not.toContain("Opschortende termijn");
    expect(text).toContain(flat(RECHTSMIDDELEN));
  });

  it("selectiebeslissing na een knock-out: de reden, geen scores", async () => {
    const { text } = await render("sas-beslissing", selectieKnockOut);
    expect(text).toContain("Zorg & Zo Midden-Holland (KvK 11223344)");
    expect(text).toContain("Uitkomst Niet geselecteerd");
    expect(text).toContain("Niet beoordeeld: toelatingscriterium");
    expect(text).toContain(flat(selectieKnockOut.knockOut ?? "-"));
    expect(text).toContain("niet gescoord");
    expect(text).not.toContain("Uw scores");
    expect(text).not.toContain("Uw plaats");
    expect(text).not.toContain("Uw gewogen totaal");
  });

  it("gunningsbesluit Wonen Wmo: beide percelen, de kernpartnerregel en de scores van de winnaars", async () => {
    const { text, info } = await render("sas-beslissing", wonenWmoGunning);
    expect(text).toContain("Gunningsbesluit");
    expect(info.Title).toBe(`Gunningsbesluit ${wonenWmoGunning.kop.besluitId}`);
    expect(text).toContain("Wonen – Wmo");
    expect(text).toContain("paragraaf 6.7");
    expect(text).toContain(`${beschermdWonen.naam} (KvK ${beschermdWonen.kvk})`);
    expect(text).toContain(flat(wonenWmoGunning.perceelRegel ?? "-"));
    expect(text).toContain("Perceel Kernpartners");
    expect(text).toContain("Perceel Niet-kernpartners");
    expect(text).toContain("Uitkomst Gegund");
    expect(text).toContain("Uitkomst Niet gegund");
    expect(text).toContain("Uw plaats 1 van 5");
    expect(text).toContain("Uw plaats 1 van 7");
    expect(text).toContain("Kwadrant Wonen en Welzijn 2 7 7 7,00");
    expect(text).not.toContain("Opschortende termijn");
  });

  it("toont tekst met <script> letterlijk, in namen, scores en motivering", async () => {
    const sb = samples["sas-beslissing"];
    const perceel = sb.percelen[0];
    if (perceel === undefined) throw new Error("geen perceel");
    const naam = '<script>alert("x")</script> Zorg B.V.';
    const winnaar = { ...perceel.winnaars[0]!, naam, scores: perceel.winnaars[0]!.scores.map((s) => ({ ...s, motivering: "<b>vet</b>" })) };
    const { text, info } = await render("sas-beslissing", {
      ...sb,
      kop: { ...sb.kop, ontvanger: { naam, kvk: "12121212" } },
      percelen: [{ ...perceel, winnaars: [winnaar] }],
      motivering: "Zie <script>document.cookie</script>.",
    });
    expect(text).toContain(`${naam} (KvK 12121212)`);
    expect(text).toContain(`${naam} 1 8 8 7 8 7,80`);
    expect(text).toContain("Zie <script>document.cookie</script>.");
    expect(info.Title).toBe(`${sb.kop.titel} ${sb.kop.besluitId}`);
    const sv = samples["sas-voorstel"];
    const rang = sv.percelen[0]?.rangschikking ?? [];
    const v = await render("sas-voorstel", { ...sv, percelen: sv.percelen.map((p) => ({ ...p, rangschikking: rang.map((r, i) => (i === 0 ? { ...r, naam } : r)) })) });
    expect(v.text).toContain(`1 ${naam} ${groeneHart.kvk} 7,60 ja`);
  });

  it("proces-verbaal van de opening: onderwerp, geopend door twee personen met tijdstip", async () => {
    const { text } = await render("proces-verbaal", sasProcesVerbaal);
    expect(text).toContain("Inschrijvingen (definitieve offertes)");
    expect(text).not.toContain("Ontvangen inschrijvingen");
    expect(text).toContain("Geopend door");
    expect(text).toContain("vier-ogenprincipe");
    expect(text).toContain("M. de Vries Inkoopadviseur RWO 31 mei 2027 om 14:02:41");
    expect(text).toContain("J. Bakker Contractmanager RWO 31 mei 2027 om 14:10:55");
    expect(text).toContain("Geopend op 31 mei 2027 om 14:10:55 door M. de Vries en J. Bakker.");
    for (const i of sasProcesVerbaal.inschrijvingen) expect(text).toContain(flat(i.naam));
  });

  it("proces-verbaal zonder opening en onderwerp blijft zoals het was", () => {
    const { text } = get("proces-verbaal");
    expect(text).toContain("Ontvangen inschrijvingen");
    expect(text).not.toContain("Geopend door");
  });

  it.each(variantSamples.map((v) => [v.naam, v] as const))("variant %s is PDF/A en geeft voor dezelfde data dezelfde bytes", async (_naam, v) => {
    const bytes = await renderPdf(v.kind, v.data);
    const raw = bytes.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(sha256(await renderPdf(v.kind, v.data))).toBe(sha256(bytes));
  });
});

describe("SAS-mails", () => {
  it("uitnodiging tot inschrijving noemt de sluiting in Nederlandse tijd", () => {
    const m = sasUitnodigingInschrijvingMail({ procedureTitel: "SAS Hoog-specialistisch Jeugd 2027", naam: groeneHart.naam, sluitingAt: "2027-05-31T10:00:00Z" });
    expect(m.subject).toBe("Uitnodiging tot inschrijving: SAS Hoog-specialistisch Jeugd 2027");
    expect(m.text).toContain(`Geachte ${groeneHart.naam},`);
    expect(m.text).toContain("uiterlijk 31 mei 2027 om 12:00");
    expect(m.text).toContain("Met vriendelijke groet");
  });

  it("nota van wijzigingen", () => {
    const m = notaVanWijzigingenMail({ procedureTitel: "SAS Hoog-specialistisch Jeugd 2027", nummer: 2 });
    expect(m.subject).toBe("Nota van wijzigingen 2: SAS Hoog-specialistisch Jeugd 2027");
    expect(m.text).toContain("nota van wijzigingen 2");
    expect(m.text).toContain("Team Inkoop Jeugd en Wmo");
  });

  it("bezwaar ontvangen: nummer en opschorting", () => {
    const m = bezwaarOntvangenMail({ procedureTitel: "SAS Hoog-specialistisch Jeugd 2027", naam: kompas.naam, nr: 3 });
    expect(m.subject).toBe("Bezwaar 3 ontvangen: SAS Hoog-specialistisch Jeugd 2027");
    expect(m.text).toContain("nummer 3");
    expect(m.text).toContain("opgeschort tot uw bezwaar is afgehandeld");
  });

  it.each([
    ["ongegrond", "ongegrond verklaard", "blijft staan"],
    ["ingetrokken", "als ingetrokken afgehandeld", "blijft staan"],
    ["gegrond", "gegrond verklaard", "opnieuw beoordeeld"],
  ] as const)("bezwaar afgehandeld: %s", (uitkomst, zin, gevolg) => {
    const m = bezwaarAfgehandeldMail({ procedureTitel: "SAS Wonen Wmo 2027", naam: kompas.naam, nr: 1, uitkomst, motivering: "De scores zijn juist vastgesteld." });
    expect(m.subject).toBe(`Bezwaar 1 afgehandeld (${uitkomst}): SAS Wonen Wmo 2027`);
    expect(m.text).toContain(`Uw bezwaar 1 in de procedure "SAS Wonen Wmo 2027" is ${zin}.`);
    expect(m.text).toContain("De scores zijn juist vastgesteld.");
    expect(m.text).toContain(gevolg);
  });
});

describe("lange documenten", () => {
  it("herhaalt de tabelkop op elke pagina waarop de tabel doorloopt en verliest geen rij", async () => {
    const data = stressSamples["proces-verbaal"];
    if (data === undefined) throw new Error("geen stress-voorbeeld");
    const { text, pages } = await render("proces-verbaal", data);
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain(`pagina ${pages} van ${pages}`);
    const headers = text.split("SHA-256 (begin)").length - 1;
    expect(headers).toBeGreaterThanOrEqual(pages - 1);
    for (const i of data.inschrijvingen) expect(text).toContain(i.sha256.slice(0, 16));
  });

  it("zet een tabelrij die hoger is dan een pagina voort als lopende tekst, zonder iets te verliezen", async () => {
    const bv = samples.besluitvoorstel;
    const redenen = Array.from({ length: 70 }, (_, n) => `Reden ${n + 1}: TC07 Bekwaam personeel — onvoldoende SKJ-registratie`);
    const { text, pages } = await render("besluitvoorstel", { ...bv, afgewezen: [{ naam: "Aanbieder Lang B.V.", kvk: "99999999", redenen }] });
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain("Aanbieder: Aanbieder Lang B.V.");
    for (let n = 1; n <= 70; n++) expect(text).toContain(`Reden ${n}: `);
  });

  it("toont een teken dat DejaVu niet heeft als U+FFFD, niet als .notdef (PDF/A)", async () => {
    const ab = samples.afwijzingsbesluit;
    const ontvanger = { naam: "Zorg 中心 B.V.", kvk: "12121212" };
    const { text } = await render("afwijzingsbesluit", { ...ab, kop: { ...ab.kop, ontvanger } });
    expect(text).toContain("Zorg \ufffd\ufffd B.V.");
  });

  it("zet metadata veilig om: & en < in namen breken de XMP niet", async () => {
    const ab = samples.afwijzingsbesluit;
    const kop = { ...ab.kop, titel: "Afwijzing <concept> & co" };
    const { bytes, info } = await render("afwijzingsbesluit", { ...ab, kop });
    expect(info.Title).toBe(`Afwijzing concept en co ${kop.besluitId}`);
    expect(bytes.toString("latin1")).not.toContain("<concept>");
  });
});
