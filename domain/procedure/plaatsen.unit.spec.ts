import type { AanbiederProfiel } from "../aanbieder/aanbieder";
import { findContract, findProduct, productsOfContract } from "../catalogue";
import { completeInschrijving } from "../../test/fixtures/inschrijving";
import { specification } from "../../test/specification";
import type { Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import { isRefusal } from "../shared/refusal";
import { decide, heropeningPlaatsen, type ProcedureCommand } from "./decide";
import { uitkomstBesluitDocument } from "./documents";
import { dekkingPerPlaats, toegelatenPlaatsen } from "./plaatsen";
import { evolve, initialProcedureState, type Arrival, type ProcedureDetails, type ProcedureEvent, type ProcedureState } from "./procedure";

/** Hulp bij huishouden per plaats (inkoopplan 6.10.1): entries, a heropening for one plaats, and the dekking. */
const spec = specification({ initial: initialProcedureState, evolve, decide });
const product = productsOfContract("hulp-bij-huishouden")[0]!.id;
const naam = findProduct(product)!.naam;
const plaatsen = findContract("hulp-bij-huishouden")!.gebieden!.plaatsen;
const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const systeem: Actor = { rol: "systeem", id: "inkoop" };
const publicatie = "2026-03-01T08:00:00.000Z";
const sluiting = "2026-04-01T10:00:00.000Z";
const before = new Date("2026-03-15T12:00:00Z");

const aanbieder = (kvk: string, naamA: string): { actor: Actor; profiel: AanbiederProfiel } => ({
  actor: { rol: "aanbieder", id: naamA, kvk },
  profiel: { kvk, naam: naamA, email: `${kvk}@zorg.example`, geregistreerdOp: "2026-01-01T00:00:00.000Z" },
});
const A = aanbieder("11111111", "Alfa Thuiszorg");
const B = aanbieder("22222222", "Beta Huishoudhulp");
const C = aanbieder("33333333", "Gamma Wonen");
const D = aanbieder("44444444", "Delta Diensten");

const submit = (x: typeof A, gekozen?: string[]): ProcedureCommand => ({
  type: "SubmitInschrijving",
  actor: x.actor,
  data: {
    aanbieder: x.profiel,
    ontbonden: false,
    kvk: x.profiel.kvk,
    inschrijving: { ...completeInschrijving([product]), ...(gekozen ? { plaatsen: [{ productId: product, plaatsen: gekozen }] } : {}) },
    ontvangstbewijsId: `ob-${x.profiel.kvk}`,
    sha256: "ab".repeat(32),
  },
});

const created: ProcedureEvent = {
  type: "ProcedureCreated",
  data: {
    procedureId: "oh-hbh",
    contractId: "hulp-bij-huishouden",
    procedureType: "open-house-zonder-toetreding",
    titel: "Open House Hulp bij huishouden",
    publicatieAt: publicatie,
    sluitingAt: sluiting,
    vragenTot: sluiting,
    producten: [product],
    instellingen: { aantalBeoordelaarsPerCriterium: 1, hoorEnWederhoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
  },
};
const open: ProcedureEvent[] = [created, { type: "ProcedurePublished", data: { gepubliceerdOp: publicatie } }, { type: "RondeGeopend", data: { nr: 1, soort: "initieel", producten: [product], publicatieAt: publicatie, sluitingAt: sluiting } }];

function after(given: ProcedureEvent[], command: ProcedureCommand, now: Date): ProcedureEvent[] {
  const state = given.reduce(evolve, initialProcedureState);
  const out = decide(state, command, now);
  if (isRefusal(out)) throw new Error(out.melding);
  return [...given, ...out];
}
const details = (events: ProcedureEvent[]): ProcedureDetails => {
  const s: ProcedureState = events.reduce(evolve, initialProcedureState);
  if (s.status === "leeg") throw new Error("leeg");
  return s;
};
const toegelaten: Uitkomst = { soort: "toegelaten", toegelatenProducten: [product], nietToegelaten: [], redenen: [], naHoorEnWederhoor: false, toelichting: "Voldoet." };
const pv = (ronde: number) => ({ procedureId: "oh-hbh", titel: "t", contract: { id: "hulp-bij-huishouden", naam: "HbH", sectie: "6.10" }, ronde, publicatieAt: publicatie, sluitingAt: sluiting, opgemaaktOp: sluiting, aantal: 2, inschrijvingen: [], verklaring: "test" });

describe("Hulp bij huishouden per plaats: de eerste ronde", () => {
  it("legt de plaatsen per product vast bij de inschrijving", () =>
    spec(open, before)
      .when(submit(A, ["Gouda", "Waddinxveen"]))
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "InschrijvingReceived", data: { kvk: A.profiel.kvk, producten: [product], plaatsen: [{ productId: product, plaatsen: ["Gouda", "Waddinxveen"] }] } })));

  it("weigert een inschrijving zonder plaatsen", () => spec(open, before).when(submit(A)).thenRefused({ status: 400, veld: "plaatsen" }));

  it("weigert een onbekende plaats en noemt het veld", () => spec(open, before).when(submit(A, ["Gouda", "Utrecht"])).thenRefused({ status: 400, veld: "plaatsen.0.plaatsen.1" }));
});

describe("Hulp bij huishouden per plaats: dekking, heropening voor Zuidplas", () => {
  let events = after(open, submit(A, ["Gouda", "Waddinxveen"]), before);
  events = after(events, submit(B, ["Gouda"]), before);
  const gegund: ProcedureEvent[] = [
    ...events,
    { type: "ProcedureClosed", data: { geslotenOp: sluiting, ronde: 1, procesVerbaal: pv(1) } },
    { type: "UitkomstOntvangen", data: { ronde: 1, kvk: A.profiel.kvk, uitkomst: toegelaten } },
    { type: "UitkomstOntvangen", data: { ronde: 1, kvk: B.profiel.kvk, uitkomst: toegelaten } },
    { type: "GunningVoorgesteld", data: { ronde: 1, besluitId: "GUN-1", toelichting: "Afgerond." } },
    { type: "GunningBesloten", data: { ronde: 1, besluitId: "GUN-1", akkoord: true, motivering: "", at: "2026-04-25T10:00:00.000Z" } },
  ];
  const now = new Date("2026-05-01T09:00:00Z");
  const heropening = (over: Partial<Extract<ProcedureCommand, { type: "ProposeHeropening" }>["data"]> = {}): ProcedureCommand => ({
    type: "ProposeHeropening",
    actor: inkoper,
    data: {
      besluitId: "HER-1",
      reden: "capaciteitstekort",
      producten: [product],
      plaatsen: ["Zuidplas"],
      motivering: "In Zuidplas is geen enkele aanbieder toegelaten: geen dekkend zorglandschap.",
      publicatieAt: "2026-06-01T08:00:00.000Z",
      sluitingAt: "2026-07-01T10:00:00.000Z",
      ...over,
    },
  });

  it("telt per product per plaats de toegelaten aanbieders; plaatsen zonder dekking staan apart", () => {
    const d = dekkingPerPlaats(details(gegund))!;
    expect(d.plaatsen).toEqual([...plaatsen]);
    const rij = d.producten[0]!;
    expect(rij).toMatchObject({ productId: product, naam });
    const aantal = Object.fromEntries(rij.perPlaats.map((c) => [c.plaats, c.aantal]));
    expect(aantal).toEqual({ "Bodegraven-Reeuwijk": 0, Gouda: 2, Krimpenerwaard: 0, Waddinxveen: 1, Zuidplas: 0 });
    expect(rij.perPlaats.find((c) => c.plaats === "Gouda")!.aanbieders.map((a) => a.naam)).toEqual(["Alfa Thuiszorg", "Beta Huishoudhulp"]);
    expect(d.zonderDekking).toEqual([{ productId: product, plaatsen: ["Bodegraven-Reeuwijk", "Krimpenerwaard", "Zuidplas"] }]);
  });

  it("vóór de gunning telt een toelating als voorgesteld, nog niet als dekking", () => {
    const d = dekkingPerPlaats(details(gegund.slice(0, -1)))!;
    expect(d.producten[0]!.perPlaats.find((c) => c.plaats === "Gouda")).toMatchObject({ aantal: 0, voorgesteld: 2 });
  });

  it("geen dekking per plaats voor een contract zonder plaatsen", () =>
    expect(dekkingPerPlaats({ ...details(gegund), contractId: "ambulant-jeugd" })).toBeNull());

  it("een heropening voor capaciteitstekort noemt de plaats", () =>
    spec(gegund, now)
      .when(heropening())
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "HeropeningVoorgesteld", data: { reden: "capaciteitstekort", producten: [product], plaatsen: ["Zuidplas"] } })));

  it("een capaciteitstekort zonder plaats wordt geweigerd", () =>
    spec(gegund, now).when(heropening({ plaatsen: undefined })).thenRefused({ status: 400, veld: "plaatsen", melding: expect.stringContaining("Noem de plaats") }));

  it("een onbekende plaats wordt geweigerd", () => spec(gegund, now).when(heropening({ plaatsen: ["Zuidplas", "Utrecht"] })).thenRefused({ status: 400, veld: "plaatsen.1" }));

  it("een contract zonder plaatsen weigert plaatsen in een heropening", () => {
    expect(heropeningPlaatsen("ambulant-jeugd", "capaciteitstekort", ["Gouda"])).toMatchObject({ status: 400, veld: "plaatsen" });
    expect(heropeningPlaatsen("ambulant-jeugd", "capaciteitstekort", undefined)).toBeUndefined();
  });

  const voorgesteld = after(gegund, heropening(), now);
  const heropend = after(voorgesteld, { type: "RecordHeropeningBesluit", actor: systeem, data: { besluitId: "HER-1", akkoord: true, motivering: "" } }, now);
  const inRonde2 = new Date("2026-06-10T09:00:00Z");

  it("de ronde na het besluit draagt de plaatsen", () => {
    expect(heropend[heropend.length - 1]).toMatchObject({ type: "RondeGeopend", data: { nr: 2, soort: "heropening", producten: [product], plaatsen: ["Zuidplas"] } });
    expect(details(heropend).rondes[1]?.plaatsen).toEqual(["Zuidplas"]);
  });

  it("een inschrijving voor Zuidplas wordt aangenomen", () =>
    spec(heropend, inRonde2)
      .when(submit(C, ["Zuidplas"]))
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "InschrijvingReceived", data: { ronde: 2, plaatsen: [{ productId: product, plaatsen: ["Zuidplas"] }] } })));

  it("een inschrijving voor Gouda in die ronde wordt geweigerd met de reden", () =>
    spec(heropend, inRonde2)
      .when(submit(D, ["Gouda"]))
      .thenRefused({ status: 400, veld: "plaatsen.0.plaatsen.0", melding: `Plaats 'Gouda' staat niet open in deze ronde. In deze heropening staat alleen open: Zuidplas, product ${naam}.` }));

  it("na toelating van Gamma in ronde 2 heeft Zuidplas dekking; het toelatingsbesluit noemt Zuidplas", () => {
    let r2 = after(heropend, submit(C, ["Zuidplas"]), inRonde2);
    r2 = [
      ...r2,
      { type: "ProcedureClosed", data: { geslotenOp: "2026-07-01T10:00:00.000Z", ronde: 2, procesVerbaal: pv(2) } },
      { type: "UitkomstOntvangen", data: { ronde: 2, kvk: C.profiel.kvk, uitkomst: toegelaten } },
      { type: "GunningVoorgesteld", data: { ronde: 2, besluitId: "GUN-2", toelichting: "Afgerond." } },
      { type: "GunningBesloten", data: { ronde: 2, besluitId: "GUN-2", akkoord: true, motivering: "", at: "2026-07-10T10:00:00.000Z" } },
    ];
    const s = details(r2);
    const d = dekkingPerPlaats(s)!;
    expect(d.producten[0]!.perPlaats.find((c) => c.plaats === "Zuidplas")).toMatchObject({ aantal: 1, aanbieders: [{ kvk: C.profiel.kvk, naam: "Gamma Wonen" }] });
    expect(d.zonderDekking).toEqual([{ productId: product, plaatsen: ["Bodegraven-Reeuwijk", "Krimpenerwaard"] }]);
    const doc = uitkomstBesluitDocument(s, { besluitId: "GUN-2-C", datum: "2026-07-10T10:00:00.000Z", auteur: systeem, ontvanger: { naam: "Gamma Wonen", kvk: C.profiel.kvk, email: "c@x" }, uitkomst: toegelaten, krachtens: "GUN-2", ingangsdatum: "2026-08-01" });
    expect(doc.kind).toBe("toelatingsbesluit");
    expect(doc.data.producten).toEqual([expect.objectContaining({ uitkomst: "toegelaten", plaatsen: ["Zuidplas"] })]);
  });

  it("een inschrijving van vóór de plaatsen telt voor elke plaats", () =>
    expect(toegelatenPlaatsen("hulp-bij-huishouden", {} as Pick<Arrival, "plaatsen">, [product])).toEqual([{ productId: product, plaatsen: [...plaatsen] }]));
});
