import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { specification } from "../../test/specification";
import type { Actor } from "../shared/actor";
import { isRefusal } from "../shared/refusal";
import { decideInschrijving, type InschrijvingCommand } from "./decide";
import { evolveInschrijving, initialInschrijvingState, type InschrijvingEvent, type InschrijvingState, type Oordeel, type Uitkomst } from "./entity";
import type { InschrijvingInput } from "./inschrijving";
import { itemsOf } from "./items";

const spec = specification({ initial: initialInschrijvingState, evolve: evolveInschrijving, decide: decideInschrijving });

const fold = (events: InschrijvingEvent[]): InschrijvingState => events.reduce(evolveInschrijving, initialInschrijvingState);

function stateAfter(given: InschrijvingEvent[], command: InschrijvingCommand, now: Date): InschrijvingState {
  const state = fold(given);
  const outcome = decideInschrijving(state, command, now);
  if (isRefusal(outcome)) throw new Error(`verwacht: events, kreeg weigering: ${outcome.melding}`);
  return outcome.reduce(evolveInschrijving, state);
}

const kvk = "12345678";
const aanbieder: Actor = { rol: "aanbieder", id: "zorg-bv", kvk };
const andereAanbieder: Actor = { rol: "aanbieder", id: "ander-bv", kvk: "87654321" };
const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const systeem: Actor = { rol: "systeem", id: "inkoop" };
const b1: Actor = { rol: "beoordelaar", id: "b.de-vries" };
const b2: Actor = { rol: "beoordelaar", id: "c.bakker" };

const [pA, pB] = offeredProducts("ambulant-jeugd") as [string, string];
const sluiting = "2026-04-01T10:00:00.000Z";
const start = new Date("2026-04-01T10:00:00Z");
const now = new Date("2026-04-10T09:00:00Z");
const later = new Date("2026-05-01T09:00:00Z");
const termijnEinde = "2026-04-17T15:00:00.000Z";

const submitted = (inhoud: InschrijvingInput = completeInschrijving([pA, pB])): InschrijvingEvent => ({
  type: "InschrijvingSubmitted",
  data: {
    ontvangstbewijs: { inschrijvingId: `oh-ambulant/${kvk}`, procedureId: "oh-ambulant", kvk, ontvangstbewijsId: "ob-1", ontvangenOp: "2026-03-15T12:00:00.000Z", sha256: "ab".repeat(32) },
    naam: "Zorg BV",
    email: "info@zorg.example",
    contractId: "ambulant-jeugd",
    sluitingAt: sluiting,
    ronde: 1,
    inhoud,
  },
});

const started = (signalen: string[] = [], aantalBeoordelaars = 1): InschrijvingEvent => ({
  type: "VolledigheidstoetsStarted",
  data: { signalen, automatischeOordelen: [], aantalBeoordelaars },
});

const judged = (item: string, oordeel: Oordeel = "voldoet", beoordelaar = b1.id, fase: 1 | 2 = 1): InschrijvingEvent => ({
  type: "CriteriumBeoordeeld",
  data: { item, oordeel, motivering: oordeel === "voldoet" ? "Aangetoond met bewijsstuk." : "Niet aangetoond.", beoordelaar, fase, at: now.toISOString() },
});

const keys = itemsOf(completeInschrijving([pA, pB])).map((i) => i.key);
const inBeoordeling = [submitted(), started()];
/** Every item judged "voldoet" by one beoordelaar, except the ones given as failing. */
const allJudged = (failing: string[] = [], skip: string[] = []): InschrijvingEvent[] =>
  keys.filter((k) => !skip.includes(k)).map((k) => judged(k, failing.includes(k) ? "voldoet-niet" : "voldoet"));

const judge = (item: string, oordeel: Oordeel = "voldoet", actor: Actor = b1, motivering = "Aangetoond met bewijsstuk."): InschrijvingCommand => ({
  type: "JudgeCriterium",
  actor,
  data: { item, oordeel, motivering },
});

const uitkomstOf = (events: InschrijvingEvent[]): Uitkomst | undefined => {
  const afgerond = events.find((e) => e.type === "BeoordelingAfgerond");
  return afgerond?.type === "BeoordelingAfgerond" ? afgerond.data.uitkomst : undefined;
};

describe("Inschrijving: volledigheidstoets", () => {
  it("zonder signalen gaat de inschrijving meteen naar de beoordeling", () => {
    const cmd: InschrijvingCommand = { type: "StartVolledigheidstoets", actor: systeem, data: { aantalBeoordelaars: 1, signalen: [] } };
    spec([submitted()], start).when(cmd).then([started()]);
    expect(stateAfter([submitted()], cmd, start).status).toBe("beoordeling");
  });

  it("met signalen blijft de inschrijving in de volledigheidstoets", () => {
    const state = stateAfter([submitted()], { type: "StartVolledigheidstoets", actor: systeem, data: { aantalBeoordelaars: 2, signalen: ["TC04"] } }, start);
    expect(state).toMatchObject({ status: "volledigheidstoets", signalen: ["TC04"], aantalBeoordelaars: 2 });
  });

  it("start de toets één keer", () =>
    spec(inBeoordeling, start).when({ type: "StartVolledigheidstoets", actor: systeem, data: { aantalBeoordelaars: 1, signalen: [] } }).thenNothing());

  it("beoordeelt een vrijstelling van criterium 9 automatisch als 'voldoet'", () =>
    spec([submitted(completeInschrijving([pA], { vrijgesteldVan9: true }))], start)
      .when({ type: "StartVolledigheidstoets", actor: systeem, data: { aantalBeoordelaars: 1, signalen: [] } })
      .thenEvents(([e]) => {
        if (e?.type !== "VolledigheidstoetsStarted") throw new Error(`verwacht VolledigheidstoetsStarted, kreeg ${e?.type}`);
        expect(e.data.automatischeOordelen).toEqual([
          { item: "TC09", oordeel: "voldoet", motivering: expect.stringContaining("4.4.1"), beoordelaar: "inkoop", fase: 1, at: start.toISOString(), automatisch: true },
        ]);
      }));

  it("laat alleen het systeem de toets starten", () =>
    spec([submitted()], start).when({ type: "StartVolledigheidstoets", actor: inkoper, data: { aantalBeoordelaars: 1, signalen: [] } }).thenRefused({ status: 403 }));

  it("de inkoper verklaart de inschrijving volledig", () => {
    const state = stateAfter([submitted(), started(["TC04"])], { type: "DeclareVolledig", actor: inkoper, data: { motivering: "Bewijs staat in de bijlage." } }, now);
    expect(state.status).toBe("beoordeling");
  });
});

describe("Inschrijving: herstel", () => {
  const toets = [submitted(), started(["TC04", `TC07:${pB}`])];
  const request = (ontbrekend: string[], eind = termijnEinde): InschrijvingCommand => ({ type: "RequestHerstel", actor: inkoper, data: { ontbrekend, termijnEinde: eind } });
  const gevraagd: InschrijvingEvent = { type: "HerstelRequested", data: { ontbrekend: ["TC04", `TC07:${pB}`], termijnEinde } };

  it("vraagt herstel met een termijn", () => spec(toets, now).when(request(["TC04", `TC07:${pB}`])).then([gevraagd]));

  it("weigert herstel voor een onbekend onderdeel en noemt het", () =>
    spec(toets, now).when(request(["TC04", "TC99"])).thenRefused({ status: 400, veld: "ontbrekend.1" }));

  it("weigert herstel voor een product waarvoor niet is ingeschreven", () =>
    spec(toets, now).when(request([`TC07:${offeredProducts("ambulant-jeugd")[5]}`])).thenRefused({ status: 400, veld: "ontbrekend.0" }));

  it("weigert een hersteltermijn in het verleden", () =>
    spec(toets, now).when(request(["TC04"], "2026-04-10T08:00:00.000Z")).thenRefused({ status: 400, veld: "termijnEinde" }));

  it("weigert herstel buiten de volledigheidstoets", () => spec(inBeoordeling, now).when(request(["TC04"])).thenRefused({ status: 409 }));

  it("neemt aanvullingen binnen de termijn aan", () =>
    spec([...toets, gevraagd], now)
      .when({ type: "SupplyHerstel", actor: aanbieder, data: { aanvullingen: [{ item: "TC04", documentRef: "jaarrekening.pdf" }] } })
      .then([{ type: "HerstelSupplied", data: { aanvullingen: [{ item: "TC04", documentRef: "jaarrekening.pdf", at: now.toISOString() }] } }]));

  it("weigert een aanvulling voor iets waarvoor geen herstel is gevraagd", () =>
    spec([...toets, gevraagd], now)
      .when({ type: "SupplyHerstel", actor: aanbieder, data: { aanvullingen: [{ item: "TC05", documentRef: "lid.pdf" }] } })
      .thenRefused({ status: 400, veld: "aanvullingen.0.item" }));

  it("weigert aanvullingen na de termijn (409)", () =>
    spec([...toets, gevraagd], new Date(termijnEinde))
      .when({ type: "SupplyHerstel", actor: aanbieder, data: { aanvullingen: [{ item: "TC04", documentRef: "jaarrekening.pdf" }] } })
      .thenRefused({ status: 409, refused: "TermijnVerstreken" }));

  it("weigert aanvullingen van een andere aanbieder (403)", () =>
    spec([...toets, gevraagd], now)
      .when({ type: "SupplyHerstel", actor: andereAanbieder, data: { aanvullingen: [{ item: "TC04", documentRef: "jaarrekening.pdf" }] } })
      .thenRefused({ status: 403 }));

  it("laat de termijn niet verlopen vóór het einde (409)", () =>
    spec([...toets, gevraagd], now).when({ type: "ExpireHerstel", actor: systeem }).thenRefused({ status: 409, refused: "NogNietGesloten" }));

  it("alles aangevuld: na de termijn volgt de beoordeling", () => {
    const aangevuld: InschrijvingEvent = {
      type: "HerstelSupplied",
      data: {
        aanvullingen: [
          { item: "TC04", documentRef: "jaarrekening.pdf", at: now.toISOString() },
          { item: `TC07:${pB}`, documentRef: "diploma.pdf", at: now.toISOString() },
        ],
      },
    };
    const cmd: InschrijvingCommand = { type: "ExpireHerstel", actor: systeem };
    spec([...toets, gevraagd, aangevuld], new Date(termijnEinde)).when(cmd).then([{ type: "HerstelTermijnVerstreken", data: { volledig: true } }]);
    expect(stateAfter([...toets, gevraagd, aangevuld], cmd, new Date(termijnEinde)).status).toBe("beoordeling");
  });

  it("niets aangevuld: de inschrijving wordt uitgesloten zonder inhoudelijke beoordeling", () =>
    spec([...toets, gevraagd], new Date(termijnEinde))
      .when({ type: "ExpireHerstel", actor: systeem })
      .thenEvents((events) => {
        expect(events[0]).toEqual({ type: "HerstelTermijnVerstreken", data: { volledig: false } });
        const u = uitkomstOf(events);
        expect(u).toMatchObject({ soort: "uitgesloten", toegelatenProducten: [], naHoorEnWederhoor: false });
        expect(u?.redenen).toEqual([
          { item: "TC04", criterium: "TC04", motivering: expect.any(String) },
          { item: `TC07:${pB}`, criterium: "TC07", productId: pB, motivering: expect.any(String) },
        ]);
        expect(u?.toelichting).toContain("onvolledig");
      }));
});

describe("Inschrijving: beoordeling per criterium (één beoordelaar)", () => {
  it("neemt een oordeel met motivering aan", () =>
    spec(inBeoordeling, now).when(judge("TC01")).then([judged("TC01")]));

  it("weigert een oordeel van een andere rol (403)", () =>
    spec(inBeoordeling, now).when(judge("TC01", "voldoet", inkoper)).thenRefused({ status: 403, refused: "RolNietToegestaan" }));

  it("weigert een onbekend onderdeel (400)", () => spec(inBeoordeling, now).when(judge("TC42")).thenRefused({ status: 400, veld: "item" }));

  it("weigert een oordeel zonder motivering (400)", () =>
    spec(inBeoordeling, now).when(judge("TC01", "voldoet-niet", b1, "   ")).thenRefused({ status: 400, veld: "motivering" }));

  it("weigert dat dezelfde beoordelaar een onderdeel twee keer beoordeelt (409)", () =>
    spec([...inBeoordeling, judged("TC01")], now).when(judge("TC01")).thenRefused({ status: 409, veld: "item" }));

  it("weigert een oordeel vóór de beoordeling begint", () => spec([submitted(), started(["TC04"])], now).when(judge("TC01")).thenRefused({ status: 409 }));

  it("weigert een oordeel over een vrijgesteld criterium", () => {
    const vrij = submitted(completeInschrijving([pA], { vrijgesteldVan9: true }));
    const toets = stateAfter([vrij], { type: "StartVolledigheidstoets", actor: systeem, data: { aantalBeoordelaars: 1, signalen: [] } }, start);
    expect(toets.status).toBe("beoordeling");
    const out = decideInschrijving(toets, judge("TC09"), now);
    expect(out).toMatchObject({ status: 409, veld: "item" });
  });

  it("het laatste onderdeel dat voldoet rondt de beoordeling af: toegelaten voor alle producten", () =>
    spec([...inBeoordeling, ...allJudged([], ["TC11"])], now)
      .when(judge("TC11"))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(["CriteriumBeoordeeld", "BeoordelingAfgerond"]);
        expect(uitkomstOf(events)).toEqual({
          soort: "toegelaten",
          toegelatenProducten: [pA, pB],
          nietToegelaten: [],
          redenen: [],
          naHoorEnWederhoor: false,
          toelichting: expect.stringContaining("alle toelatingscriteria"),
        });
      }));

  it("met een vrijstelling van criterium 9 is de beoordeling zonder TC09 compleet", () => {
    const inhoud = completeInschrijving([pA], { vrijgesteldVan9: true });
    const toets = stateAfter([submitted(inhoud)], { type: "StartVolledigheidstoets", actor: systeem, data: { aantalBeoordelaars: 1, signalen: [] } }, start);
    const rest = itemsOf(inhoud)
      .map((i) => i.key)
      .filter((k) => k !== "TC09" && k !== "TC11");
    const state = rest.map((k) => judged(k)).reduce(evolveInschrijving, toets);
    const out = decideInschrijving(state, judge("TC11"), now);
    if (isRefusal(out)) throw new Error(out.melding);
    expect(uitkomstOf(out)).toMatchObject({ soort: "toegelaten", toegelatenProducten: [pA] });
  });

  it("een tekortkoming in fase 1 rondt niet af: eerst hoor en wederhoor", () =>
    spec([...inBeoordeling, ...allJudged([], ["TC11"])], now)
      .when(judge("TC11", "voldoet-niet", b1, "Geen ISO-certificaat."))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(["CriteriumBeoordeeld"])));
});

describe("Inschrijving: twee beoordelaars", () => {
  const twee = [submitted(), started([], 2)];
  const rest = (skip: string) => keys.filter((k) => k !== skip).flatMap((k) => [judged(k, "voldoet", b1.id), judged(k, "voldoet", b2.id)]);

  it("één oordeel is niet genoeg om af te ronden", () =>
    spec([...twee, ...rest("TC11")], now)
      .when(judge("TC11", "voldoet", b1))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(["CriteriumBeoordeeld"])));

  it("twee eensluidende oordelen beslissen", () =>
    spec([...twee, ...rest("TC11"), judged("TC11", "voldoet", b1.id)], now)
      .when(judge("TC11", "voldoet", b2))
      .thenEvents((events) => expect(uitkomstOf(events)).toMatchObject({ soort: "toegelaten", toegelatenProducten: [pA, pB] })));

  it("weigert een derde oordeel", () =>
    spec([...twee, judged("TC11", "voldoet", b1.id), judged("TC11", "voldoet", b2.id)], now)
      .when(judge("TC11", "voldoet", { rol: "beoordelaar", id: "d.visser" }))
      .thenRefused({ status: 409 }));

  it("weigert dezelfde beoordelaar twee keer (409)", () =>
    spec([...twee, judged("TC11", "voldoet", b1.id)], now).when(judge("TC11", "voldoet-niet", b1)).thenRefused({ status: 409 }));

  it("bij onenigheid rondt niets af; de inkoper beslecht", () => {
    const onenig = [...twee, ...rest("TC11"), judged("TC11", "voldoet", b1.id)];
    spec(onenig, now)
      .when(judge("TC11", "voldoet-niet", b2, "Certificaat verlopen."))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(["CriteriumBeoordeeld"]));
    spec([...onenig, judged("TC11", "voldoet-niet", b2.id)], now)
      .when({ type: "SettleOordeel", actor: inkoper, data: { item: "TC11", oordeel: "voldoet", motivering: "Verlenging is aangevraagd en aangetoond." } })
      .thenEvents((events) => {
        expect(events[0]).toEqual({
          type: "OordeelBeslecht",
          data: { item: "TC11", oordeel: "voldoet", motivering: "Verlenging is aangevraagd en aangetoond.", door: inkoper.id, fase: 1, at: now.toISOString() },
        });
        expect(uitkomstOf(events)).toMatchObject({ soort: "toegelaten" });
      });
  });

  it("weigert beslechten als de beoordelaars het eens zijn", () =>
    spec([...twee, judged("TC11", "voldoet", b1.id), judged("TC11", "voldoet", b2.id)], now)
      .when({ type: "SettleOordeel", actor: inkoper, data: { item: "TC11", oordeel: "voldoet-niet", motivering: "Toch niet voldoende." } })
      .thenRefused({ status: 409, veld: "item" }));

  it("weigert beslechten door een beoordelaar", () =>
    spec([...twee, judged("TC11", "voldoet", b1.id), judged("TC11", "voldoet-niet", b2.id)], now)
      .when({ type: "SettleOordeel", actor: b1, data: { item: "TC11", oordeel: "voldoet", motivering: "Ik heb gelijk." } })
      .thenRefused({ status: 403 }));
});

describe("Inschrijving: hoor en wederhoor", () => {
  const hoorEinde = "2026-04-24T15:00:00.000Z";
  const startHoor: InschrijvingCommand = { type: "StartHoorEnWederhoor", actor: inkoper, data: { termijnEinde: hoorEinde } };
  const gestart = (failing: string[]): InschrijvingEvent => {
    const state = stateAfter([...inBeoordeling, ...allJudged(failing)], startHoor, now);
    if (state.status === "leeg" || !state.hoorEnWederhoor) throw new Error("hoor en wederhoor niet gestart");
    const { tekortkomingen, termijnEinde: eind, gestartOp } = state.hoorEnWederhoor;
    return { type: "HoorEnWederhoorStarted", data: { tekortkomingen, termijnEinde: eind, gestartOp } };
  };
  const reply = (toelichting = "Wij hebben het personeel inmiddels laten bijscholen.", actor: Actor = aanbieder): InschrijvingCommand => ({
    type: "ReplyHoorEnWederhoor",
    actor,
    data: { toelichting, documenten: ["bijscholing.pdf"] },
  });
  const gereageerd: InschrijvingEvent = {
    type: "HoorEnWederhoorReplied",
    data: { toelichting: "Wij hebben het personeel inmiddels laten bijscholen.", documenten: ["bijscholing.pdf"], at: now.toISOString() },
  };
  const na = new Date(hoorEinde);

  it("begint pas als elk onderdeel is beoordeeld", () =>
    spec([...inBeoordeling, ...allJudged([`TC07:${pB}`], ["TC11"])], now).when(startHoor).thenRefused({ status: 409 }));

  it("begint alleen bij een tekortkoming", () => spec([...inBeoordeling, ...allJudged()], now).when(startHoor).thenRefused({ status: 409 }));

  it("begint met de tekortkomingen en hun motivering", () =>
    spec([...inBeoordeling, ...allJudged([`TC07:${pB}`])], now)
      .when(startHoor)
      .then([
        {
          type: "HoorEnWederhoorStarted",
          data: { tekortkomingen: [{ item: `TC07:${pB}`, criterium: "TC07", productId: pB, motivering: "Niet aangetoond." }], termijnEinde: hoorEinde, gestartOp: now.toISOString() },
        },
      ]));

  it("weigert een termijn in het verleden", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"])], now)
      .when({ type: "StartHoorEnWederhoor", actor: inkoper, data: { termijnEinde: "2026-04-01T00:00:00.000Z" } })
      .thenRefused({ status: 400, veld: "termijnEinde" }));

  it("neemt een reactie van de aanbieder binnen de termijn aan", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], now).when(reply()).then([gereageerd]));

  it("weigert een reactie van een andere aanbieder (403)", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], now).when(reply(undefined, andereAanbieder)).thenRefused({ status: 403 }));

  it("weigert een reactie na de termijn (409)", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], na).when(reply()).thenRefused({ status: 409, refused: "TermijnVerstreken" }));

  it("weigert een te korte reactie (400)", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], now).when(reply(" Klopt.   ")).thenRefused({ status: 400, veld: "toelichting" }));

  it("herbeoordeelt direct na de reactie, vóór het einde van de termijn (issue 13)", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"]), gereageerd], now)
      .when({ type: "JudgeCriterium", actor: b1, data: { item: "TC04", oordeel: "voldoet", motivering: "Na de reactie aangetoond." } })
      .thenEvents((events) => {
        expect(events[0]).toMatchObject({ type: "CriteriumBeoordeeld", data: { item: "TC04", fase: 2 } });
        expect(uitkomstOf(events)).toMatchObject({ soort: "toegelaten", naHoorEnWederhoor: true });
      }));

  it("zonder reactie wacht de herbeoordeling op het einde van de termijn", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], now)
      .when({ type: "JudgeCriterium", actor: b1, data: { item: "TC04", oordeel: "voldoet", motivering: "Te vroeg." } })
      .thenRefused({ status: 409 }));

  it("laat de termijn niet verlopen vóór het einde", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], now).when({ type: "ExpireHoorEnWederhoor", actor: systeem }).thenRefused({ status: 409 }));

  it("zonder reactie blijft een organisatiebrede tekortkoming staan: afgewezen na hoor en wederhoor", () =>
    spec([...inBeoordeling, ...allJudged(["TC04"]), gestart(["TC04"])], na)
      .when({ type: "ExpireHoorEnWederhoor", actor: systeem })
      .thenEvents((events) => {
        expect(events[0]).toEqual({ type: "HoorEnWederhoorTermijnVerstreken", data: { gereageerd: false } });
        const u = uitkomstOf(events);
        expect(u).toMatchObject({ soort: "afgewezen", toegelatenProducten: [], naHoorEnWederhoor: true });
        expect(u?.redenen).toEqual([{ item: "TC04", criterium: "TC04", motivering: "Niet aangetoond." }]);
        expect(u?.nietToegelaten.map((n) => n.productId)).toEqual([pA, pB]);
      }));

  it("zonder reactie op een tekortkoming per product: toegelaten voor het andere product", () =>
    spec([...inBeoordeling, ...allJudged([`TC07:${pB}`]), gestart([`TC07:${pB}`])], na)
      .when({ type: "ExpireHoorEnWederhoor", actor: systeem })
      .thenEvents((events) =>
        expect(uitkomstOf(events)).toEqual({
          soort: "toegelaten",
          toegelatenProducten: [pA],
          nietToegelaten: [{ productId: pB, redenen: [{ item: `TC07:${pB}`, criterium: "TC07", productId: pB, motivering: "Niet aangetoond." }] }],
          redenen: [],
          naHoorEnWederhoor: true,
          toelichting: expect.stringContaining("1 van de 2"),
        }),
      ));

  describe("met een reactie: herbeoordeling", () => {
    const failing = ["TC04", `TC07:${pB}`];
    const herbeoordeling = (): InschrijvingEvent[] => [
      ...inBeoordeling,
      ...allJudged(failing),
      gestart(failing),
      gereageerd,
      { type: "HoorEnWederhoorTermijnVerstreken", data: { gereageerd: true } },
    ];

    it("na de termijn volgt de herbeoordeling", () => {
      const given = [...inBeoordeling, ...allJudged(failing), gestart(failing), gereageerd];
      spec(given, na).when({ type: "ExpireHoorEnWederhoor", actor: systeem }).then([{ type: "HoorEnWederhoorTermijnVerstreken", data: { gereageerd: true } }]);
      expect(stateAfter(given, { type: "ExpireHoorEnWederhoor", actor: systeem }, na).status).toBe("herbeoordeling");
    });

    it("alleen de onderdelen die tekortschoten worden opnieuw beoordeeld", () =>
      spec(herbeoordeling(), later).when(judge("TC01")).thenRefused({ status: 400, veld: "item" }));

    it("ook dezelfde beoordelaar mag in fase 2 opnieuw oordelen", () =>
      spec(herbeoordeling(), later)
        .when(judge("TC04", "voldoet", b1, "Nieuwe jaarrekening toont herstel."))
        .then([{ type: "CriteriumBeoordeeld", data: { item: "TC04", oordeel: "voldoet", motivering: "Nieuwe jaarrekening toont herstel.", beoordelaar: b1.id, fase: 2, at: later.toISOString() } }]));

    it("voldoen alle tekortkomingen nu, dan is de aanbieder toegelaten voor alle producten", () =>
      spec([...herbeoordeling(), judged("TC04", "voldoet", b1.id, 2)], later)
        .when(judge(`TC07:${pB}`, "voldoet", b1, "Bijscholing aangetoond."))
        .thenEvents((events) =>
          expect(uitkomstOf(events)).toMatchObject({ soort: "toegelaten", toegelatenProducten: [pA, pB], nietToegelaten: [], redenen: [], naHoorEnWederhoor: true }),
        ));

    it("blijft een organisatiebrede tekortkoming staan, dan is de aanbieder afgewezen", () =>
      spec([...herbeoordeling(), judged(`TC07:${pB}`, "voldoet", b1.id, 2)], later)
        .when(judge("TC04", "voldoet-niet", b1, "Nog steeds negatief eigen vermogen."))
        .thenEvents((events) =>
          expect(uitkomstOf(events)).toMatchObject({
            soort: "afgewezen",
            toegelatenProducten: [],
            redenen: [{ item: "TC04", criterium: "TC04", motivering: "Nog steeds negatief eigen vermogen." }],
            naHoorEnWederhoor: true,
          }),
        ));

    it("na afronding valt er niets meer te beoordelen", () => {
      const afgerond = stateAfter([...herbeoordeling(), judged("TC04", "voldoet", b1.id, 2)], judge(`TC07:${pB}`, "voldoet", b1, "Bijscholing aangetoond."), later);
      expect(afgerond.status).toBe("afgerond");
      expect(decideInschrijving(afgerond, judge(`TC07:${pB}`, "voldoet", b2, "Nog een oordeel."), later)).toMatchObject({ status: 409 });
    });
  });
});
