import { specification } from "../../test/specification";
import { AuthorityNamen } from "../catalogue";
import { roleOfAuthority } from "../besluit/besluit";
import { SYSTEEM } from "../shared/actor";
import { aanbiederVerlengingsbesluitDocument, citaat, verlengingsbesluitDocument } from "./documenten";
import { aanbieder, applyRonde, bosd, directeur, inkoper } from "./spec-helpers";
import {
  beslisserVan,
  decideRonde,
  evolveRonde,
  initialRondeState,
  rondeKey,
  uitkomstenVan,
  volgendeRondeMoment,
  type RondeCommand,
  type RondeEvent,
  type RondeState,
} from "./verlengingsronde";

const spec = specification({ initial: initialRondeState, evolve: evolveRonde, decide: decideRonde });
const at = (iso: string) => new Date(iso);
const A = "11111111";
const B = "22222222";
const aanbieders = [
  { kvk: A, naam: "Ondermaats BV" },
  { kvk: B, naam: "Goed Zorg BV" },
];

const open = (over: Partial<Extract<RondeCommand, { type: "OpenRound" }>["data"]> = {}): RondeCommand => ({
  type: "OpenRound",
  actor: inkoper,
  data: { contractId: "ambulant-jeugd", termijnEinde: "2029-12-31", contracten: aanbieders.map((a) => ({ ...a, ingangsdatum: "2027-01-01" })), ...over },
});
const weiger = (over: Partial<Extract<RondeCommand, { type: "ProposeWeigering" }>["data"]> = {}): RondeCommand => ({
  type: "ProposeWeigering",
  actor: inkoper,
  data: { kvk: A, reden: "geen-zorg-geleverd", motivering: "In 2028 en 2029 geen enkele declaratie in de regio.", actief: [A, B], ...over },
});
const hoorEinde = "2029-10-17T21:59:59.999Z";
const hoor: RondeCommand = { type: "StartHoorEnWederhoor", actor: inkoper, data: { kvk: A, termijnEinde: hoorEinde } };
const voorstel = (besluitId = "VERL-1"): RondeCommand => ({ type: "ProposeBesluit", actor: inkoper, data: { besluitId, motivering: "Algemeen verlengingsbesluit voor termijn 2 van Ambulant Jeugd." } });

/** Folds commands from an empty round, each at its instant. */
function ronde(steps: [RondeCommand, string][]): RondeState {
  return steps.reduce<RondeState>((s, [c, t]) => applyRonde(s, c, at(t)).state, initialRondeState);
}
function eventsOf(steps: [RondeCommand, string][]): RondeEvent[] {
  let s: RondeState = initialRondeState;
  const out: RondeEvent[] = [];
  for (const [c, t] of steps) {
    const r = applyRonde(s, c, at(t));
    s = r.state;
    out.push(...r.events);
  }
  return out;
}

const geopend: [RondeCommand, string] = [open(), "2029-10-01T08:00:00Z"];
const gehoord: [RondeCommand, string][] = [geopend, [weiger(), "2029-10-01T09:00:00Z"], [hoor, "2029-10-03T09:00:00Z"]];

describe("Verlengingsronde: openen", () => {
  it("opent binnen de aanlooptijd met de volgende termijn en het regime", () =>
    spec([], at("2029-10-01T08:00:00Z"))
      .when(open())
      .thenEvents(([e]) =>
        expect(e).toMatchObject({
          type: "RondeGeopend",
          data: { contractId: "ambulant-jeugd", termijnEinde: "2029-12-31", termijnNr: 1, volgendeTermijn: { nr: 2, start: "2030-01-01", eind: "2031-12-31" }, regime: "stilzwijgend", aanloopMaanden: 3, opent: "2029-10-01" },
        }),
      ));

  it("weigert te vroeg openen en noemt de datum waarop de ronde opent", () =>
    spec([], at("2029-09-30T21:59:59Z")).when(open()).thenRefused({ status: 409, refused: "NogNietOpen", veld: "termijnEinde", melding: expect.stringContaining("1 oktober 2029") as unknown as string }));

  it("met een aanlooptijd van 6 maanden opent de ronde op 1 juli", () => spec([], at("2029-07-01T08:00:00Z")).when(open({ aanloopMaanden: 6 })).thenEvents(([e]) => expect(e?.type).toBe("RondeGeopend")));

  it("weigert openen na het einde van de termijn", () =>
    spec([], at("2029-12-31T23:00:00Z")).when(open()).thenRefused({ status: 409, refused: "TermijnVerstreken" }));

  it("weigert een datum die geen termijneinde is, en de laatste termijn", () => {
    spec([], at("2029-10-01T08:00:00Z")).when(open({ termijnEinde: "2029-11-30" })).thenRefused({ status: 400, veld: "termijnEinde" });
    spec([], at("2036-10-01T08:00:00Z")).when(open({ termijnEinde: "2036-12-31" })).thenRefused({ status: 409, veld: "termijnEinde" });
  });

  it("weigert een aanbieder of beoordelaar als opener (403)", () => {
    spec([], at("2029-10-01T08:00:00Z")).when({ ...open(), actor: aanbieder(A) }).thenRefused({ status: 403, refused: "RolNietToegestaan" });
    spec([], at("2029-10-01T08:00:00Z")).when({ ...open(), actor: { rol: "beoordelaar", id: "b" } }).thenRefused({ status: 403 });
  });

  it("een tweede keer openen levert niets op", () => expect(decideRonde(ronde([geopend]), open(), at("2029-10-02T08:00:00Z"))).toEqual([]));

  it("de sleutel is contract + termijneinde", () => expect(rondeKey("ambulant-jeugd", "2029-12-31")).toBe("ambulant-jeugd/2029-12-31"));
});

describe("Verlengingsronde: weigering met hoor en wederhoor", () => {
  const s = ronde([geopend]);

  it("weigert een motivering korter dan 20 tekens (400, motivering)", () =>
    expect(decideRonde(s, weiger({ motivering: "Slecht." }), at("2029-10-02T08:00:00Z"))).toMatchObject({ status: 400, veld: "motivering" }));

  it("weigert een aanbieder zonder lopend contract (400, kvk)", () => {
    expect(decideRonde(s, weiger({ actief: [B] }), at("2029-10-02T08:00:00Z"))).toMatchObject({ status: 400, veld: "kvk" });
    expect(decideRonde(s, weiger({ kvk: "99999999", actief: [A, B, "99999999"] }), at("2029-10-02T08:00:00Z"))).toMatchObject({ status: 400, veld: "kvk" });
  });

  it("weigert een onbekende reden (400, reden)", () =>
    expect(decideRonde(s, weiger({ reden: "te-duur" as never }), at("2029-10-02T08:00:00Z"))).toMatchObject({ status: 400, veld: "reden" }));

  it("weigert een weigering door een aanbieder (403)", () => expect(decideRonde(s, { ...weiger(), actor: aanbieder(B) }, at("2029-10-02T08:00:00Z"))).toMatchObject({ status: 403 }));

  it("een hoortermijn moet eindigen voor het einde van de contracttermijn", () =>
    expect(decideRonde(ronde([geopend, [weiger(), "2029-10-01T09:00:00Z"]]), { ...hoor, data: { kvk: A, termijnEinde: "2030-01-05T12:00:00Z" } }, at("2029-10-02T08:00:00Z"))).toMatchObject({
      status: 400,
      veld: "termijnEinde",
    }));

  it("de aanbieder reageert alleen voor het einde van de hoortermijn, en alleen op de eigen weigering", () => {
    const h = ronde(gehoord);
    const reply: RondeCommand = { type: "ReplyHoor", actor: aanbieder(A), data: { toelichting: "Wij hebben wel zorg geleverd, zie bijlage." } };
    expect(decideRonde(h, reply, at("2029-10-17T21:59:59.999Z"))).toMatchObject({ status: 409, refused: "TermijnVerstreken" });
    expect(decideRonde(h, { ...reply, actor: aanbieder(B) }, at("2029-10-05T08:00:00Z"))).toMatchObject({ status: 409 });
    expect(decideRonde(h, reply, at("2029-10-05T08:00:00Z"))).toMatchObject([{ type: "HoorReactieOntvangen", data: { kvk: A } }]);
  });

  it("handhaven kan pas na reactie of verstrijken (409)", () =>
    expect(decideRonde(ronde(gehoord), { type: "ReassessWeigering", actor: inkoper, data: { kvk: A, besluit: "handhaven", motivering: "Geen zorg geleverd, weigering blijft." } }, at("2029-10-05T08:00:00Z"))).toMatchObject({
      status: 409,
    }));

  it("de wekker laat de hoortermijn verstrijken; zonder reactie staat de weigering", () => {
    const h = ronde(gehoord);
    const m = volgendeRondeMoment(h);
    expect(m).toEqual({ at: at(hoorEinde), soort: "einde-hoor", command: { type: "ExpireHoor", actor: SYSTEEM, data: { kvk: A } } });
    expect(decideRonde(h, m!.command, at("2029-10-17T21:00:00Z"))).toMatchObject({ status: 409, refused: "NogNietGesloten" });
    const verstreken = applyRonde(h, m!.command, m!.at).state;
    if (verstreken.status === "leeg") throw new Error();
    expect(uitkomstenVan(verstreken)).toEqual([
      { kvk: A, naam: "Ondermaats BV", uitkomst: "niet-verlengd", reden: "geen-zorg-geleverd", motivering: "In 2028 en 2029 geen enkele declaratie in de regio." },
      { kvk: B, naam: "Goed Zorg BV", uitkomst: "verlengd" },
    ]);
    expect(volgendeRondeMoment(verstreken)).toMatchObject({ soort: "einde-ronde", at: at("2029-12-31T23:00:00Z") });
  });

  it("intrekken met motivering: iedereen wordt verlengd", () => {
    const s2 = ronde([...gehoord, [{ type: "ReassessWeigering", actor: inkoper, data: { kvk: A, besluit: "intrekken", motivering: "De aanbieder toonde declaraties over 2029 aan." } }, "2029-10-05T08:00:00Z"]]);
    if (s2.status === "leeg") throw new Error();
    expect(uitkomstenVan(s2).every((u) => u.uitkomst === "verlengd")).toBe(true);
  });
});

describe("Verlengingsronde: besluit", () => {
  it("weigert het voorstel zolang een weigering niet gehoord en herbeoordeeld is (409, weigeringen)", () => {
    expect(decideRonde(ronde([geopend, [weiger(), "2029-10-01T09:00:00Z"]]), voorstel(), at("2029-10-02T08:00:00Z"))).toMatchObject({ status: 409, veld: "weigeringen" });
    expect(decideRonde(ronde(gehoord), voorstel(), at("2029-10-05T08:00:00Z"))).toMatchObject({ status: 409, veld: "weigeringen" });
    const gereageerd = ronde([...gehoord, [{ type: "ReplyHoor", actor: aanbieder(A), data: { toelichting: "Wel geleverd, zie bijlage." } }, "2029-10-05T08:00:00Z"], [{ type: "ExpireHoor", actor: SYSTEEM, data: { kvk: A } }, "2029-10-18T08:00:00Z"]]);
    // A reply must be weighed: reassessment is required even after the term.
    expect(decideRonde(gereageerd, voorstel(), at("2029-10-19T08:00:00Z"))).toMatchObject({ status: 409, veld: "weigeringen" });
  });

  const klaar: [RondeCommand, string][] = [...gehoord, [{ type: "ExpireHoor", actor: SYSTEEM, data: { kvk: A } }, "2029-10-18T08:00:00Z"], [voorstel(), "2029-10-20T08:00:00Z"]];

  it("legt het algemene verlengingsbesluit voor aan het bevoegd gezag voor verlenging (7.3: RWO)", () => {
    const e = eventsOf(klaar).at(-1);
    expect(e).toMatchObject({ type: "VerlengingsbesluitVoorgesteld", data: { besluitId: "VERL-1", besluitType: "verlenging", authority: "rwo", verlengd: [B], nietVerlengd: [{ kvk: A, reden: "geen-zorg-geleverd" }] } });
  });

  it("alleen het bevoegd gezag (of het systeem namens het besluit) beslist; de inkoper niet (403)", () => {
    const s = ronde(klaar);
    expect(roleOfAuthority.rwo).toBe(directeur.rol);
    expect(decideRonde(s, { type: "RecordBesluit", actor: inkoper, data: { besluitId: "VERL-1", akkoord: true, motivering: "" } }, at("2029-10-21T08:00:00Z"))).toMatchObject({ status: 403 });
    expect(decideRonde(s, { type: "RecordBesluit", actor: bosd, data: { besluitId: "VERL-1", akkoord: true, motivering: "" } }, at("2029-10-21T08:00:00Z"))).toMatchObject({ status: 403 });
    expect(decideRonde(s, { type: "RecordBesluit", actor: SYSTEEM, data: { besluitId: "VERL-1", akkoord: true, motivering: "" } }, at("2029-10-21T08:00:00Z"))).toHaveLength(2);
  });

  it("terugsturen vraagt een motivering; daarna is de ronde weer open en volgt een nieuw voorstel", () => {
    const s = ronde(klaar);
    expect(decideRonde(s, { type: "RecordBesluit", actor: directeur, data: { besluitId: "VERL-1", akkoord: false, motivering: "" } }, at("2029-10-21T08:00:00Z"))).toMatchObject({ status: 400, veld: "motivering" });
    const terug = applyRonde(s, { type: "RecordBesluit", actor: directeur, data: { besluitId: "VERL-1", akkoord: false, motivering: "Onderbouw de declaratiecijfers." } }, at("2029-10-21T08:00:00Z")).state;
    expect(terug.status).toBe("open");
    expect(decideRonde(terug, voorstel("VERL-1"), at("2029-10-22T08:00:00Z"))).toMatchObject({ status: 409, veld: "besluitId" });
    const opnieuw = applyRonde(terug, voorstel("VERL-2"), at("2029-10-22T08:00:00Z")).state;
    if (opnieuw.status === "leeg") throw new Error();
    expect(opnieuw.voorstellen.map((v) => [v.besluitId, v.status])).toEqual([
      ["VERL-1", "teruggestuurd"],
      ["VERL-2", "voorgelegd"],
    ]);
  });

  it("zolang het besluit voorligt, wijzigt niets aan de weigeringen (409)", () =>
    expect(decideRonde(ronde(klaar), weiger({ kvk: B }), at("2029-10-21T08:00:00Z"))).toMatchObject({ status: 409 }));

  it("na het einde van de termijn kan het besluit niet meer worden genomen; de ronde verloopt", () => {
    const s = ronde(klaar);
    expect(decideRonde(s, { type: "RecordBesluit", actor: directeur, data: { besluitId: "VERL-1", akkoord: true, motivering: "" } }, at("2030-01-02T08:00:00Z"))).toMatchObject({ status: 409, refused: "TermijnVerstreken" });
    expect(decideRonde(s, { type: "ExpireRonde", actor: SYSTEEM }, at("2029-12-31T23:00:00Z"))).toEqual([{ type: "RondeVerlopen", data: { termijnEinde: "2029-12-31" } }]);
  });

  it("Hoog-specialistisch: het voorstel vraagt de samenvatting van de evaluatie (400, evaluatie)", () => {
    const hs = ronde([[open({ contractId: "hoog-specialistisch-jeugd", termijnEinde: "2030-12-31" }), "2030-10-01T08:00:00Z"]]);
    expect(decideRonde(hs, voorstel(), at("2030-10-02T08:00:00Z"))).toMatchObject({ status: 400, veld: "evaluatie" });
    expect(
      decideRonde(hs, { type: "ProposeBesluit", actor: inkoper, data: { besluitId: "VERL-HS", motivering: "Verlenging met vier jaar na evaluatie.", evaluatie: "Gemeenten, verwijzers, ouders en aanbieders zijn positief." } }, at("2030-10-02T08:00:00Z")),
    ).toMatchObject([{ type: "VerlengingsbesluitVoorgesteld", data: { evaluatie: "Gemeenten, verwijzers, ouders en aanbieders zijn positief." } }]);
  });
});

describe("Verlengingsronde: documenten", () => {
  const s = ronde([...gehoord, [{ type: "ExpireHoor", actor: SYSTEEM, data: { kvk: A } }, "2029-10-18T08:00:00Z"]]);
  if (s.status === "leeg") throw new Error();
  const uitkomsten = uitkomstenVan(s);

  it("het algemene verlengingsbesluit noemt het bevoegd gezag RWO en wie geen verlenging krijgt", () => {
    const d = verlengingsbesluitDocument(s, { besluitId: "VERL-1", datum: "2029-10-20T08:00:00.000Z", auteur: inkoper, motivering: "Algemeen verlengingsbesluit." }, uitkomsten);
    expect(d.besluitType).toBe("verlenging");
    expect(d.data.kop.bevoegdGezag.naam).toBe(AuthorityNamen.rwo);
    expect(d.data.kop.bevoegdGezag.bron).toContain("7.3");
    expect(d.data.besluittekst).toBe(
      "De overeenkomsten Ambulant – Jeugd worden verlengd met termijn 2 (1 januari 2030 tot en met 31 december 2031) voor 1 aanbieder(s); 1 aanbieder(s) krijgen geen verlenging: Ondermaats BV (KvK 11111111).",
    );
  });

  it("het niet-verlengingsbesluit noemt de einddatum en zowel 5.3.4 als 5.2", () => {
    const d = aanbiederVerlengingsbesluitDocument(s, uitkomsten[0]!, { besluitId: "VERL-1-11111111", datum: "2029-11-01T08:00:00.000Z", auteur: directeur, krachtens: "VERL-1" });
    expect(d).toMatchObject({ besluitType: "niet-verlenging", titel: "Besluit niet-verlenging", bestandsnaam: "besluit-niet-verlenging-verl-1-11111111.pdf" });
    expect(d.data.besluittekst).toBe(
      "Uw overeenkomst Ambulant – Jeugd wordt niet verlengd en eindigt op 31 december 2029. U heeft binnen de termijn voor hoor en wederhoor (tot 17 oktober 2029 om 23:59) niet gereageerd.",
    );
    expect(d.data.motivering).toContain("5.3.4");
    expect(d.data.motivering).toContain("5.2");
    expect(d.data.kop.ontvanger).toEqual({ naam: "Ondermaats BV", kvk: A });
  });

  it("het verlengingsbesluit noemt de nieuwe termijn", () =>
    expect(aanbiederVerlengingsbesluitDocument(s, uitkomsten[1]!, { besluitId: "VERL-1-22222222", datum: "2029-11-01T08:00:00.000Z", auteur: directeur, krachtens: "VERL-1" }).data.besluittekst).toBe(
      "Uw overeenkomst Ambulant – Jeugd wordt verlengd met termijn 2: 1 januari 2030 tot en met 31 december 2031.",
    ));
});

describe("Verlengingsronde: contracten met verschillende ingangsdatums (issue 13)", () => {
  const C = "33333333";
  const contracten = [
    { kvk: A, naam: "Ondermaats BV", ingangsdatum: "2027-01-01" },
    { kvk: B, naam: "Goed Zorg BV", ingangsdatum: "2027-01-01" },
    { kvk: C, naam: "Later Gestart BV", ingangsdatum: "2027-03-01" },
  ];

  it("elke ronde neemt de contracten waarvan een termijn op dat einde afloopt, ongeacht de ingangsdatum", () => {
    spec([], at("2029-10-01T08:00:00Z"))
      .when(open({ contracten }))
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "RondeGeopend", data: { termijnEinde: "2029-12-31", termijnNr: 1, aanbieders: [{ kvk: A }, { kvk: B }] } }));
    spec([], at("2029-12-15T08:00:00Z"))
      .when(open({ contracten, termijnEinde: "2030-02-28" }))
      .thenEvents(([e]) =>
        expect(e).toMatchObject({ type: "RondeGeopend", data: { termijnEinde: "2030-02-28", termijnNr: 1, volgendeTermijn: { nr: 2, start: "2030-03-01", eind: "2032-02-29" }, aanbieders: [{ kvk: C, naam: "Later Gestart BV" }] } }),
      );
  });

  it("een einde waarop geen termijn afloopt noemt de lopende termijneinden, in het veld termijnEinde", () =>
    spec([], at("2029-12-15T08:00:00Z"))
      .when(open({ contracten, termijnEinde: "2030-01-31" }))
      .thenRefused({ status: 400, veld: "termijnEinde", melding: expect.stringMatching(/31 december 2029 \(2029-12-31\), 28 februari 2030 \(2030-02-28\)/) as unknown as string }));

  it("zonder lopend contract (zoals JeugdzorgPlus zonder contracten) noemt de weigering contractId, niet een ingangsdatum", () => {
    const zonder = decideRonde(initialRondeState, open({ contractId: "jeugdzorgplus", contracten: [] }), at("2029-10-01T08:00:00Z"));
    expect(zonder).toMatchObject({ status: 409, veld: "contractId", melding: "Er is geen aanbieder met een lopend contract JeugdzorgPlus." });
    const ongeldig = decideRonde(initialRondeState, open({ contracten: [{ kvk: A, naam: "X", ingangsdatum: "" }] }), at("2029-10-01T08:00:00Z"));
    expect(ongeldig).toMatchObject({ veld: "contractId" });
    expect(JSON.stringify(ongeldig)).not.toMatch(/ingangsdatum/i);
  });

  it("JeugdzorgPlus: contracten van verschillende jaren in dezelfde ronde", () =>
    spec([], at("2029-10-15T08:00:00Z"))
      .when(
        open({
          contractId: "jeugdzorgplus",
          contracten: [
            { kvk: A, naam: "Eerste", ingangsdatum: "2027-01-01" },
            { kvk: B, naam: "Tweede", ingangsdatum: "2028-01-01" },
          ],
        }),
      )
      .thenEvents(([e]) => expect(e).toMatchObject({ data: { termijnNr: 2, wijze: "besluit-vooraf", aanbieders: [{ kvk: A }, { kvk: B }] } })));
});

describe("Verlengingsronde: het besluit in de ronde (issue 13)", () => {
  const reactie: RondeCommand = { type: "ReplyHoor", actor: aanbieder(A), data: { toelichting: "Wij hebben in 2029 wel zorg geleverd, zie de bijgevoegde declaraties.", documenten: ["declaraties.pdf"] } };
  const handhaaf: RondeCommand = { type: "ReassessWeigering", actor: inkoper, data: { kvk: A, besluit: "handhaven", motivering: "De declaraties betreffen een andere regio; in Midden-Holland is geen zorg geleverd." } };
  const klaar: [RondeCommand, string][] = [...gehoord, [reactie, "2029-10-05T10:00:00Z"], [handhaaf, "2029-10-06T09:00:00Z"], [voorstel(), "2029-10-07T09:00:00Z"]];

  it("legt vast wie in het besluit beslist heeft, niet het systeem dat het doorgeeft", () => {
    const s = ronde([...klaar, [{ type: "RecordBesluit", actor: SYSTEEM, data: { besluitId: "VERL-1", akkoord: true, motivering: "", door: "p.directeur" } }, "2029-10-08T09:00:00Z"]]);
    expect(s).toMatchObject({ status: "vastgesteld", voorstellen: [{ status: "akkoord", beslissing: { akkoord: true, door: "p.directeur" } }] });
    expect(beslisserVan("p.directeur")).toEqual({ rol: roleOfAuthority.rwo, id: "p.directeur" });
    expect(beslisserVan(undefined)).toEqual(SYSTEEM);
    const viaBeslisser = ronde([...klaar, [{ type: "RecordBesluit", actor: beslisserVan("p.directeur"), data: { besluitId: "VERL-1", akkoord: true, motivering: "" } }, "2029-10-08T09:00:00Z"]]);
    expect(viaBeslisser).toMatchObject({ status: "vastgesteld", voorstellen: [{ beslissing: { door: "p.directeur" } }] });
  });

  it("het niet-verlengingsbesluit na een reactie citeert die reactie met datum en zegt waarom zij het besluit niet verandert", () => {
    const s = ronde([...klaar, [{ type: "RecordBesluit", actor: SYSTEEM, data: { besluitId: "VERL-1", akkoord: true, motivering: "", door: "p.directeur" } }, "2029-10-08T09:00:00Z"]]);
    if (s.status === "leeg") throw new Error();
    const nee = uitkomstenVan(s).find((u) => u.kvk === A)!;
    const d = aanbiederVerlengingsbesluitDocument(s, nee, { besluitId: "VERL-1-11111111", datum: "2029-10-08T09:00:00.000Z", auteur: SYSTEEM, krachtens: "VERL-1" });
    expect(d.data.besluittekst).toContain('U heeft op 5 oktober 2029 om 12:00 gereageerd op het voornemen (hoor en wederhoor): "Wij hebben in 2029 wel zorg geleverd, zie de bijgevoegde declaraties."');
    expect(d.data.besluittekst).toContain("Uw reactie verandert het besluit niet: De declaraties betreffen een andere regio");
    expect(d.data.motivering).toContain("Waarom uw reactie het besluit niet verandert");
    expect(d.data.motivering).toContain("U stuurde 1 document(en) mee.");
    expect(d.data.motivering).toContain("In 2028 en 2029 geen enkele declaratie in de regio.");
  });

  it("een lange reactie wordt ingekort op een woordgrens", () => expect(citaat(`${"woord ".repeat(100)}einde`, 40)).toBe("woord woord woord woord woord woord …"));
});
