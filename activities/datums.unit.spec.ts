import { isAlleenDatum, nederlandseDatums } from "../domain/besluit/teksten";
import { algemeenBesluitDocument, uitkomstBesluitDocument } from "../domain/procedure/documents";
import { evolve, initialProcedureState, type ProcedureEvent } from "../domain/procedure/procedure";
import { pdfText } from "../test/pdf-text";
import * as mails from "../templates/mail";
import { renderPdf } from "../templates/pdf/render";
import { documentKinds, samples } from "../templates/pdf/samples";
import type { DocumentKind, DocumentTypes } from "../templates/types";
import { metNederlandseDatums } from "./documents";
import { leesbareMail } from "./notify";

/*
 * Every date a reader sees, in a PDF or a mail, is Dutch and in Amsterdam time: no "2026-11-29T20:13:49.988Z"
 * and no "2027-01-01" in a letter. The heropening besluit printed exactly that instant before.
 */

const ISO_TIJDSTIP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATUM = /(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/-])/;
const flat = (s: string): string => s.replace(/\s+/g, " ");

function geenIsoDatum(tekst: string): void {
  expect(tekst).not.toMatch(ISO_TIJDSTIP);
  expect(tekst).not.toMatch(ISO_DATUM);
  expect(tekst).not.toMatch(/\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b/);
}

async function tekstVan<K extends DocumentKind>(kind: K, data: DocumentTypes[K]): Promise<string> {
  return flat(await pdfText(await renderPdf(kind, metNederlandseDatums(data))));
}

describe("nederlandseDatums", () => {
  it("schrijft een tijdstip in een zin in Amsterdamse tijd (wintertijd)", () =>
    expect(nederlandseDatums("Inschrijven kan tot 2026-11-29T20:13:49.988Z.")).toBe("Inschrijven kan tot 29 november 2026 om 21:13."));

  it("zomertijd en een tijdstip met offset", () => {
    expect(nederlandseDatums("tot 2027-06-30T22:00:00Z")).toBe("tot 1 juli 2027 om 00:00");
    expect(nederlandseDatums("op 2027-03-12T10:00:00+01:00, en")).toBe("op 12 maart 2027 om 10:00, en");
  });

  it("schrijft een kalenderdatum in een zin in het Nederlands", () =>
    expect(nederlandseDatums("Het contract gaat in op 2027-01-01.")).toBe("Het contract gaat in op 1 januari 2027."));

  it("laat kenmerken, sleutels en ongeldige data staan", () => {
    for (const tekst of ["jeugdzorgplus/2028-12-31", "HW-oh-ambulant-2027-12345678-1", "besluit-2027-01-01.pdf", "VR-2027-01-01", "op 2027-13-45", "ambulant-jeugd/2029-12-31 (termijn 1)"])
      expect(nederlandseDatums(tekst)).toBe(tekst);
  });

  it("een veld dat alleen een datum is, is data (de template zet het om), geen zin", () => {
    expect(isAlleenDatum("2027-01-01")).toBe(true);
    expect(isAlleenDatum("2026-11-29T20:13:49.988Z")).toBe(true);
    expect(isAlleenDatum("tot 2027-01-01")).toBe(false);
    expect(metNederlandseDatums({ datum: "2027-01-01", tekst: ["tot 2027-01-01"], n: 3 })).toEqual({ datum: "2027-01-01", tekst: ["tot 1 januari 2027"], n: 3 });
  });
});

describe("PDF: geen ISO-datum in enig document", () => {
  it.each(documentKinds)("%s (voorbeelddata)", async (kind) => geenIsoDatum(await tekstVan(kind, samples[kind])));

  it("het heropeningsbesluit zoals de workflow het opstelt: het sluitingstijdstip in het Nederlands", async () => {
    const ref = { id: "oh-ambulant", titel: "Open House Ambulant Jeugd 2027", contractNaam: "Ambulant – Jeugd", sectie: "6.8" };
    const sluitingAt = "2026-11-29T20:13:49.988Z";
    const data = algemeenBesluitDocument(ref, {
      besluitId: "HER-1A2B3C4D",
      type: "heropening",
      titel: "Besluit heropenen Open House (wezenlijke wijziging)",
      datum: "2026-10-01T09:00:00.000Z",
      auteur: { rol: "inkoper", id: "i.jansen" },
      // The sentence as workflows/procedure/workflow.ts builds it (with the ISO instant).
      besluittekst: `Het Open House "Open House Ambulant Jeugd 2027" wordt heropend wegens een aangetoond capaciteitstekort, voor de producten: Begeleiding Jeugd. Inschrijven kan tot ${sluitingAt}.`,
      motivering: "Wachttijd sinds 2026-09-01 opgelopen tot 14 weken.",
      gevolgen: ["Gewijzigde voorwaarden gelden voor alle aanbieders (inkoopplan 5.1)."],
    });
    const tekst = await tekstVan("algemeen-besluit", data);
    geenIsoDatum(tekst);
    expect(tekst).toContain("Inschrijven kan tot 29 november 2026 om 21:13.");
    expect(tekst).toContain("Wachttijd sinds 1 september 2026");
    expect(tekst).toContain("1 oktober 2026");
  });

  it("toelatingsbesluit uit de procedure: datum, ingangsdatum en looptijd in het Nederlands", async () => {
    const events: ProcedureEvent[] = [
      {
        type: "ProcedureCreated",
        data: {
          procedureId: "oh-ambulant",
          contractId: "ambulant-jeugd",
          procedureType: "open-house-zonder-toetreding",
          titel: "Open House Ambulant Jeugd 2027",
          publicatieAt: "2026-03-01T08:00:00.000Z",
          sluitingAt: "2026-04-01T10:00:00.000Z",
          vragenTot: "2026-04-01T10:00:00.000Z",
          producten: ["ambulant-jeugd/45A48"],
          instellingen: { aantalBeoordelaarsPerCriterium: 1, hoorEnWederhoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
        },
      },
    ];
    const state = events.reduce(evolve, initialProcedureState);
    if (state.status === "leeg") throw new Error("procedure bestaat niet");
    const p = { besluitId: "GUN-1-12345678", datum: "2026-12-31T23:30:00.000Z", auteur: { rol: "systeem" as const, id: "inkoop" }, ontvanger: { naam: "Zorg BV", kvk: "12345678", email: "info@zorg.example" }, krachtens: "GUN-1", ingangsdatum: "2027-01-01" };
    const toelating = uitkomstBesluitDocument(state, {
      ...p,
      uitkomst: { soort: "toegelaten", toegelatenProducten: ["ambulant-jeugd/45A48"], nietToegelaten: [], redenen: [], naHoorEnWederhoor: false, toelichting: "Voldoet." },
    });
    if (toelating.kind !== "toelatingsbesluit") throw new Error("verwacht toelatingsbesluit");
    const tekst = await tekstVan("toelatingsbesluit", toelating.data);
    geenIsoDatum(tekst);
    // 23:30 UTC on 31 December is 1 January in Amsterdam.
    expect(tekst).toContain("Aldus besloten op 1 januari 2027");
    expect(tekst).toContain("de laatst mogelijke einddatum is 31 december 2036");
  });
});

describe("Mail: geen ISO-datum in onderwerp of tekst", () => {
  const tijdstip = "2026-11-29T20:13:49.988Z";
  const teksten: [string, mails.MailText][] = [
    ["besluitVoorgelegd", mails.besluitVoorgelegdMail({ titel: "Toelatingsbesluit", besluitId: "GUN-1", procedureTitel: "Open House", authorityNaam: "Programmadirecteur RWO", samenvatting: "Toe te laten: 1." })],
    ["besluitAanOntvanger", mails.besluitAanOntvangerMail({ titel: "Toelatingsbesluit", besluitId: "GUN-1", procedureTitel: "Open House", naam: "Zorg BV", samenvatting: "U bent toegelaten voor 1 product(en): Begeleiding Jeugd. Het contract gaat in op 2027-01-01." })],
    ["besluitTeruggestuurd", mails.besluitTeruggestuurdMail({ titel: "Voorstel", besluitId: "GUN-1", procedureTitel: "Open House", door: "RWO", motivering: "Graag beter motiveren." })],
    ["hoorbrief", mails.hoorbriefMail({ naam: "Zorg BV", procedureTitel: "Open House", termijnEinde: tijdstip, aantal: 2 })],
    ["herstel", mails.herstelMail({ naam: "Zorg BV", procedureTitel: "Open House", termijnEinde: tijdstip, ontbrekend: ["TC06 VOG"] })],
    ["nota", mails.notaMail({ procedureTitel: "Open House", nummer: 1 })],
    ["heropening", mails.heropeningMail({ procedureTitel: "Open House", sluitingAt: tijdstip, producten: ["Begeleiding Jeugd"] })],
    ["stopzetting", mails.stopzettingMail({ procedureTitel: "Open House" })],
    ["sasUitnodigingInschrijving", mails.sasUitnodigingInschrijvingMail({ procedureTitel: "SAS", naam: "Zorg BV", sluitingAt: tijdstip })],
    ["notaVanWijzigingen", mails.notaVanWijzigingenMail({ procedureTitel: "SAS", nummer: 1 })],
    ["bezwaarOntvangen", mails.bezwaarOntvangenMail({ procedureTitel: "SAS", naam: "Zorg BV", nr: 1 })],
    ["bezwaarAfgehandeld", mails.bezwaarAfgehandeldMail({ procedureTitel: "SAS", naam: "Zorg BV", nr: 1, uitkomst: "ongegrond", motivering: "Geen grond." })],
    ["onderhandseUitnodiging", mails.onderhandseUitnodigingMail({ procedureTitel: "JB/JR", naam: "GI", deadline: tijdstip, landelijkTarief: true })],
    ["trajectVerlopen", mails.trajectVerlopenMail({ procedureTitel: "JB/JR", naam: "GI", deadline: tijdstip })],
  ];

  it("elke mailtekst heeft een geval hier", () =>
    expect(Object.keys(mails).filter((k) => k.endsWith("Mail")).length).toBe(teksten.length + 1 /* emailBevestiging: geen datum */));

  it.each(teksten)("%s: zoals verzonden", (_naam, mail) => {
    const verzonden = leesbareMail(mail);
    geenIsoDatum(verzonden.subject);
    geenIsoDatum(verzonden.text);
  });

  it("een termijn staat er als '29 november 2026 om 21:13'", () => expect(mails.heropeningMail({ procedureTitel: "Open House", sluitingAt: tijdstip, producten: ["x"] }).text).toContain("29 november 2026 om 21:13"));

  it("een samenvatting met een ISO-datum (uit een workflow) wordt bij verzending Nederlands", () =>
    expect(leesbareMail(teksten[1]![1]).text).toContain("Het contract gaat in op 1 januari 2027."));
});
