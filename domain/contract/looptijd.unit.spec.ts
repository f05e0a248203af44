import { specification } from "../../test/specification";
import { werkdagenTermEnd } from "../calendar";
import { SYSTEEM } from "../shared/actor";
import {
  decideContract,
  eindeMoment,
  evolveContract,
  initialContractState,
  regimeVan,
  volgendeMoment,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
} from "./contract";
import { verlengingSignaalBericht } from "./documenten";
import { aanbieder, applyRonde, apply, directeur, gestart, inkoper, typesOf, wekRondeTot, wekTot } from "./spec-helpers";
import { besluitIdVoorAanbieder, initialRondeState, type RondeState } from "./verlengingsronde";

const spec = specification({ initial: initialContractState, evolve: evolveContract, decide: decideContract });
const at = (iso: string) => new Date(iso);
const detailsOf = (s: ContractState) => {
  if (s.status === "leeg") throw new Error("leeg");
  return s;
};

describe("Looptijd: Ambulant Jeugd (3+2+2+2+1 vanaf 2027-01-01) over tien jaar", () => {
  it("eerste ronde niet geopend → stilzwijgend; tweede ronde: één weigering na hoor en wederhoor, RWO akkoord → A eindigt 2031-12-31, B loopt tot 2036-12-31; de state blijft begrensd", () => {
    const A = "11111111";
    const B = "22222222";
    let a = gestart({ kvk: A, naam: "Ondermaats BV" });
    let b = gestart({ kvk: B, naam: "Goed Zorg BV" });
    const na3jaar = JSON.stringify(b).length;

    // Term 1: nobody opens the round. Signal at the lead-time start (1 October 2029, 00:00 Amsterdam), then tacit.
    const t1a = wekTot(a, at("2030-06-01T00:00:00Z"));
    const t1b = wekTot(b, at("2030-06-01T00:00:00Z"));
    a = t1a.state;
    b = t1b.state;
    expect(t1a.wekkers).toEqual([
      { at: "2029-09-30T22:00:00.000Z", soort: "verlengingssignaal" },
      { at: "2029-12-31T23:00:00.000Z", soort: "einde-termijn" },
    ]);
    expect(t1a.events).toEqual([
      {
        type: "VerlengingSignaal",
        data: {
          termijnNr: 1,
          termijnEinde: "2029-12-31",
          volgendeTermijnNr: 2,
          rondeOpent: "2029-10-01",
          rondeKey: "ambulant-jeugd/2029-12-31",
          regime: "stilzwijgend",
          zonderBesluit: "verlengd",
          grondslag: expect.stringContaining("stilzwijgend") as unknown as string,
        },
      },
      { type: "VerlengingIngegaan", data: { termijnNr: 2, start: "2030-01-01", eind: "2031-12-31", hoe: "stilzwijgend" } },
    ]);
    expect(typesOf(t1b.events)).toEqual(["VerlengingSignaal", "VerlengingIngegaan"]);

    // Term 2: signal on 1 October 2031; the inkoper opens the round that morning.
    a = wekTot(a, at("2031-10-01T08:00:00Z")).state;
    b = wekTot(b, at("2031-10-01T08:00:00Z")).state;
    expect(detailsOf(b).gesignaleerd).toBe(2);
    let ronde: RondeState = initialRondeState;
    const open = (cmd: Parameters<typeof applyRonde>[1], now: string) => (ronde = applyRonde(ronde, cmd, at(now)).state);
    open(
      { type: "OpenRound", actor: inkoper, data: { contractId: "ambulant-jeugd", termijnEinde: "2031-12-31", contracten: [{ kvk: A, naam: "Ondermaats BV", ingangsdatum: "2027-01-01" }, { kvk: B, naam: "Goed Zorg BV", ingangsdatum: "2027-01-01" }] } },
      "2031-10-01T08:00:00Z",
    );
    open(
      { type: "ProposeWeigering", actor: inkoper, data: { kvk: A, reden: "ondermaats-presteren", motivering: "Drie klachten en geen verbeterplan na twee gesprekken in 2031.", actief: [A, B] } },
      "2031-10-02T09:00:00Z",
    );
    const hoorEinde = werkdagenTermEnd(at("2031-10-06T09:00:00Z"), 10);
    open({ type: "StartHoorEnWederhoor", actor: inkoper, data: { kvk: A, termijnEinde: hoorEinde.toISOString() } }, "2031-10-06T09:00:00Z");
    open({ type: "ReplyHoor", actor: aanbieder(A), data: { toelichting: "Wij werken aan een verbeterplan.", documenten: [] } }, "2031-10-10T12:00:00Z");
    const hoor = wekRondeTot(ronde, at("2031-10-25T00:00:00Z"));
    ronde = hoor.state;
    expect(hoor.events).toEqual([{ type: "HoorTermijnVerstreken", data: { kvk: A, gereageerd: true } }]);
    open({ type: "ReassessWeigering", actor: inkoper, data: { kvk: A, besluit: "handhaven", motivering: "De reactie bevat geen concreet verbeterplan met termijnen." } }, "2031-10-27T09:00:00Z");
    open({ type: "ProposeBesluit", actor: inkoper, data: { besluitId: "VERL-2031", motivering: "Algemeen verlengingsbesluit Ambulant Jeugd voor termijn 3." } }, "2031-10-28T09:00:00Z");
    const akkoord = applyRonde(ronde, { type: "RecordBesluit", actor: directeur, data: { besluitId: "VERL-2031", akkoord: true, motivering: "" } }, at("2031-11-03T10:00:00Z"));
    ronde = akkoord.state;
    const uitkomst = akkoord.events.find((e) => e.type === "UitkomstVastgesteld");
    expect(uitkomst?.data).toEqual({
      besluitId: "VERL-2031",
      uitkomsten: [
        { kvk: A, naam: "Ondermaats BV", uitkomst: "niet-verlengd", reden: "ondermaats-presteren", motivering: "De reactie bevat geen concreet verbeterplan met termijnen." },
        { kvk: B, naam: "Goed Zorg BV", uitkomst: "verlengd" },
      ],
    });

    // The workflow passes each outcome to its contract.
    const record = (kvk: string, uitkomst: "verlengd" | "niet-verlengd"): ContractCommand => ({
      type: "RecordVerlengingsbesluit",
      actor: SYSTEEM,
      data: { besluitId: besluitIdVoorAanbieder("VERL-2031", kvk), termijnEinde: "2031-12-31", uitkomst, ...(uitkomst === "niet-verlengd" ? { reden: "ondermaats-presteren" as const } : {}) },
    });
    const ra = apply(a, record(A, "niet-verlengd"), at("2031-11-03T10:05:00Z"));
    const rb = apply(b, record(B, "verlengd"), at("2031-11-03T10:05:00Z"));
    expect(ra.events).toEqual([{ type: "NietVerlengd", data: { besluitId: "VERL-2031-11111111", termijnNr: 2, einddatum: "2031-12-31", reden: "ondermaats-presteren" } }]);
    expect(rb.events).toEqual([{ type: "VerlengingBesloten", data: { besluitId: "VERL-2031-22222222", termijnNr: 3, termijnEinde: "2031-12-31" } }]);

    // Ten years on.
    const endA = wekTot(ra.state, at("2037-06-01T00:00:00Z"));
    const endB = wekTot(rb.state, at("2037-06-01T00:00:00Z"));
    expect(endA.events).toEqual([{ type: "ContractAfgelopen", data: { reden: "niet-verlengd", einddatum: "2031-12-31", besluitId: "VERL-2031-11111111" } }]);
    expect(endB.events.filter((e) => e.type === "VerlengingIngegaan").map((e) => e.data)).toEqual([
      { termijnNr: 3, start: "2032-01-01", eind: "2033-12-31", hoe: "besluit", besluitId: "VERL-2031-22222222" },
      { termijnNr: 4, start: "2034-01-01", eind: "2035-12-31", hoe: "stilzwijgend" },
      { termijnNr: 5, start: "2036-01-01", eind: "2036-12-31", hoe: "stilzwijgend" },
    ]);
    expect(endB.events.at(-1)).toEqual({ type: "ContractAfgelopen", data: { reden: "looptijd-voorbij", einddatum: "2036-12-31" } });
    expect(endB.wekkers.at(-1)).toEqual({ at: "2036-12-31T23:00:00.000Z", soort: "einde-termijn" });
    expect(volgendeMoment(endA.state)).toBeNull();
    expect(volgendeMoment(endB.state)).toBeNull();

    // Bounded: one entry per term and per besluit, no per-day data.
    const s = detailsOf(endB.state);
    expect(s.verlengingen).toHaveLength(4);
    expect(s.besluiten).toEqual(["GUN-1", "VERL-2031-22222222"]);
    const na10jaar = JSON.stringify(s).length;
    // Measured: 762 characters at the start, 1027 after ten years; the round of two aanbieders about 1.6k.
    expect(na10jaar).toBeLessThan(1500);
    expect(na10jaar - na3jaar).toBeLessThan(400);
  });
});

describe("Looptijd: JeugdzorgPlus (2 + 1 stilzwijgend + jaarlijks met voorafgaand besluit)", () => {
  it("zonder besluit eindigt het contract na jaar 3, en het signaal zegt dat vooraf", () => {
    const r = wekTot(gestart({ contractId: "jeugdzorgplus", producten: [] }), at("2031-01-01T00:00:00Z"));
    expect(r.events).toEqual([
      expect.objectContaining({ type: "VerlengingSignaal", data: expect.objectContaining({ termijnNr: 1, regime: "stilzwijgend", zonderBesluit: "verlengd" }) }),
      { type: "VerlengingIngegaan", data: { termijnNr: 2, start: "2029-01-01", eind: "2029-12-31", hoe: "stilzwijgend" } },
      expect.objectContaining({ type: "VerlengingSignaal", data: expect.objectContaining({ termijnNr: 2, rondeOpent: "2029-10-01", regime: "besluit", zonderBesluit: "afgelopen" }) }),
      { type: "ContractAfgelopen", data: { reden: "geen-verlengingsbesluit", einddatum: "2029-12-31" } },
    ]);
    expect(r.state.status).toBe("afgelopen");
  });

  it("met een verlengingsbesluit loopt jaar 4 (termijn 3); zonder nieuw besluit eindigt het daarna", () => {
    const jaar3 = wekTot(gestart({ contractId: "jeugdzorgplus", producten: [] }), at("2029-10-15T00:00:00Z")).state;
    const besloten = apply(jaar3, { type: "RecordVerlengingsbesluit", actor: SYSTEEM, data: { besluitId: "VERL-JZ-1", termijnEinde: "2029-12-31", uitkomst: "verlengd" } }, at("2029-11-01T10:00:00Z"));
    const r = wekTot(besloten.state, at("2031-06-01T00:00:00Z"));
    expect(r.events.filter((e) => e.type !== "VerlengingSignaal")).toEqual([
      { type: "VerlengingIngegaan", data: { termijnNr: 3, start: "2030-01-01", eind: "2030-12-31", hoe: "besluit", besluitId: "VERL-JZ-1" } },
      { type: "ContractAfgelopen", data: { reden: "geen-verlengingsbesluit", einddatum: "2030-12-31" } },
    ]);
  });
});

describe("Looptijd: Hoog-specialistisch (4+4+2, voorwaardelijk na evaluatie)", () => {
  it("eindigt na de eerste termijn zonder positieve evaluatie en besluit", () => {
    const r = wekTot(gestart({ contractId: "hoog-specialistisch-jeugd", producten: [] }), at("2031-06-01T00:00:00Z"));
    expect(r.events).toEqual([
      expect.objectContaining({ type: "VerlengingSignaal", data: expect.objectContaining({ termijnEinde: "2030-12-31", regime: "besluit", zonderBesluit: "afgelopen" }) }),
      { type: "ContractAfgelopen", data: { reden: "geen-verlengingsbesluit", einddatum: "2030-12-31" } },
    ]);
  });

  it("een verlengingsbesluit na positieve evaluatie laat termijn 2 ingaan", () => {
    const s = wekTot(gestart({ contractId: "hoog-specialistisch-jeugd", producten: [] }), at("2030-10-02T00:00:00Z")).state;
    const r = wekTot(
      apply(s, { type: "RecordVerlengingsbesluit", actor: SYSTEEM, data: { besluitId: "VERL-HS-1", termijnEinde: "2030-12-31", uitkomst: "verlengd" } }, at("2030-11-01T10:00:00Z")).state,
      at("2031-01-02T00:00:00Z"),
    );
    expect(r.events).toEqual([{ type: "VerlengingIngegaan", data: { termijnNr: 2, start: "2031-01-01", eind: "2034-12-31", hoe: "besluit", besluitId: "VERL-HS-1" } }]);
  });
});

describe("Looptijd: verlengingsregime per catalogusschema", () => {
  it.each<[string, string | undefined, "stilzwijgend" | "besluit"]>([
    ["ambulant-jeugd", "stilzwijgend", "stilzwijgend"],
    ["jeugdzorgplus", "besluit-vooraf", "besluit"],
    ["hoog-specialistisch-jeugd", "voorwaardelijk-na-evaluatie", "besluit"],
    ["jb-jr", "niet-vermeld", "stilzwijgend"],
    ["wonen-wmo", "niet-vermeld", "stilzwijgend"],
  ])("%s (%s) → %s", (contractId, wijze, regime) => expect(regimeVan(contractId, wijze).regime).toBe(regime));

  it("niet-vermeld buiten Open House zegt dat het een keuze is", () => expect(regimeVan("jb-jr", "niet-vermeld").grondslag).toContain("keuze"));
});

describe("Looptijd: wekkers en signaal", () => {
  it("volgendeMoment: eerst het signaal aan het begin van de aanlooptijd, dan het einde van de termijn", () => {
    const s = gestart();
    expect(volgendeMoment(s)).toEqual({ at: at("2029-09-30T22:00:00Z"), soort: "verlengingssignaal", command: { type: "SignaleerVerlenging", actor: SYSTEEM, data: { termijnNr: 1 } } });
  });

  it("een aanlooptijd van 6 maanden verschuift het signaal naar 1 juli", () =>
    expect(volgendeMoment(gestart({ aanloopMaanden: 6 }))?.at).toEqual(at("2029-06-30T22:00:00Z")));

  it("weigert een aanlooptijd van 0 maanden", () =>
    spec([]).when({ type: "StartContract", actor: SYSTEEM, data: { contractId: "ambulant-jeugd", kvk: "1", naam: "x", procedureId: "p", besluitId: "G", producten: [], ingangsdatum: "2027-01-01", aanloopMaanden: 0 } }).thenRefused({ status: 400, veld: "aanloopMaanden" }));

  it("het einde van een termijn is 00:00 Amsterdam op de dag erna (ook in de zomertijd)", () => {
    expect(eindeMoment("2029-12-31")).toEqual(at("2029-12-31T23:00:00Z"));
    expect(eindeMoment("2029-06-30")).toEqual(at("2029-06-30T22:00:00Z"));
  });

  const start: ContractEvent = { type: "ContractGestart", data: { ...{ contractId: "ambulant-jeugd", kvk: "12345678", naam: "Zorg BV", procedureId: "oh", besluitId: "GUN-1", producten: [], ingangsdatum: "2027-01-01" }, termijnen: detailsOf(gestart()).termijnen } };

  it("een wekker die te vroeg komt wordt geweigerd (409)", () =>
    spec([start], at("2029-12-31T22:59:59Z")).when({ type: "EindeTermijn", actor: SYSTEEM, data: { termijnNr: 1 } }).thenRefused({ status: 409, refused: "NogNietGesloten" }));

  it("een verouderde wekker doet niets", () =>
    spec([start], at("2033-01-01T00:00:00Z")).when({ type: "EindeTermijn", actor: SYSTEEM, data: { termijnNr: 3 } }).thenNothing());

  it("alleen het systeem stuurt wekkers (403)", () =>
    spec([start], at("2030-01-01T00:00:00Z")).when({ type: "EindeTermijn", actor: inkoper, data: { termijnNr: 1 } }).thenRefused({ status: 403 }));

  it("het signaal geeft de tekst voor de mail aan de inkoper", () => {
    const e = wekTot(gestart({ contractId: "jeugdzorgplus", producten: [] }), at("2029-10-02T00:00:00Z")).events.at(-1);
    if (e?.type !== "VerlengingSignaal") throw new Error("geen signaal");
    const m = verlengingSignaalBericht(e.data, "jeugdzorgplus");
    expect(m.onderwerp).toBe("Verlengingsronde JeugdzorgPlus: termijn 2 eindigt op 31 december 2029");
    expect(m.tekst).toContain("Zonder verlengingsbesluit eindigen de contracten op 31 december 2029");
  });
});

describe("Looptijd: verlengingsbesluit per aanbieder", () => {
  const s = wekTot(gestart(), at("2029-10-02T00:00:00Z")).state;
  const record = (over: Partial<Extract<ContractCommand, { type: "RecordVerlengingsbesluit" }>["data"]> = {}): ContractCommand => ({
    type: "RecordVerlengingsbesluit",
    actor: SYSTEEM,
    data: { besluitId: "VERL-1-12345678", termijnEinde: "2029-12-31", uitkomst: "verlengd", ...over },
  });
  const given = (): ContractEvent[] => {
    const st = detailsOf(s);
    return [
      { type: "ContractGestart", data: { contractId: st.contractId, kvk: st.kvk, naam: st.naam, procedureId: st.procedureId, besluitId: "GUN-1", producten: st.producten, ingangsdatum: st.ingangsdatum, termijnen: st.termijnen } },
    ];
  };

  it("weigert een besluit over een andere termijn (409, termijnEinde)", () =>
    spec(given(), at("2029-11-01T10:00:00Z")).when(record({ termijnEinde: "2031-12-31" })).thenRefused({ status: 409, veld: "termijnEinde" }));

  it("weigert een besluit na het einde van de termijn", () => spec(given(), at("2030-01-01T00:00:00+01:00")).when(record()).thenRefused({ status: 409, refused: "TermijnVerstreken" }));

  it("een niet-verlengingsbesluit noemt de reden", () =>
    spec(given(), at("2029-11-01T10:00:00Z")).when(record({ uitkomst: "niet-verlengd" })).thenRefused({ status: 400, veld: "reden" }));

  it("hetzelfde besluit twee keer levert niets op; een tweede besluit wordt geweigerd", () => {
    const once = apply(s, record(), at("2029-11-01T10:00:00Z")).state;
    expect(decideContract(once, record(), at("2029-11-01T10:01:00Z"))).toEqual([]);
    expect(decideContract(once, record({ besluitId: "VERL-2", uitkomst: "niet-verlengd", reden: "geen-zorg-geleverd" }), at("2029-11-01T10:01:00Z"))).toMatchObject({ status: 409, refused: "BestaatAl" });
  });

  it("op een afgelopen contract doet een verlengingsbesluit niets", () => {
    const afgelopen = wekTot(gestart({ contractId: "hoog-specialistisch-jeugd", producten: [] }), at("2031-02-01T00:00:00Z")).state;
    expect(afgelopen.status).toBe("afgelopen");
    expect(decideContract(afgelopen, record({ termijnEinde: "2030-12-31" }), at("2031-02-01T00:00:00Z"))).toEqual([]);
  });
});
