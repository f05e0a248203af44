import { createHash } from "node:crypto";
import { hoorEnWederhoorTekst } from "../../domain/catalogue";
import { pdfTextAndInfo } from "../../test/pdf-text";
import type { BesluitKop, DocumentKind, DocumentTypes } from "../types";
import { renderPdf } from "./render";
import { deBrug, documentKinds, kompas, RECHTSMIDDELEN, samples, stressSamples } from "./samples";

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

const besluitKinds = ["toelatingsbesluit", "afwijzingsbesluit", "besluitvoorstel", "algemeen-besluit"] as const;

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
    expect(text).toContain("paragraaf 6.8");
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
