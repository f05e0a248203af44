import { specification } from "../../test/specification";
import { AuthorityNamen, authorityFor } from "../catalogue";
import { werkdagenTermEnd } from "../calendar";
import { SYSTEEM } from "../shared/actor";
import { decideContract, evolveContract, initialContractState, volgendeMoment, type ContractCommand, type ContractEvent, type ContractState } from "./contract";
import { contractBesluitDocument } from "./documenten";
import { aanbieder, apply, bosd, directeur, gestart, inkoper, typesOf } from "./spec-helpers";

const spec = specification({ initial: initialContractState, evolve: evolveContract, decide: decideContract });
const at = (iso: string) => new Date(iso);
const KVK = "12345678";
const details = (s: ContractState) => {
  if (s.status === "leeg") throw new Error("leeg");
  return s;
};

const started: ContractEvent = {
  type: "ContractGestart",
  data: { contractId: "ambulant-jeugd", kvk: KVK, naam: "Zorg BV", procedureId: "oh-ambulant", besluitId: "GUN-1", producten: [], ingangsdatum: "2027-01-01", termijnen: details(gestart()).termijnen },
};
const motivering = "Twee meldingen van calamiteiten binnen een maand; eerst onderzoek.";
const stop: ContractCommand = { type: "ProposeClientenstop", actor: inkoper, data: { besluitId: "CS-1", motivering } };
const verwerk = (besluitId: string, akkoord = true, actor = SYSTEEM, m = ""): ContractCommand => ({ type: "VerwerkBesluit", actor, data: { besluitId, akkoord, motivering: m } });

describe("Handhaving: cliëntenstop (4.4.2)", () => {
  const t = at("2028-03-01T09:00:00Z");

  it("de inkoper stelt een cliëntenstop voor; het bevoegd gezag komt uit de catalogus", () =>
    spec([started], t)
      .when(stop)
      .then([
        {
          type: "ClientenstopVoorgesteld",
          data: { besluitId: "CS-1", besluitType: "clientenstop", authority: authorityFor("clientenstop").authority, motivering, door: "i.jansen", at: t.toISOString() },
        },
      ]));

  it("na akkoord geldt de stop vanaf de dag van het besluit; opheffen is weer een besluit", () => {
    let s = apply(gestart(), stop, t).state;
    const opgelegd = apply(s, verwerk("CS-1"), at("2028-03-02T10:00:00Z"));
    expect(opgelegd.events).toEqual([{ type: "ClientenstopOpgelegd", data: { besluitId: "CS-1", motivering, perDatum: "2028-03-02" } }]);
    s = opgelegd.state;
    expect(details(s)).toMatchObject({ status: "actief", clientenstop: { besluitId: "CS-1" }, lopend: [] });
    expect(decideContract(s, { ...stop, data: { besluitId: "CS-2", motivering } }, t)).toMatchObject({ status: 409, refused: "BestaatAl" });
    s = apply(s, { type: "ProposeOpheffingClientenstop", actor: inkoper, data: { besluitId: "CS-OPH-1", motivering: "Het onderzoek is afgerond zonder bevindingen." } }, at("2028-05-01T09:00:00Z")).state;
    const opgeheven = apply(s, verwerk("CS-OPH-1"), at("2028-05-02T09:00:00Z"));
    expect(typesOf(opgeheven.events)).toEqual(["ClientenstopOpgeheven"]);
    expect(details(opgeheven.state).clientenstop).toBeUndefined();
    expect(details(opgeheven.state).besluiten).toEqual(["GUN-1", "CS-1", "CS-OPH-1"]);
  });

  it("opheffen zonder stop wordt geweigerd (409)", () =>
    spec([started], t).when({ type: "ProposeOpheffingClientenstop", actor: inkoper, data: { besluitId: "X", motivering } }).thenRefused({ status: 409 }));

  it("weigert de verkeerde rol (403) en een te korte motivering (400, motivering)", () => {
    spec([started], t).when({ ...stop, actor: aanbieder(KVK) }).thenRefused({ status: 403, refused: "RolNietToegestaan" });
    spec([started], t).when({ ...stop, actor: directeur }).thenRefused({ status: 403 });
    spec([started], t).when({ ...stop, data: { besluitId: "CS-1", motivering: "klachten" } }).thenRefused({ status: 400, veld: "motivering" });
    spec([started], t).when({ ...stop, data: { besluitId: " ", motivering } }).thenRefused({ status: 400, veld: "besluitId" });
  });

  it("alleen het bevoegd gezag of het systeem verwerkt het besluit; terugsturen met motivering", () => {
    const s = apply(gestart(), stop, t).state;
    expect(decideContract(s, verwerk("CS-1", true, bosd), t)).toMatchObject({ status: 403 });
    expect(decideContract(s, verwerk("CS-1", false), t)).toMatchObject({ status: 400, veld: "motivering" });
    const terug = apply(s, verwerk("CS-1", false, SYSTEEM, "Eerst een gesprek voeren."), t);
    expect(typesOf(terug.events)).toEqual(["VoorstelTeruggestuurd"]);
    expect(details(terug.state).lopend).toEqual([]);
    expect(decideContract(terug.state, verwerk("CS-1"), t)).toEqual([]);
  });

  it("een voorstel dat twee keer komt levert niets op; een tweede voorstel van dezelfde soort wordt geweigerd", () => {
    const s = apply(gestart(), stop, t).state;
    expect(decideContract(s, stop, t)).toEqual([]);
    expect(decideContract(s, { ...stop, data: { besluitId: "CS-9", motivering } }, t)).toMatchObject({ status: 409, refused: "BestaatAl" });
  });

  it("de brief noemt de stop, de datum en dat lopende trajecten doorlopen", () => {
    const s = apply(gestart(), stop, t).state;
    const v = details(s).lopend[0]!;
    const d = contractBesluitDocument(details(s), v, { datum: t.toISOString(), auteur: inkoper, effect: { type: "ClientenstopOpgelegd", data: { besluitId: "CS-1", motivering, perDatum: "2028-03-02" } } });
    expect(d.titel).toBe("Besluit cliëntenstop");
    expect(d.data.besluittekst).toContain("met ingang van 2 maart 2028");
    expect(d.data.gevolgen[0]).toContain("Lopende trajecten lopen door");
    expect(d.data.kop.bevoegdGezag.naam).toBe(AuthorityNamen[authorityFor("clientenstop").authority]);
  });
});

describe("Handhaving: ingebrekestelling → termijn verstreken → ontbinding", () => {
  const voorstel: ContractCommand = { type: "ProposeIngebrekestelling", actor: inkoper, data: { besluitId: "IG-1", motivering: "Verbeterplan na cliëntenstop niet uitgevoerd.", termijn: { werkdagen: 10 } } };
  const akkoordOp = at("2028-03-03T10:00:00Z"); // vrijdag

  function ingebrekeGesteld(): ContractState {
    return apply(apply(gestart(), voorstel, at("2028-03-01T09:00:00Z")).state, verwerk("IG-1"), akkoordOp).state;
  }

  it("de termijn telt in werkdagen vanaf het besluit, met de kalender", () => {
    const s = ingebrekeGesteld();
    const einde = werkdagenTermEnd(akkoordOp, 10);
    expect(details(s).ingebrekestelling).toEqual({ besluitId: "IG-1", motivering: "Verbeterplan na cliëntenstop niet uitgevoerd.", termijnEinde: einde.toISOString(), status: "lopend" });
    expect(einde.toISOString()).toBe("2028-03-17T22:59:59.999Z");
    expect(volgendeMoment(s)).toEqual({ at: einde, soort: "einde-ingebrekestelling", command: { type: "EindeIngebrekestelling", actor: SYSTEEM, data: { besluitId: "IG-1" } } });
  });

  it("ontbinding voorstellen terwijl de termijn loopt wordt geweigerd (409)", () =>
    expect(decideContract(ingebrekeGesteld(), { type: "ProposeOntbinding", actor: inkoper, data: { besluitId: "ONT-1", motivering: "Geen verbetering zichtbaar in de rapportages." } }, at("2028-03-10T09:00:00Z"))).toMatchObject({
      status: 409,
    }));

  it("zonder verbetering: termijn verstrijkt, ontbinding voorgesteld aan de programmadirecteur, na akkoord ontbonden", () => {
    let s = ingebrekeGesteld();
    const m = volgendeMoment(s)!;
    expect(decideContract(s, m.command, at("2028-03-17T22:00:00Z"))).toMatchObject({ status: 409, refused: "NogNietGesloten" });
    const verstreken = apply(s, m.command, m.at);
    expect(verstreken.events).toEqual([{ type: "IngebrekestellingVerstreken", data: { besluitId: "IG-1", termijnEinde: "2028-03-17T22:59:59.999Z" } }]);
    s = verstreken.state;
    const voorgesteld = apply(s, { type: "ProposeOntbinding", actor: inkoper, data: { besluitId: "ONT-1", motivering: "De termijn is verstreken zonder verbetering." } }, at("2028-03-20T09:00:00Z"));
    expect(voorgesteld.events).toMatchObject([{ type: "OntbindingVoorgesteld", data: { besluitId: "ONT-1", grond: "termijn-ingebrekestelling-verstreken", authority: "programmadirecteur", besluitType: "ontbinding" } }]);
    const ontbonden = apply(voorgesteld.state, verwerk("ONT-1", true, directeur), at("2028-03-25T10:00:00Z"));
    expect(ontbonden.events).toEqual([{ type: "ContractOntbonden", data: { besluitId: "ONT-1", motivering: "De termijn is verstreken zonder verbetering.", perDatum: "2028-03-26" } }]);
    expect(ontbonden.state.status).toBe("ontbonden");
    expect(volgendeMoment(ontbonden.state)).toBeNull();
  });

  it("verbeterd: de inkoper sluit de ingebrekestelling af, ook voor het einde van de termijn", () => {
    const r = apply(ingebrekeGesteld(), { type: "RecordVerbetering", actor: inkoper, data: { motivering: "Verbeterplan uitgevoerd, audit zonder bevindingen." } }, at("2028-03-10T09:00:00Z"));
    expect(r.events).toMatchObject([{ type: "IngebrekestellingAfgerond", data: { besluitId: "IG-1", uitkomst: "verbeterd" } }]);
    expect(volgendeMoment(r.state)?.soort).toBe("verlengingssignaal");
  });

  it("een termijn als tijdstip; een ongeldig tijdstip noemt het veld", () => {
    const expl = apply(gestart(), { ...voorstel, data: { ...voorstel.data, termijn: { einde: "2028-04-01T17:00:00+02:00" } } } as ContractCommand, at("2028-03-01T09:00:00Z"));
    expect(apply(expl.state, verwerk("IG-1"), akkoordOp).events).toMatchObject([{ type: "IngebrekeGesteld", data: { termijnEinde: "2028-04-01T15:00:00.000Z" } }]);
    expect(decideContract(gestart(), { ...voorstel, data: { ...voorstel.data, termijn: { einde: "1 april" } } } as ContractCommand, at("2028-03-01T09:00:00Z"))).toMatchObject({ status: 400, veld: "termijn.einde" });
    expect(decideContract(gestart(), { ...voorstel, data: { ...voorstel.data, termijn: { werkdagen: 0 } } } as ContractCommand, at("2028-03-01T09:00:00Z"))).toMatchObject({ status: 400, veld: "termijn.werkdagen" });
  });

  it("een expliciete termijn die al verstreken is wanneer het besluit valt, laat het voorstel vervallen", () => {
    const expl = apply(gestart(), { ...voorstel, data: { ...voorstel.data, termijn: { einde: "2028-03-05T17:00:00+01:00" } } } as ContractCommand, at("2028-03-01T09:00:00Z"));
    expect(typesOf(apply(expl.state, verwerk("IG-1"), at("2028-03-06T09:00:00Z")).events)).toEqual(["VoorstelVervallen"]);
  });

  it("ontbinding zonder ingebrekestelling heeft als grond: geen zicht op verbetering", () =>
    expect(decideContract(gestart(), { type: "ProposeOntbinding", actor: inkoper, data: { besluitId: "ONT-2", motivering: "Ernstige structurele tekortkomingen zonder perspectief." } }, at("2028-03-01T09:00:00Z"))).toMatchObject([
      { type: "OntbindingVoorgesteld", data: { grond: "geen-zicht-op-verbetering" } },
    ]));

  it("een voorstel op een contract dat intussen is afgelopen, vervalt bij akkoord", () => {
    const s = apply(gestart({ contractId: "hoog-specialistisch-jeugd" }), stop, at("2030-12-01T09:00:00Z")).state;
    const afgelopen = apply(s, { type: "EindeTermijn", actor: SYSTEEM, data: { termijnNr: 1 } }, at("2031-01-01T00:00:00+01:00")).state;
    expect(typesOf(apply(afgelopen, verwerk("CS-1"), at("2031-01-05T09:00:00Z")).events)).toEqual(["VoorstelVervallen"]);
  });
});
