import type { Actor } from "../shared/actor";
import { isRefusal, type Refusal } from "../shared/refusal";
import { decideOnderhands, evolveOnderhands, initialOnderhandsState, type OnderhandsCommand, type OnderhandsState } from "./procedure";

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const SYS: Actor = { rol: "systeem", id: "systeem" };
const now = new Date("2027-02-01T09:00:00+01:00");
const motivering = "Twee aanbieders met een gesloten plaatsing; continuïteit van zorg weegt zwaarder dan concurrentie.";

function run(commands: OnderhandsCommand[]): OnderhandsState {
  let s: OnderhandsState = initialOnderhandsState;
  for (const c of commands) {
    const out = decideOnderhands(s, c, now);
    if (isRefusal(out)) throw new Error(`${c.type}: ${out.melding}`);
    s = out.reduce(evolveOnderhands, s);
  }
  return s;
}
const start = (contractId: string, m?: string): OnderhandsCommand => ({ type: "Start", actor: inkoper, data: { id: "p", contractId, titel: "Onderhands 2027", ...(m ? { motivering: m } : {}) } });
const nodig = (kvk: string, naam: string | null = "GI"): OnderhandsCommand => ({ type: "NodigUit", actor: inkoper, data: { kvk, naam, deadline: "2027-03-01T12:00:00+01:00" } });

describe("onderhandse procedure: motivering van de procedurekeuze en uitnodigingen", () => {
  it("JB/JR (enkelvoudig onderhands) nodigt meteen uit; zonder motivering", () => {
    const s = run([start("jb-jr"), nodig("41234567")]);
    expect(s).toMatchObject({ status: "lopend", motiveringVereist: false, uitnodigingen: [{ kvk: "41234567", status: "uitgenodigd" }] });
  });

  it.each(["jeugdzorgplus", "forensische-ggz"])("%s vraagt een gedegen motivering en het besluit van het BOSD vóór de uitnodigingen", (contractId) => {
    expect((decideOnderhands(initialOnderhandsState, start(contractId), now) as Refusal).veld).toBe("motivering");
    const concept = run([start(contractId, motivering)]);
    expect((decideOnderhands(concept, nodig("41234567"), now) as Refusal).melding).toMatch(/BOSD/);
    const lopend = run([start(contractId, motivering), { type: "LegMotiveringVoor", actor: inkoper, data: { besluitId: "PK-1" } }, { type: "RecordMotiveringBesluit", actor: SYS, data: { besluitId: "PK-1", akkoord: true, motivering: "Akkoord." } }]);
    expect(lopend.status).toBe("lopend");
    expect(isRefusal(decideOnderhands(lopend, nodig("41234567"), now))).toBe(false);
  });

  it("weigert een Open House-contract, een onbekende aanbieder, een tweede uitnodiging en een termijn in het verleden", () => {
    expect((decideOnderhands(initialOnderhandsState, start("ambulant-jeugd"), now) as Refusal).veld).toBe("contractId");
    const s = run([start("jb-jr"), nodig("41234567")]);
    expect((decideOnderhands(s, nodig("49999999", null), now) as Refusal).refused).toBe("OnbekendeAanbieder");
    expect((decideOnderhands(s, nodig("41234567"), now) as Refusal).status).toBe(409);
    expect((decideOnderhands(s, { type: "NodigUit", actor: inkoper, data: { kvk: "42222222", naam: "X", deadline: "2027-01-01T00:00:00Z" } }, now) as Refusal).veld).toBe("deadline");
  });

  it("een teruggestuurde motivering kan opnieuw worden voorgelegd", () => {
    const s = run([start("jeugdzorgplus", motivering), { type: "LegMotiveringVoor", actor: inkoper, data: { besluitId: "PK-1" } }, { type: "RecordMotiveringBesluit", actor: SYS, data: { besluitId: "PK-1", akkoord: false, motivering: "Onderbouw de continuïteit." } }]);
    expect(s.status).toBe("concept");
    const nieuw = `${motivering} Aangevuld: de continuïteit is voor deze jeugdigen een wettelijke plicht.`;
    const herzien = run([start("jeugdzorgplus", motivering), { type: "LegMotiveringVoor", actor: inkoper, data: { besluitId: "PK-1" } }, { type: "RecordMotiveringBesluit", actor: SYS, data: { besluitId: "PK-1", akkoord: false, motivering: "Onderbouw de continuïteit." } }, { type: "WijzigMotivering", actor: inkoper, data: { motivering: nieuw } }]);
    expect(herzien).toMatchObject({ status: "concept", motivering: nieuw });
    expect(isRefusal(decideOnderhands(herzien, { type: "LegMotiveringVoor", actor: inkoper, data: { besluitId: "PK-2" } }, now))).toBe(false);
    const voorgelegd = run([start("jeugdzorgplus", motivering), { type: "LegMotiveringVoor", actor: inkoper, data: { besluitId: "PK-1" } }]);
    expect((decideOnderhands(voorgelegd, { type: "WijzigMotivering", actor: inkoper, data: { motivering: nieuw } }, now) as Refusal).status).toBe(409);
  });
});
