import { SYSTEEM } from "../shared/actor";
import type { ContractState } from "./contract";
import { aanbieder, apply, gestart, wekTot } from "./spec-helpers";
import { tijdlijnVan, type TijdlijnContract, type TijdlijnItem } from "./tijdlijn";

const at = (iso: string) => new Date(iso);
const live = (s: ContractState): TijdlijnContract => {
  if (s.status === "leeg") throw new Error("leeg");
  return s;
};
const of = <S extends TijdlijnItem["soort"]>(items: TijdlijnItem[], soort: S) => items.filter((i): i is Extract<TijdlijnItem, { soort: S }> => i.soort === soort);
/** The timeline in short: soort, date and (where it has one) status. */
const kort = (items: TijdlijnItem[]) => items.map((i) => `${i.soort} ${i.datum}${"status" in i ? ` ${i.status}` : ""}`);

describe("Tijdlijn van de looptijd: 3+2+2+2+1 (ambulante jeugdhulp, stilzwijgend)", () => {
  const start = gestart(); // ambulant-jeugd, ingangsdatum 2027-01-01

  it("vóór de ingangsdatum: alle termijnen komen nog, met hun verlengingsrondes, vandaag vooraan en de uiterste einddatum achteraan", () => {
    const items = tijdlijnVan(live(start), at("2026-11-15T10:00:00Z"));
    expect(kort(items)).toEqual([
      "vandaag 2026-11-15",
      "termijn 2027-01-01 komend",
      "verlengingsronde 2029-10-01 komend",
      "termijn 2030-01-01 komend",
      "verlengingsronde 2031-10-01 komend",
      "termijn 2032-01-01 komend",
      "verlengingsronde 2033-10-01 komend",
      "termijn 2034-01-01 komend",
      "verlengingsronde 2035-10-01 komend",
      "termijn 2036-01-01 komend",
      "laatste-einddatum 2036-12-31",
    ]);
    const termijnen = of(items, "termijn");
    expect(termijnen.map((t) => [t.nr, t.termijnSoort, t.jaren, t.eind])).toEqual([
      [1, "initieel", 3, "2029-12-31"],
      [2, "verlenging", 2, "2031-12-31"],
      [3, "verlenging", 2, "2033-12-31"],
      [4, "verlenging", 2, "2035-12-31"],
      [5, "verlenging", 1, "2036-12-31"],
    ]);
    expect(termijnen[1]).toMatchObject({ wijze: "stilzwijgend", regime: "stilzwijgend" });
    expect(termijnen[0]!.wijze).toBeUndefined();
    // The bars: shares of the ten years, about 30/20/20/20/10 percent.
    expect(termijnen.map((t) => Math.round(t.aandeel))).toEqual([30, 20, 20, 20, 10]);
    expect(termijnen.reduce((n, t) => n + t.aandeel, 0)).toBeCloseTo(100);
    expect(of(items, "verlengingsronde")[0]).toMatchObject({ termijnNr: 1, termijnEinde: "2029-12-31", volgendeTermijnNr: 2, regime: "stilzwijgend", zonderBesluit: "verlengd", gesignaleerd: false });
    expect(of(items, "laatste-einddatum")[0]).toEqual({ soort: "laatste-einddatum", datum: "2036-12-31", bereikt: false });
  });

  it("midden in de eerste termijn: die termijn loopt, vandaag staat tussen de start en de eerste ronde", () => {
    const s = wekTot(start, at("2028-06-01T10:00:00Z")).state;
    const items = tijdlijnVan(live(s), at("2028-06-01T10:00:00Z"));
    expect(kort(items).slice(0, 4)).toEqual(["termijn 2027-01-01 lopend", "vandaag 2028-06-01", "verlengingsronde 2029-10-01 komend", "termijn 2030-01-01 komend"]);
  });

  it("in de aanloop van drie maanden: de ronde is open en het signaal is uit", () => {
    const now = at("2029-11-15T10:00:00Z");
    const s = wekTot(start, now).state;
    const items = tijdlijnVan(live(s), now);
    expect(kort(items).slice(0, 4)).toEqual(["termijn 2027-01-01 lopend", "verlengingsronde 2029-10-01 lopend", "vandaag 2029-11-15", "termijn 2030-01-01 komend"]);
    expect(of(items, "verlengingsronde")[0]).toMatchObject({ gesignaleerd: true });
    expect(of(items, "verlengingsronde")[0]!.uitkomst).toBeUndefined();
  });

  it("de aanlooptijd van het contract telt: met zes maanden opent de ronde op 1 juli", () => {
    const items = tijdlijnVan(live(gestart({ aanloopMaanden: 6 })), at("2026-11-15T10:00:00Z"));
    expect(of(items, "verlengingsronde").map((r) => r.datum)).toEqual(["2029-07-01", "2031-07-01", "2033-07-01", "2035-07-01"]);
  });

  it("na de eerste stilzwijgende verlenging: termijn 1 en de ronde zijn voorbij, termijn 2 loopt en is stilzwijgend ingegaan", () => {
    const now = at("2030-03-01T10:00:00Z");
    const items = tijdlijnVan(live(wekTot(start, now).state), now);
    expect(kort(items).slice(0, 5)).toEqual(["termijn 2027-01-01 voorbij", "verlengingsronde 2029-10-01 voorbij", "termijn 2030-01-01 lopend", "vandaag 2030-03-01", "verlengingsronde 2031-10-01 komend"]);
    expect(of(items, "termijn")[1]).toMatchObject({ ingegaan: { hoe: "stilzwijgend" } });
    expect(of(items, "verlengingsronde")[0]!.uitkomst).toEqual({ soort: "verlengd", hoe: "stilzwijgend", ingegaan: true });
  });

  it("na de hele looptijd: alles voorbij, de uiterste einddatum is bereikt en staat er één keer", () => {
    const now = at("2037-02-01T10:00:00Z");
    const s = wekTot(start, now).state;
    expect(s.status).toBe("afgelopen");
    const items = tijdlijnVan(live(s), now);
    expect(of(items, "termijn").every((t) => t.status === "voorbij")).toBe(true);
    expect(of(items, "verlengingsronde").every((t) => t.status === "voorbij")).toBe(true);
    expect(of(items, "einde")).toEqual([]);
    expect(kort(items).slice(-2)).toEqual(["laatste-einddatum 2036-12-31", "vandaag 2037-02-01"]);
    expect(of(items, "laatste-einddatum")[0]).toMatchObject({ bereikt: true });
  });
});

describe("Tijdlijn van een contract dat eerder eindigt", () => {
  it("opgezegd door de aanbieder: de termijn eindigt eerder, latere termijnen en rondes vervallen, de uiterste einddatum noemt het eerdere einde", () => {
    const opgezegd = apply(gestart(), { type: "OpzegDoorAanbieder", actor: aanbieder("12345678"), data: { toelichting: "Wij stoppen met jeugdhulp." } }, at("2028-03-15T10:00:00Z")).state;
    const gepland = tijdlijnVan(live(opgezegd), at("2028-03-16T10:00:00Z"));
    expect(of(gepland, "einde")).toEqual([{ soort: "einde", datum: "2028-04-30", reden: "opgezegd-door-aanbieder", gepland: true }]);
    expect(of(gepland, "termijn")[0]).toMatchObject({ status: "lopend", eindigtOp: "2028-04-30" });

    const now = at("2028-06-01T10:00:00Z");
    const s = wekTot(opgezegd, now).state;
    expect(s.status).toBe("afgelopen");
    const items = tijdlijnVan(live(s), now);
    expect(kort(items)).toEqual([
      "termijn 2027-01-01 voorbij",
      "einde 2028-04-30",
      "vandaag 2028-06-01",
      "verlengingsronde 2029-10-01 vervalt",
      "termijn 2030-01-01 vervalt",
      "verlengingsronde 2031-10-01 vervalt",
      "termijn 2032-01-01 vervalt",
      "verlengingsronde 2033-10-01 vervalt",
      "termijn 2034-01-01 vervalt",
      "verlengingsronde 2035-10-01 vervalt",
      "termijn 2036-01-01 vervalt",
      "laatste-einddatum 2036-12-31",
    ]);
    expect(of(items, "einde")[0]).toMatchObject({ gepland: false, reden: "opgezegd-door-aanbieder" });
    expect(of(items, "laatste-einddatum")[0]).toEqual({ soort: "laatste-einddatum", datum: "2036-12-31", eerderEinde: "2028-04-30", bereikt: false });
  });

  it("niet verlengd na de ronde: de ronde toont het besluit, de volgende termijnen vervallen", () => {
    const now = at("2029-11-20T10:00:00Z");
    const lopend = wekTot(gestart(), now).state;
    const besluit = apply(
      lopend,
      { type: "RecordVerlengingsbesluit", actor: SYSTEEM, data: { besluitId: "VRL-1-12345678", termijnEinde: "2029-12-31", uitkomst: "niet-verlengd", reden: "ondermaats-presteren", motivering: "Drie gegronde klachten." } },
      now,
    ).state;
    const items = tijdlijnVan(live(besluit), now);
    const [ronde1, ronde2] = of(items, "verlengingsronde");
    expect(ronde1).toMatchObject({ status: "lopend", uitkomst: { soort: "niet-verlengd", besluitId: "VRL-1-12345678" } });
    expect(ronde2!.status).toBe("vervalt");
    expect(of(items, "termijn").map((t) => t.status)).toEqual(["lopend", "vervalt", "vervalt", "vervalt", "vervalt"]);
    expect(of(items, "termijn")[0]!.eindigtOp).toBeUndefined();
    expect(of(items, "einde")).toEqual([{ soort: "einde", datum: "2029-12-31", reden: "niet-verlengd", gepland: true, besluitId: "VRL-1-12345678" }]);
  });

  it("cliëntenstop, ingebrekestelling en ontbinding staan op hun datum", () => {
    const base = live(wekTot(gestart(), at("2028-06-01T10:00:00Z")).state);
    const items = tijdlijnVan(
      {
        ...base,
        status: "ontbonden",
        clientenstop: { besluitId: "CTR-1", motivering: "Wachttijden en klachten.", perDatum: "2028-02-01" },
        ingebrekestelling: { besluitId: "CTR-2", motivering: "Verbeterplan uitgebleven.", termijnEinde: "2028-03-14T23:00:00.000Z", status: "verstreken" },
        ontbonden: { besluitId: "CTR-3", motivering: "Geen zicht op verbetering.", perDatum: "2028-05-02" },
      },
      at("2028-06-01T10:00:00Z"),
    );
    expect(kort(items).slice(0, 6)).toEqual([
      "termijn 2027-01-01 voorbij",
      "clientenstop 2028-02-01",
      "ingebrekestelling 2028-03-15",
      "ontbonden 2028-05-02",
      "vandaag 2028-06-01",
      "verlengingsronde 2029-10-01 vervalt",
    ]);
    expect(of(items, "ingebrekestelling")[0]).toMatchObject({ stand: "verstreken", besluitId: "CTR-2" });
    expect(of(items, "termijn")[0]).toMatchObject({ eindigtOp: "2028-05-02" });
    expect(of(items, "laatste-einddatum")[0]).toMatchObject({ eerderEinde: "2028-05-02" });
  });
});

describe("Tijdlijn van JeugdzorgPlus: 2 jaar, een stilzwijgend derde jaar, daarna jaarlijks met besluit vooraf", () => {
  const start = gestart({ contractId: "jeugdzorgplus" });

  it("het derde jaar gaat stilzwijgend in, elk jaar daarna alleen met een besluit vooraf", () => {
    const items = tijdlijnVan(live(start), at("2026-11-15T10:00:00Z"));
    const termijnen = of(items, "termijn");
    expect(termijnen).toHaveLength(9);
    expect(termijnen.map((t) => t.jaren)).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(termijnen.slice(1, 4).map((t) => [t.nr, t.wijze, t.regime])).toEqual([
      [2, "stilzwijgend", "stilzwijgend"],
      [3, "besluit-vooraf", "besluit"],
      [4, "besluit-vooraf", "besluit"],
    ]);
    const rondes = of(items, "verlengingsronde");
    expect(rondes.map((r) => [r.datum, r.zonderBesluit])).toEqual([
      ["2028-10-01", "verlengd"],
      ["2029-10-01", "afgelopen"],
      ["2030-10-01", "afgelopen"],
      ["2031-10-01", "afgelopen"],
      ["2032-10-01", "afgelopen"],
      ["2033-10-01", "afgelopen"],
      ["2034-10-01", "afgelopen"],
      ["2035-10-01", "afgelopen"],
    ]);
    expect(of(items, "laatste-einddatum")[0]!.datum).toBe("2036-12-31");
  });

  it("zonder besluit vooraf eindigt het contract na het stilzwijgende derde jaar", () => {
    const now = at("2030-02-01T10:00:00Z");
    const s = wekTot(start, now).state;
    expect(s.status).toBe("afgelopen");
    const items = tijdlijnVan(live(s), now);
    expect(of(items, "termijn").map((t) => t.status)).toEqual(["voorbij", "voorbij", "vervalt", "vervalt", "vervalt", "vervalt", "vervalt", "vervalt", "vervalt"]);
    expect(of(items, "termijn")[1]).toMatchObject({ ingegaan: { hoe: "stilzwijgend" } });
    const [r1, r2, r3] = of(items, "verlengingsronde");
    expect(r1).toMatchObject({ status: "voorbij", uitkomst: { soort: "verlengd", hoe: "stilzwijgend" } });
    expect(r2).toMatchObject({ status: "voorbij", uitkomst: { soort: "geen-besluit" } });
    expect(r3!.status).toBe("vervalt");
    expect(of(items, "einde")).toEqual([{ soort: "einde", datum: "2029-12-31", reden: "geen-verlengingsbesluit", gepland: false }]);
    expect(of(items, "laatste-einddatum")[0]).toMatchObject({ eerderEinde: "2029-12-31" });
  });

  it("met een verlengingsbesluit vooraf gaat het vierde jaar in, op grond van dat besluit", () => {
    const besluitMoment = at("2029-11-20T10:00:00Z");
    const lopend = wekTot(start, besluitMoment).state;
    const besloten = apply(lopend, { type: "RecordVerlengingsbesluit", actor: SYSTEEM, data: { besluitId: "VRL-2-12345678", termijnEinde: "2029-12-31", uitkomst: "verlengd" } }, besluitMoment).state;
    expect(of(tijdlijnVan(live(besloten), besluitMoment), "verlengingsronde")[1]).toMatchObject({ status: "lopend", uitkomst: { soort: "verlengd", hoe: "besluit", besluitId: "VRL-2-12345678", ingegaan: false } });

    const now = at("2030-02-01T10:00:00Z");
    const items = tijdlijnVan(live(wekTot(besloten, now).state), now);
    expect(of(items, "termijn")[2]).toMatchObject({ nr: 3, status: "lopend", ingegaan: { hoe: "besluit", besluitId: "VRL-2-12345678" } });
    expect(of(items, "verlengingsronde")[1]).toMatchObject({ status: "voorbij", uitkomst: { soort: "verlengd", ingegaan: true } });
    expect(of(items, "verlengingsronde")[2]!.status).toBe("komend");
  });
});
