import { specification } from "../../test/specification";
import { SYSTEEM } from "../shared/actor";
import { decideContract, evolveContract, initialContractState, volgendeMoment, type ContractCommand, type ContractEvent, type ContractState } from "./contract";
import { contractBesluitDocument } from "./documenten";
import { aanbieder, apply, directeur, gestart, inkoper, typesOf, wekTot } from "./spec-helpers";

const spec = specification({ initial: initialContractState, evolve: evolveContract, decide: decideContract });
const at = (iso: string) => new Date(iso);
const KVK = "12345678";
const details = (s: ContractState) => {
  if (s.status === "leeg") throw new Error("leeg");
  return s;
};
const started = (contractId = "ambulant-jeugd"): ContractEvent => ({
  type: "ContractGestart",
  data: { contractId, kvk: KVK, naam: "Zorg BV", procedureId: "p", besluitId: "GUN-1", producten: [], ingangsdatum: "2027-01-01", termijnen: details(gestart({ contractId })).termijnen },
});
const opzeg = (data: { toelichting: string; einddatum?: string } = { toelichting: "Wij stoppen met jeugdhulp." }, kvk = KVK): ContractCommand => ({ type: "OpzegDoorAanbieder", actor: aanbieder(kvk), data });
const verwerk = (besluitId: string): ContractCommand => ({ type: "VerwerkBesluit", actor: SYSTEEM, data: { besluitId, akkoord: true, motivering: "" } });
const motivering = "Besluit na overleg met de vijf gemeenten over de uitvoering.";

describe("Beëindiging: opzegging door de aanbieder (modelovereenkomst 8.1/8.2)", () => {
  const vijftienMaart = at("2028-03-15T10:00:00Z");

  it("opzegging op 15 maart eindigt op 30 april; op 1 mei 00:00 is het contract afgelopen", () => {
    const r = apply(gestart(), opzeg(), vijftienMaart);
    expect(r.events).toEqual([{ type: "OpgezegdDoorAanbieder", data: { einddatum: "2028-04-30", toelichting: "Wij stoppen met jeugdhulp.", door: "gebruiker-12345678", at: vijftienMaart.toISOString() } }]);
    expect(volgendeMoment(r.state)).toEqual({ at: at("2028-04-30T22:00:00Z"), soort: "einde-opzegging", command: { type: "EindeOpzegging", actor: SYSTEEM, data: { einddatum: "2028-04-30" } } });
    const einde = wekTot(r.state, at("2028-06-01T00:00:00Z"));
    expect(einde.events).toEqual([{ type: "ContractAfgelopen", data: { reden: "opgezegd-door-aanbieder", einddatum: "2028-04-30" } }]);
    expect(einde.state.status).toBe("afgelopen");
  });

  it("een latere einddatum mag; een eerdere noemt de vroegst mogelijke datum (400, einddatum)", () => {
    spec([started()], vijftienMaart).when(opzeg({ toelichting: "", einddatum: "2028-06-30" })).thenEvents(([e]) => expect(e).toMatchObject({ data: { einddatum: "2028-06-30" } }));
    spec([started()], vijftienMaart)
      .when(opzeg({ toelichting: "", einddatum: "2028-03-31" }))
      .thenRefused({ status: 400, veld: "einddatum", melding: expect.stringContaining("30 april 2028") as unknown as string });
  });

  it("alleen de eigen aanbieder zegt op (403)", () => {
    spec([started()], vijftienMaart).when(opzeg(undefined, "87654321")).thenRefused({ status: 403 });
    spec([started()], vijftienMaart).when({ ...opzeg(), actor: inkoper }).thenRefused({ status: 403 });
  });

  it("opzegging vlak voor het termijneinde: het contract eindigt op het termijneinde, zonder stilzwijgende verlenging", () => {
    const gesignaleerd = wekTot(gestart(), at("2029-11-15T10:00:00Z")).state;
    const r = apply(gesignaleerd, opzeg(), at("2029-11-15T10:00:00Z"));
    expect(r.events).toMatchObject([{ data: { einddatum: "2029-12-31" } }]);
    expect(typesOf(wekTot(r.state, at("2030-02-01T00:00:00Z")).events)).toEqual(["ContractAfgelopen"]);
    expect(details(wekTot(r.state, at("2030-02-01T00:00:00Z")).state).afgelopen).toEqual({ reden: "opgezegd-door-aanbieder", einddatum: "2029-12-31" });
  });

  it("een opzegging voor de aanlooptijd maakt het verlengingssignaal overbodig", () => {
    const r = apply(gestart(), opzeg(), at("2029-08-15T10:00:00Z"));
    expect(wekTot(r.state, at("2030-02-01T00:00:00Z")).wekkers).toEqual([{ at: "2029-09-30T22:00:00.000Z", soort: "einde-opzegging" }]);
  });

  it("een tweede opzegging wordt geweigerd; na het einde van de looptijd valt niets op te zeggen", () => {
    const r = apply(gestart(), opzeg(), vijftienMaart);
    expect(decideContract(r.state, opzeg(), vijftienMaart)).toMatchObject({ status: 409 });
    expect(decideContract(gestart(), opzeg({ toelichting: "", einddatum: "2037-03-31" }), vijftienMaart)).toMatchObject({ status: 409, veld: "einddatum" });
  });
});

describe("Beëindiging: opzegging door de regio", () => {
  it("na akkoord telt de opzegtermijn vanaf het besluit", () => {
    const s = apply(gestart(), { type: "ProposeOpzegging", actor: inkoper, data: { besluitId: "OPZ-1", motivering } }, at("2028-03-15T10:00:00Z")).state;
    expect(details(s).lopend).toMatchObject([{ soort: "opzegging", besluitType: "ontbinding", authority: "programmadirecteur" }]);
    const r = apply(s, verwerk("OPZ-1"), at("2028-04-02T10:00:00Z"));
    expect(r.events).toEqual([{ type: "OpgezegdDoorRegio", data: { besluitId: "OPZ-1", einddatum: "2028-05-31", motivering } }]);
    expect(details(r.state).einde).toEqual({ reden: "opgezegd-door-regio", einddatum: "2028-05-31", besluitId: "OPZ-1" });
    const d = contractBesluitDocument(details(s), details(s).lopend[0]!, { datum: "2028-04-02T10:00:00.000Z", auteur: directeur, effect: r.events[0]! });
    expect(d.data.besluittekst).toContain("eindigt op 31 mei 2028");
  });
});

describe("Beëindiging per direct wegens dringende reden (modelovereenkomst 8.3)", () => {
  const voorstel = (grond: string): ContractCommand => ({ type: "ProposeBeeindigingDringendeReden", actor: inkoper, data: { besluitId: "DR-1", grond: grond as never, motivering } });

  it("na akkoord is het contract per direct beëindigd; geen wekkers meer", () => {
    const s = apply(gestart(), voorstel("ernstige-fout"), at("2028-06-10T09:00:00Z")).state;
    const r = apply(s, verwerk("DR-1"), at("2028-06-11T14:00:00Z"));
    expect(r.events).toEqual([{ type: "BeeindigdWegensDringendeReden", data: { besluitId: "DR-1", grond: "ernstige-fout", motivering, perDatum: "2028-06-11" } }]);
    expect(r.state.status).toBe("beeindigd");
    expect(volgendeMoment(r.state)).toBeNull();
    expect(decideContract(r.state, opzeg(), at("2028-06-12T09:00:00Z"))).toMatchObject({ status: 409 });
  });

  it("weigert een grond buiten 8.3 (400, grond)", () => spec([started()], at("2028-06-10T09:00:00Z")).when(voorstel("ontevreden")).thenRefused({ status: 400, veld: "grond" }));
});

describe("Beëindiging wegens landelijk beleid (6.1.2, 6.2.2, 6.3.2)", () => {
  const voorstel: ContractCommand = { type: "ProposeBeeindigingLandelijkBeleid", actor: inkoper, data: { besluitId: "LB-1", motivering: "Jeugdbescherming wordt landelijk ingekocht vanaf 2029." } };

  it("geweigerd voor Ambulant Jeugd: dat contract heeft de bepaling niet (409, contractId)", () =>
    spec([started("ambulant-jeugd")], at("2028-06-10T09:00:00Z"))
      .when(voorstel)
      .thenRefused({ status: 409, veld: "contractId", melding: expect.stringContaining("Jeugdbescherming en Jeugdreclassering (6.1)") as unknown as string }));

  it("toegestaan voor JB/JR: na akkoord loopt het contract tot het einde van de opzegtermijn", () => {
    const s = apply(gestart({ contractId: "jb-jr" }), voorstel, at("2028-06-10T09:00:00Z")).state;
    const r = apply(s, verwerk("LB-1"), at("2028-06-20T09:00:00Z"));
    expect(r.events).toEqual([{ type: "BeeindigdLandelijkBeleid", data: { besluitId: "LB-1", einddatum: "2028-07-31", motivering: "Jeugdbescherming wordt landelijk ingekocht vanaf 2029." } }]);
    expect(wekTot(r.state, at("2028-09-01T00:00:00Z")).events).toEqual([{ type: "ContractAfgelopen", data: { reden: "landelijk-beleid", einddatum: "2028-07-31", besluitId: "LB-1" } }]);
  });

  it("een gewenste latere einddatum blijft staan", () => {
    const s = apply(gestart({ contractId: "jeugdzorgplus" }), { ...voorstel, data: { ...voorstel.data, einddatum: "2028-12-31" } } as ContractCommand, at("2028-06-10T09:00:00Z")).state;
    expect(apply(s, verwerk("LB-1"), at("2028-06-20T09:00:00Z")).events).toMatchObject([{ data: { einddatum: "2028-12-31" } }]);
  });
});
