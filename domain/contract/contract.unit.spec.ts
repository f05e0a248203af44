import { specification } from "../../test/specification";
import { findContract } from "../catalogue";
import { termDates } from "../calendar";
import type { Actor } from "../shared/actor";
import { isRefusal } from "../shared/refusal";
import {
  decideContract,
  evolveContract,
  huidigeTermijn,
  initialContractState,
  termijnenOf,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
  type Termijn,
} from "./contract";

const spec = specification({ initial: initialContractState, evolve: evolveContract, decide: decideContract });

const systeem: Actor = { rol: "systeem", id: "inkoop" };
const kvk = "12345678";
const now = new Date("2026-11-15T10:00:00Z");
const [p1, p2, p3] = ["ambulant-jeugd/45A48", "ambulant-jeugd/45A53", "ambulant-jeugd/45A69"];

const start = (over: Partial<Extract<ContractCommand, { type: "StartContract" }>["data"]> = {}, actor: Actor = systeem): ContractCommand => ({
  type: "StartContract",
  actor,
  data: { contractId: "ambulant-jeugd", kvk, naam: "Zorg BV", procedureId: "oh-ambulant", besluitId: "GUN-1-12345678", producten: [p1, p2], ingangsdatum: "2027-01-01", ...over },
});

function started(over: Partial<Extract<ContractCommand, { type: "StartContract" }>["data"]> = {}): ContractEvent {
  const out = decideContract(initialContractState, start(over), now);
  if (isRefusal(out) || out.length !== 1) throw new Error("contract niet gestart");
  return out[0]!;
}

const termijnenVan = (e: ContractEvent): Termijn[] => (e.type === "ContractGestart" ? e.data.termijnen : []);

describe("Contract: starten", () => {
  it("Ambulant Jeugd vanaf 2027-01-01: 3 jaar en verlengingen van 2+2+2+1 jaar, tot en met 2036-12-31", () =>
    spec([], now)
      .when(start())
      .thenEvents(([e]) => {
        expect(e).toMatchObject({ type: "ContractGestart", data: { contractId: "ambulant-jeugd", kvk, producten: [p1, p2], ingangsdatum: "2027-01-01" } });
        expect(termijnenVan(e!)).toEqual([
          { nr: 1, start: "2027-01-01", eind: "2029-12-31", soort: "initieel" },
          { nr: 2, start: "2030-01-01", eind: "2031-12-31", soort: "verlenging", wijze: "stilzwijgend" },
          { nr: 3, start: "2032-01-01", eind: "2033-12-31", soort: "verlenging", wijze: "stilzwijgend" },
          { nr: 4, start: "2034-01-01", eind: "2035-12-31", soort: "verlenging", wijze: "stilzwijgend" },
          { nr: 5, start: "2036-01-01", eind: "2036-12-31", soort: "verlenging", wijze: "stilzwijgend" },
        ]);
      }));

  it("volgt de termijnen van termDates uit de kalender", () => {
    const looptijd = findContract("ambulant-jeugd")!.looptijd!;
    const expected = termDates("2027-01-01", [looptijd.initieelJaren, ...looptijd.verlengingen.map((v) => v.jaren)]);
    expect(termijnenVan(started()).map((t) => ({ start: t.start, end: t.eind }))).toEqual(expected);
  });

  it("Dagbesteding Jeugd: 9 termijnen die samen precies 10 jaar beslaan", () => {
    const termijnen = termijnenVan(started({ contractId: "dagbesteding-jeugd", producten: [] }));
    expect(termijnen).toHaveLength(9);
    expect(termijnen[0]).toMatchObject({ start: "2027-01-01", eind: "2028-12-31", soort: "initieel" });
    expect(termijnen.slice(1).every((t) => t.soort === "verlenging")).toBe(true);
    expect(termijnen[8]).toMatchObject({ start: "2036-01-01", eind: "2036-12-31" });
    for (let i = 1; i < termijnen.length; i++) expect(termijnen[i]!.start > termijnen[i - 1]!.eind).toBe(true);
  });

  it("laat een termijn op 29 februari niet verschuiven", () =>
    expect(termijnenOf({ initieelJaren: 1, verlengingen: [{ jaren: 1, wijze: "stilzwijgend" }], maxJaren: 2 }, "2028-02-29")).toEqual([
      { nr: 1, start: "2028-02-29", eind: "2029-02-27", soort: "initieel" },
      { nr: 2, start: "2029-02-28", eind: "2030-02-27", soort: "verlenging", wijze: "stilzwijgend" },
    ]));

  it("weigert een onbekend contract", () => spec([], now).when(start({ contractId: "bestaat-niet" })).thenRefused({ status: 400, veld: "contractId" }));

  it("weigert een ander dan het systeem (403)", () =>
    spec([], now).when(start({}, { rol: "inkoper", id: "i.jansen" })).thenRefused({ status: 403, refused: "RolNietToegestaan" }));

  it("een tweede start met nieuwe producten voegt die toe", () => {
    const cmd = start({ besluitId: "GUN-2-12345678", procedureId: "oh-ambulant", producten: [p2, p3] });
    const toegevoegd: ContractEvent = { type: "ProductenToegevoegd", data: { procedureId: "oh-ambulant", besluitId: "GUN-2-12345678", producten: [p3] } };
    spec([started()], now).when(cmd).then([toegevoegd]);
    const state = [started(), toegevoegd].reduce(evolveContract, initialContractState);
    expect(state).toMatchObject({ status: "actief", producten: [p1, p2, p3], besluiten: ["GUN-1-12345678", "GUN-2-12345678"], ingangsdatum: "2027-01-01" });
  });

  it("een herhaalde start levert niets op", () => spec([started()], now).when(start()).thenNothing());

  it("een tweede start zonder nieuwe producten levert niets op", () =>
    spec([started()], now).when(start({ besluitId: "GUN-2-12345678", producten: [p1] })).thenNothing());
});

describe("Contract: huidige termijn", () => {
  const termijnen = termijnenVan(started());

  it.each<[string, number | null]>([
    ["2026-12-31T22:59:59.999Z", null], // 2026-12-31 23:59 in Amsterdam: nog niet begonnen
    ["2026-12-31T23:00:00.000Z", 1], // 2027-01-01 00:00 in Amsterdam
    ["2029-12-31T22:30:00.000Z", 1], // 2029-12-31 23:30 in Amsterdam
    ["2029-12-31T23:30:00.000Z", 2], // 2030-01-01 00:30 in Amsterdam, terwijl het in UTC nog 2029 is
    ["2033-07-01T12:00:00.000Z", 3],
    ["2036-12-31T22:59:00.000Z", 5],
    ["2036-12-31T23:00:00.000Z", null], // 2037-01-01 in Amsterdam: afgelopen
  ])("op %s is termijn %p de huidige", (instant, nr) => expect(huidigeTermijn(termijnen, new Date(instant))?.nr ?? null).toBe(nr));

  it("telt in de zomertijd met het Amsterdamse tijdverschil van twee uur", () => {
    const zomer: Termijn[] = [
      { nr: 1, start: "2027-01-01", eind: "2027-06-30", soort: "initieel" },
      { nr: 2, start: "2027-07-01", eind: "2027-12-31", soort: "verlenging" },
    ];
    expect(huidigeTermijn(zomer, new Date("2027-06-30T22:30:00Z"))?.nr).toBe(2);
    expect(huidigeTermijn(zomer, new Date("2027-06-30T21:30:00Z"))?.nr).toBe(1);
  });
});

describe("Contract: ontbinden", () => {
  const ontbind: ContractCommand = { type: "OntbindContract", actor: systeem, data: { besluitId: "ONT-1", motivering: "Geen zicht op verbetering na ingebrekestelling." } };
  const ontbonden: ContractEvent = {
    type: "ContractOntbonden",
    data: { besluitId: "ONT-1", motivering: "Geen zicht op verbetering na ingebrekestelling.", perDatum: "2028-03-16" },
  };
  const at = new Date("2028-03-15T10:00:00Z");

  it("ontbindt per de dag na het besluit", () => {
    spec([started()], at).when(ontbind).then([ontbonden]);
    const state: ContractState = [started(), ontbonden].reduce(evolveContract, initialContractState);
    expect(state).toMatchObject({ status: "ontbonden", ontbonden: { besluitId: "ONT-1", perDatum: "2028-03-16" } });
  });

  it("neemt de Amsterdamse datum van het besluit", () =>
    spec([started()], new Date("2028-03-15T23:30:00Z"))
      .when(ontbind)
      .thenEvents(([e]) => expect(e).toMatchObject({ data: { perDatum: "2028-03-17" } })));

  it("na ontbinding wordt een start geweigerd (409)", () =>
    spec([started(), ontbonden], at).when(start({ besluitId: "GUN-9-12345678", producten: [p3] })).thenRefused({ status: 409 }));

  it("weigert een tweede ontbinding (409)", () => spec([started(), ontbonden], at).when(ontbind).thenRefused({ status: 409 }));

  it("weigert ontbinding van een contract dat niet bestaat (409)", () => spec([], at).when(ontbind).thenRefused({ status: 409 }));

  it("weigert ontbinding door een ander dan het systeem (403)", () =>
    spec([started()], at).when({ ...ontbind, actor: { rol: "programmadirecteur", id: "p.directeur" } }).thenRefused({ status: 403 }));
});
