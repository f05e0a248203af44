import { procedureTijdlijn, wanneerTekst, type TijdlijnBron, type TijdlijnRonde } from "./tijdlijn";

const ronde = (over: Partial<TijdlijnRonde> = {}): TijdlijnRonde => ({
  nr: 1,
  soort: "initieel",
  publicatieAt: "2026-12-01T08:00:00.000Z",
  sluitingAt: "2027-01-15T11:00:00.000Z",
  status: "open",
  voorstellen: [],
  aantalInschrijvingen: 3,
  aantalBeoordeeld: 0,
  ...over,
});
const bron = (r: TijdlijnRonde, over: Partial<TijdlijnBron> = {}): TijdlijnBron => ({
  status: "gepubliceerd",
  vragenTot: "2027-01-05T11:00:00.000Z",
  instellingen: { contractIngangsdatum: "2027-04-01" },
  rondes: [r],
  ...over,
});
const wat = (m: { wat: string }[]) => m.map((x) => x.wat);

describe("procedure in één oogopslag (issue 14)", () => {
  it("tijdens de inschrijving: vandaag tussen publicatie en vragentermijn, de aanbieders zijn aan zet", () => {
    const t = procedureTijdlijn(bron(ronde()), new Date("2026-12-10T12:00:00Z"));
    expect(wat(t)).toEqual(["Publicatie", "Vandaag", "Vragen stellen tot", "Sluiting", "Opening", "Beoordeling", "Besluitvorming (akkoord gunning)", "Ingangsdatum contracten"]);
    expect(t.find((m) => m.wat === "Sluiting")).toMatchObject({ stand: "komend", wachtOp: "aanbieders (inschrijven)", toelichting: "3 inschrijving(en) ontvangen" });
  });

  it("na de sluiting wacht de opening op twee personen; wie al bevestigde staat erbij", () => {
    const t = procedureTijdlijn(bron(ronde({ status: "gesloten", opening: { bevestigingen: [{ door: "i.devries", rol: "inkoper", at: "2027-01-15T12:00:00.000Z" }] } })), new Date("2027-01-15T13:00:00Z"));
    expect(wat(t).slice(0, 5)).toEqual(["Publicatie", "Vragen stellen tot", "Sluiting", "Vandaag", "Opening (vier ogen)"]);
    expect(t.find((m) => m.wat === "Opening (vier ogen)")).toMatchObject({ stand: "nu", wachtOp: "een tweede persoon van de regio", toelichting: "Bevestigd door i.devries." });
  });

  it("in beoordeling met een hoortermijn; daarna de inkoper aan zet voor het gunningsvoorstel, dan de programmadirecteur", () => {
    const geopend = ronde({ status: "gesloten", opening: { bevestigingen: [], geopendOp: "2027-01-15T12:30:00.000Z" }, aantalBeoordeeld: 1 });
    const t = procedureTijdlijn(bron(geopend), new Date("2027-01-20T09:00:00Z"), [{ wanneer: "2027-02-02T23:00:00.000Z", wat: "Einde hoor en wederhoor (Zorg BV)", wachtOp: "Zorg BV" }]);
    expect(t.find((m) => m.wat === "Beoordeling")).toMatchObject({ stand: "nu", wachtOp: "beoordelaars", toelichting: "1 van 3 inschrijving(en) met een uitkomst." });
    expect(wat(t).indexOf("Einde hoor en wederhoor (Zorg BV)")).toBeGreaterThan(wat(t).indexOf("Beoordeling"));
    const klaar = procedureTijdlijn(bron({ ...geopend, aantalBeoordeeld: 3 }), new Date("2027-02-05T09:00:00Z"));
    expect(klaar.find((m) => m.wat === "Besluitvorming (akkoord gunning)")).toMatchObject({ stand: "komend", wachtOp: "inkoper (gunningsvoorstel)" });
    const voorgelegd = procedureTijdlijn(bron({ ...geopend, aantalBeoordeeld: 3, voorstellen: [{ status: "voorgelegd", at: "2027-02-06T09:00:00.000Z" }] }, { lopendBesluit: { soort: "gunning" } }), new Date("2027-02-07T09:00:00Z"));
    expect(voorgelegd.find((m) => m.wat === "Besluitvorming (akkoord gunning)")).toMatchObject({ stand: "nu", wachtOp: "programmadirecteur" });
  });

  it("gegund: alles voorbij tot de ingangsdatum; vandaag staat ervoor", () => {
    const t = procedureTijdlijn(
      bron(ronde({ status: "gegund", gegundOp: "2027-02-10T10:00:00.000Z", opening: { bevestigingen: [], geopendOp: "2027-01-15T12:30:00.000Z" }, aantalBeoordeeld: 3, voorstellen: [{ status: "akkoord", at: "2027-02-10T10:00:00.000Z" }] })),
      new Date("2027-03-01T09:00:00Z"),
    );
    expect(t.filter((m) => m.stand === "komend").map((m) => m.wat)).toEqual(["Ingangsdatum contracten"]);
    expect(wat(t).slice(-2)).toEqual(["Vandaag", "Ingangsdatum contracten"]);
    expect(wanneerTekst(t[t.length - 1]!)).toBe("1 april 2027");
  });
});

describe("what the timeline says after the end", () => {
  test("an undated phase that is over reads 'afgerond', one that runs 'loopt nu'", () => {
    expect(wanneerTekst({ stand: "voorbij" })).toBe("afgerond");
    expect(wanneerTekst({ stand: "nu" })).toBe("loopt nu");
    expect(wanneerTekst({ stand: "komend" })).toBe("nog niet bekend");
  });
});

describe("a stopped procedure", () => {
  test("keeps what happened, drops what will not, and leaves nobody at turn", () => {
    const t = procedureTijdlijn(bron(ronde(), { gestopt: { at: "2026-12-12T10:00:00.000Z" } }), new Date("2026-12-15T12:00:00Z"));
    expect(wat(t)).toEqual(["Publicatie", "Procedure stopgezet", "Vandaag"]);
    expect(t.some((m) => m.wachtOp)).toBe(false);
  });
});
