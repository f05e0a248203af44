import { RECHTSMIDDELEN } from "../besluit/teksten";
import type { Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import { besluitvoorstelDocument, ingangsdatumOf, looptijdOmschrijving, notaDocument, procedureRef, uitkomstBesluitDocument } from "./documents";
import { evolve, initialProcedureState, type Arrival, type ProcedureDetails, type ProcedureEvent } from "./procedure";

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const systeem: Actor = { rol: "systeem", id: "inkoop" };
const pA = "ambulant-jeugd/45A48";
const pB = "ambulant-jeugd/45A53";
const kvkA = "12345678";
const kvkB = "87654321";
const kvkC = "11223344";
const publicatie = "2026-03-01T08:00:00.000Z";
const sluiting = "2026-04-01T10:00:00.000Z";

const arrival = (volgnummer: number, kvk: string, naam: string): Arrival => ({
  volgnummer,
  ronde: 1,
  inschrijvingId: `oh-ambulant/${kvk}`,
  kvk,
  naam,
  email: `info@${kvk}.example`,
  ontvangenOp: "2026-03-15T12:00:00.000Z",
  ontvangstbewijsId: `ob-${volgnummer}`,
  sha256: "ab".repeat(32),
  producten: [pA, pB],
});

const base: ProcedureEvent[] = [
  {
    type: "ProcedureCreated",
    data: {
      procedureId: "oh-ambulant",
      contractId: "ambulant-jeugd",
      procedureType: "open-house-zonder-toetreding",
      titel: "Open House Ambulant Jeugd 2027",
      publicatieAt: publicatie,
      sluitingAt: sluiting,
      vragenTot: sluiting,
      producten: [pA, pB],
      instellingen: { aantalBeoordelaarsPerCriterium: 1, hoorEnWederhoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
    },
  },
  { type: "ProcedurePublished", data: { gepubliceerdOp: publicatie } },
  { type: "RondeGeopend", data: { nr: 1, soort: "initieel", producten: [pA, pB], publicatieAt: publicatie, sluitingAt: sluiting } },
];

function details(events: ProcedureEvent[]): ProcedureDetails {
  const state = events.reduce(evolve, initialProcedureState);
  if (state.status === "leeg") throw new Error("procedure bestaat niet");
  return state;
}

const toegelaten: Uitkomst = {
  soort: "toegelaten",
  toegelatenProducten: [pA],
  nietToegelaten: [{ productId: pB, redenen: [{ item: `TC07:${pB}`, criterium: "TC07", productId: pB, motivering: "Geen bekwaam personeel voor dit product aangetoond." }] }],
  redenen: [],
  naHoorEnWederhoor: true,
  toelichting: "De aanbieder voldoet aan de toelatingscriteria voor 1 van de 2 producten.",
};
const afgewezen: Uitkomst = {
  soort: "afgewezen",
  toegelatenProducten: [],
  nietToegelaten: [
    { productId: pA, redenen: [] },
    { productId: pB, redenen: [{ item: `TC02:${pB}`, criterium: "TC02", productId: pB, motivering: "Geen ervaring met dit product." }] },
  ],
  redenen: [{ item: "TC04", criterium: "TC04", motivering: "Negatief eigen vermogen over 2025." }],
  naHoorEnWederhoor: true,
  toelichting: "De aanbieder voldoet niet aan alle toelatingscriteria (knock-out, inkoopplan 4.4.1).",
};
const uitgesloten: Uitkomst = {
  soort: "uitgesloten",
  toegelatenProducten: [],
  nietToegelaten: [],
  redenen: [{ item: "TC06", criterium: "TC06", motivering: "Na de hersteltermijn ontbreekt het gevraagde bewijsstuk nog steeds." }],
  naHoorEnWederhoor: false,
  toelichting: "De inschrijving is na de hersteltermijn nog onvolledig en wordt daarom niet inhoudelijk beoordeeld.",
};

describe("Document: nota van inlichtingen", () => {
  const events: ProcedureEvent[] = [
    ...base,
    { type: "VraagGesteld", data: { nr: 1, kvk: kvkA, vraag: "Mag ervaring bij een rechtsvoorganger meetellen?", gesteldOp: "2026-03-05T09:00:00.000Z" } },
    { type: "VraagGesteld", data: { nr: 2, kvk: kvkB, vraag: "Is een ISO-certificaat in aanvraag voldoende?", gesteldOp: "2026-03-06T09:00:00.000Z" } },
    { type: "VraagGesteld", data: { nr: 3, kvk: kvkC, vraag: "Deze vraag is nog niet beantwoord.", gesteldOp: "2026-03-07T09:00:00.000Z" } },
    { type: "VraagBeantwoord", data: { nr: 1, antwoord: "Ja, als de rechtsopvolging blijkt.", beantwoordOp: "2026-03-08T09:00:00.000Z", beantwoordDoor: "i.jansen" } },
    { type: "VraagBeantwoord", data: { nr: 2, antwoord: "Nee, het certificaat moet er zijn.", beantwoordOp: "2026-03-08T10:00:00.000Z", beantwoordDoor: "i.jansen" } },
    { type: "NotaVanInlichtingenGepubliceerd", data: { nummer: 1, vragen: [1, 2], datum: "2026-03-09T09:00:00.000Z" } },
  ];
  const doc = notaDocument(details(events), 1, "2026-03-09T09:00:00.000Z");

  it("bevat de gepubliceerde vragen met antwoord, niet de onbeantwoorde", () =>
    expect(doc).toEqual({
      procedure: { id: "oh-ambulant", titel: "Open House Ambulant Jeugd 2027", contractNaam: "Ambulant – Jeugd", sectie: "6.8" },
      nummer: 1,
      datum: "2026-03-09T09:00:00.000Z",
      vragen: [
        { nr: 1, vraag: "Mag ervaring bij een rechtsvoorganger meetellen?", antwoord: "Ja, als de rechtsopvolging blijkt.", gesteldOp: "2026-03-05T09:00:00.000Z", beantwoordOp: "2026-03-08T09:00:00.000Z" },
        { nr: 2, vraag: "Is een ISO-certificaat in aanvraag voldoende?", antwoord: "Nee, het certificaat moet er zijn.", gesteldOp: "2026-03-06T09:00:00.000Z", beantwoordOp: "2026-03-08T10:00:00.000Z" },
      ],
    }));

  it("noemt de vraagsteller niet: geen KvK-nummer en niet wie antwoordde", () => {
    const text = JSON.stringify(doc);
    for (const k of [kvkA, kvkB, kvkC]) expect(text).not.toContain(k);
    expect(text).not.toContain("kvk");
    expect(text).not.toContain("i.jansen");
  });
});

describe("Document: besluitvoorstel akkoord gunning", () => {
  const events: ProcedureEvent[] = [
    ...base,
    { type: "InschrijvingReceived", data: arrival(1, kvkA, "Zorg BV") },
    { type: "InschrijvingReceived", data: arrival(2, kvkB, "Jeugd BV") },
    { type: "InschrijvingReceived", data: arrival(3, kvkC, "Hulp BV") },
    { type: "ProcedureClosed", data: { geslotenOp: sluiting, ronde: 1, procesVerbaal: {} as never } },
    { type: "UitkomstOntvangen", data: { ronde: 1, kvk: kvkA, uitkomst: toegelaten } },
    { type: "UitkomstOntvangen", data: { ronde: 1, kvk: kvkB, uitkomst: afgewezen } },
    { type: "UitkomstOntvangen", data: { ronde: 1, kvk: kvkC, uitkomst: uitgesloten } },
  ];
  const build = (evts: ProcedureEvent[]) => {
    const state = details(evts);
    return besluitvoorstelDocument(state, state.rondes[0]!, { besluitId: "GUN-2", datum: "2026-04-20T09:00:00.000Z", auteur: inkoper, toelichting: "De beoordeling is afgerond." });
  };

  it("somt de toegelaten aanbieders op met het aantal producten", () => expect(build(events).toegelaten).toEqual([{ naam: "Zorg BV", kvk: kvkA, producten: 1 }]));

  it("somt de afgewezen en uitgesloten aanbieders op met hun redenen", () =>
    expect(build(events).afgewezen).toEqual([
      { naam: "Zorg BV (gedeeltelijk toegelaten)", kvk: kvkA, redenen: ["TC07 (45A53): Geen bekwaam personeel voor dit product aangetoond."] },
      { naam: "Jeugd BV", kvk: kvkB, redenen: ["TC04: Negatief eigen vermogen over 2025.", "TC02 (45A53): Geen ervaring met dit product."] },
      { naam: "Hulp BV", kvk: kvkC, redenen: [uitgesloten.toelichting] },
    ]));

  it("vat het voorstel samen en noemt 4.4.1", () => {
    const doc = build(events);
    expect(doc.voorstel).toContain("De beoordeling is afgerond.");
    expect(doc.voorstel).toContain("1 aanbieder(s) toe te laten tot het contract Ambulant – Jeugd");
    expect(doc.voorstel).toContain("2 aanbieder(s) af te wijzen");
    expect(doc.voorstel).toContain("4.4.1");
  });

  it("legt het voor aan de programmadirecteur (7.2)", () => {
    const kop = build(events).kop;
    expect(kop).toMatchObject({ besluitId: "GUN-2", titel: "Voorstel akkoord gunning", auteur: { naam: "i.jansen", rol: "inkoper" } });
    expect(kop.bevoegdGezag.naam).toBe("Programmadirecteur RWO");
    expect(kop.bevoegdGezag.bron).toContain("7.2");
  });

  it("noemt eerder teruggestuurde voorstellen met hun motivering", () =>
    expect(
      build([
        ...events,
        { type: "GunningVoorgesteld", data: { ronde: 1, besluitId: "GUN-1", toelichting: "Eerste voorstel." } },
        { type: "GunningBesloten", data: { ronde: 1, besluitId: "GUN-1", akkoord: false, motivering: "Motiveer de afwijzing beter.", at: "2026-04-15T09:00:00.000Z" } },
      ]).eerderTeruggestuurd,
    ).toEqual([{ datum: "2026-04-15T09:00:00.000Z", motivering: "Motiveer de afwijzing beter." }]));
});

describe("Document: toelatings- of afwijzingsbesluit", () => {
  const state = details(base);
  const p = (uitkomst: Uitkomst) => ({
    besluitId: `GUN-1-${kvkA}`,
    datum: "2026-04-25T10:00:00.000Z",
    auteur: systeem,
    ontvanger: { naam: "Zorg BV", kvk: kvkA, email: "info@zorg.example" },
    uitkomst,
    krachtens: "GUN-1",
    ingangsdatum: "2027-01-01",
  });

  it("toegelaten: een toelatingsbesluit met toegelaten en niet-toegelaten producten en het contract", () => {
    const doc = uitkomstBesluitDocument(state, p(toegelaten));
    if (doc.kind !== "toelatingsbesluit") throw new Error(`verwacht toelatingsbesluit, kreeg ${doc.kind}`);
    expect(doc.data.toegelatenProducten).toEqual([{ code: "45A48", codeLabel: "45A48", naam: "Begeleiding Jeugd" }]);
    expect(doc.data.nietToegelatenProducten).toEqual([
      {
        product: expect.objectContaining({ code: "45A53" }),
        redenen: [{ criteriumCode: "TC07", criteriumTitel: "Bekwaam personeel (per product)", product: expect.objectContaining({ code: "45A53" }), motivering: "Geen bekwaam personeel voor dit product aangetoond.", naHoorEnWederhoor: true }],
      },
    ]);
    expect(doc.data.contract).toMatchObject({ contractId: "ambulant-jeugd", ingangsdatum: "2027-01-01", looptijdOmschrijving: expect.stringContaining("eerst 3 jaar (1 januari 2027 tot en met 31 december 2029)") });
    expect(doc.data.motivering).toBe(toegelaten.toelichting);
    expect(doc.data.rechtsmiddelen).toBe(RECHTSMIDDELEN);
    expect(doc.data.kop).toMatchObject({ besluitId: `GUN-1-${kvkA}`, titel: "Toelatingsbesluit", ontvanger: { naam: "Zorg BV", kvk: kvkA } });
  });

  it.each<[string, Uitkomst]>([
    ["afgewezen", afgewezen],
    ["uitgesloten", uitgesloten],
  ])("%s: een afwijzingsbesluit", (_soort, uitkomst) => {
    const doc = uitkomstBesluitDocument(state, p(uitkomst));
    expect(doc.kind).toBe("afwijzingsbesluit");
    expect(doc.data.rechtsmiddelen).toBe(RECHTSMIDDELEN);
    expect(doc.data.kop.titel).toBe("Afwijzingsbesluit");
  });

  it("afgewezen: de redenen van de organisatie en per product, met of ze na hoor en wederhoor bleven staan", () => {
    const doc = uitkomstBesluitDocument(state, p(afgewezen));
    if (doc.kind !== "afwijzingsbesluit") throw new Error(`verwacht afwijzingsbesluit, kreeg ${doc.kind}`);
    expect(doc.data.redenen).toEqual([
      { criteriumCode: "TC04", criteriumTitel: "Financieel gezond", motivering: "Negatief eigen vermogen over 2025.", naHoorEnWederhoor: true },
      { criteriumCode: "TC02", criteriumTitel: "Ervaringseis (per product)", product: expect.objectContaining({ code: "45A53" }), motivering: "Geen ervaring met dit product.", naHoorEnWederhoor: true },
    ]);
    expect(doc.data.motivering).toBe(afgewezen.toelichting);
  });

  it.each<[string, Uitkomst]>([
    ["toelatingsbesluit", toegelaten],
    ["afwijzingsbesluit", afgewezen],
  ])("%s: bevoegd gezag Programmadirecteur RWO (7.2), genomen krachtens het akkoord gunning", (_kind, uitkomst) => {
    const { bevoegdGezag } = uitkomstBesluitDocument(state, p(uitkomst)).data.kop;
    expect(bevoegdGezag.naam).toBe("Programmadirecteur RWO");
    expect(bevoegdGezag.bron).toContain("7.2");
    expect(bevoegdGezag.toelichting).toContain("GUN-1");
  });

  it("toegelaten voor een deel: per product toegelaten of afgewezen, met de criteria waarop het faalde", () => {
    const doc = uitkomstBesluitDocument(state, p(toegelaten));
    if (doc.kind !== "toelatingsbesluit") throw new Error(`verwacht toelatingsbesluit, kreeg ${doc.kind}`);
    expect(doc.data.producten).toEqual([
      { product: { code: "45A48", codeLabel: "45A48", naam: "Begeleiding Jeugd" }, uitkomst: "toegelaten", redenen: [] },
      { product: expect.objectContaining({ code: "45A53" }), uitkomst: "afgewezen", redenen: ["TC07 Bekwaam personeel (per product)"] },
    ]);
  });

  it("afgewezen: noemt elk product waarvoor werd ingeschreven, afgewezen, met de eigen criteria en die van de organisatie", () => {
    const doc = uitkomstBesluitDocument(state, p(afgewezen));
    if (doc.kind !== "afwijzingsbesluit") throw new Error(`verwacht afwijzingsbesluit, kreeg ${doc.kind}`);
    expect(doc.data.producten).toEqual([
      { product: { code: "45A48", codeLabel: "45A48", naam: "Begeleiding Jeugd" }, uitkomst: "afgewezen", redenen: ["TC04 Financieel gezond (geldt voor de hele organisatie)"] },
      {
        product: expect.objectContaining({ code: "45A53" }),
        uitkomst: "afgewezen",
        redenen: ["TC02 Ervaringseis (per product)", "TC04 Financieel gezond (geldt voor de hele organisatie)"],
      },
    ]);
  });

  it("uitgesloten: de producten komen uit de inschrijving van die ronde, elk afgewezen als onvolledig", () => {
    const metInschrijving = details([
      ...base,
      { type: "InschrijvingReceived", data: arrival(1, kvkA, "Zorg BV") },
      { type: "ProcedureClosed", data: { geslotenOp: sluiting, ronde: 1, procesVerbaal: {} as never } },
      { type: "UitkomstOntvangen", data: { ronde: 1, kvk: kvkA, uitkomst: uitgesloten } },
    ]);
    const doc = uitkomstBesluitDocument(metInschrijving, p(metInschrijving.rondes[0]!.uitkomsten[kvkA]!));
    if (doc.kind !== "afwijzingsbesluit") throw new Error(`verwacht afwijzingsbesluit, kreeg ${doc.kind}`);
    expect(doc.data.producten?.map((x) => [x.product.code, x.uitkomst])).toEqual([
      ["45A48", "afgewezen"],
      ["45A53", "afgewezen"],
    ]);
    expect(doc.data.producten?.[0]?.redenen[0]).toContain("hersteltermijn");
  });

  it("procedureRef noemt contract en sectie uit de catalogus", () =>
    expect(procedureRef(state)).toEqual({ id: "oh-ambulant", titel: "Open House Ambulant Jeugd 2027", contractNaam: "Ambulant – Jeugd", sectie: "6.8" }));

  it("de ingangsdatum is standaard de eerste van de volgende maand (Amsterdamse datum)", () => {
    expect(ingangsdatumOf(state, new Date("2026-04-30T22:30:00Z"))).toBe("2026-06-01");
    expect(ingangsdatumOf(state, new Date("2026-04-30T21:30:00Z"))).toBe("2026-05-01");
  });
});

describe("Document: de looptijd in het toelatingsbesluit", () => {
  it("noemt de initiële termijn en de verlengingen apart, en de laatst mogelijke einddatum (Ambulant: 3 + 2 + 2 + 2 + 1 = 10 jaar)", () =>
    expect(looptijdOmschrijving("ambulant-jeugd", "2027-01-01")).toBe(
      "De overeenkomst loopt eerst 3 jaar (1 januari 2027 tot en met 31 december 2029) en kan daarna worden verlengd met 2, 2, 2 en 1 jaar " +
        "(stilzwijgend, tenzij de regio een verlenging weigert); de laatst mogelijke einddatum is 31 december 2036 (ten hoogste 10 jaar, inkoopplan 6.8).",
    ));

  it("rekent vanaf een ingangsdatum midden in het jaar", () => {
    const tekst = looptijdOmschrijving("ambulant-jeugd", "2027-07-01");
    expect(tekst).toContain("(1 juli 2027 tot en met 30 juni 2030)");
    expect(tekst).toContain("de laatst mogelijke einddatum is 30 juni 2037");
  });

  it("vat gelijke verlengingen samen (Hulp bij huishouden: 2 + 4 × 2)", () =>
    expect(looptijdOmschrijving("hulp-bij-huishouden", "2027-01-01")).toContain("eerst 2 jaar (1 januari 2027 tot en met 31 december 2028) en kan daarna 4 keer worden verlengd met 2 jaar"));

  it("noemt per wijze hoe verlengd wordt (JeugdzorgPlus: 2 + 1 stilzwijgend + jaarlijks met besluit vooraf)", () => {
    const tekst = looptijdOmschrijving("jeugdzorgplus", "2027-01-01");
    expect(tekst).toContain("met 1 jaar (stilzwijgend");
    expect(tekst).toContain("daarna 7 keer met 1 jaar (telkens alleen na een voorafgaand verlengingsbesluit)");
    expect(tekst).toContain("31 december 2036");
  });

  it("zonder ingangsdatum: de termijnen zonder data en het maximum", () =>
    expect(looptijdOmschrijving("ambulant-jeugd")).toBe(
      "De overeenkomst loopt eerst 3 jaar en kan daarna worden verlengd met 2, 2, 2 en 1 jaar (stilzwijgend, tenzij de regio een verlenging weigert); in totaal ten hoogste 10 jaar, inkoopplan 6.8.",
    ));

  it("zonder looptijd in de catalogus (Crisisdienst): nader te bepalen", () => expect(looptijdOmschrijving("crisisdienst", "2027-01-01")).toBe("Looptijd nader te bepalen."));
});
