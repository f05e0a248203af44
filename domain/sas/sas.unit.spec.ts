import { findContract } from "../catalogue";
import type { Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import { isRefusal, type Refusal } from "../shared/refusal";
import { decideSas, geselecteerd, type SasCommand, type SasContext } from "./decide";
import { sasOpzetFor, type SasOpzet } from "./opzet";
import { gegundPerceel } from "./percelen";
import { evolveSas, initialSasState, type SasEvent, type SasState } from "./sas";
import { rangschik, selecteer, zichtbaarVoor, type ConsensusScore, type IndividueleScore } from "./scoring";
import { standstillEinde } from "./standstill";

const hs = findContract("hoog-specialistisch-jeugd")!;
const wmo = findContract("wonen-wmo")!;
const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const inkoper2: Actor = { rol: "inkoper", id: "i.devries" };
const b1: Actor = { rol: "beoordelaar", id: "b.een" };
const b2: Actor = { rol: "beoordelaar", id: "b.twee" };
const SYS: Actor = { rol: "systeem", id: "systeem" };
const toegelaten: Uitkomst = { soort: "toegelaten", toegelatenProducten: ["x"], nietToegelaten: [], redenen: [], naHoorEnWederhoor: false, toelichting: "Voldoet." };
const afgewezen: Uitkomst = { soort: "afgewezen", toegelatenProducten: [], nietToegelaten: [], redenen: [], naHoorEnWederhoor: true, toelichting: "Voldoet niet aan TC04 (VOG)." };

function hsOpzet(maxKandidaten = 2): SasOpzet {
  const o = sasOpzetFor(hs, {
    percelen: [{ maxKandidaten, selectiecriteria: [{ naam: "Aanbod in de regio", gewicht: 60 }, { naam: "Visie op samenwerking", gewicht: 40 }] }],
  });
  if (isRefusal(o)) throw new Error(o.melding);
  return o;
}

const consensus = (kvk: string, criterium: string, score: number, ronde: "selectie" | "gunning" = "selectie", perceel = hs.id): ConsensusScore => ({
  ronde,
  kvk,
  perceel,
  criterium,
  score,
  motivering: "consensus na bespreking",
  door: "i.jansen",
  at: "2027-01-01T00:00:00Z",
  individueel: [],
});

describe("SAS: opzet tegen de catalogus", () => {
  it("Hoog-specialistisch: één perceel, de vier gunningscriteria van 6.5.1 zonder gewicht (het BOSD weegt)", () => {
    const o = hsOpzet();
    expect(o.percelen).toHaveLength(1);
    expect(o.percelen[0]!.gunningscriteria.map((c) => c.naam)).toEqual(hs.gunningscriteria);
    expect(o.percelen[0]!.gunningscriteria.every((c) => c.gewicht === null)).toBe(true);
    expect(o.gunningssystematiekDoorBosd).toBe(true);
    expect(o.instellingen.standstillKalenderdagen).toBe(20);
  });

  it("weigert eigen gunningscriteria voor Hoog-specialistisch en eist ze voor Wonen Wmo, per perceel", () => {
    const eigen = sasOpzetFor(hs, { percelen: [{ maxKandidaten: 4, selectiecriteria: [{ naam: "Aanbod", gewicht: 1 }], gunningscriteria: [{ naam: "Prijs", gewicht: 1 }] }] });
    expect((eigen as Refusal).melding).toMatch(/BOSD/);
    const zonder = sasOpzetFor(wmo, { percelen: [{ perceel: "kernpartners", maxKandidaten: 4, selectiecriteria: [{ naam: "Aanbod", gewicht: 1 }] }] });
    expect((zonder as Refusal).melding).toMatch(/geen gunningscriteria/);
    const half = sasOpzetFor(wmo, {
      percelen: [{ perceel: "kernpartners", maxKandidaten: 4, selectiecriteria: [{ naam: "Aanbod", gewicht: 1 }], gunningscriteria: [{ naam: "Kwaliteit", gewicht: 1 }] }],
    });
    expect((half as Refusal).melding).toMatch(/mist perceel 'niet-kernpartners'/);
  });
});

describe("SAS: rangschikking, grens en gelijke stand", () => {
  const criteria = [
    { code: "S1", naam: "Aanbod", gewicht: 60 },
    { code: "S2", naam: "Visie", gewicht: 40 },
  ];

  it("rangschikt op het gewogen gemiddelde van de consensusscores", () => {
    const c = [consensus("A", "S1", 8), consensus("A", "S2", 5), consensus("B", "S1", 6), consensus("B", "S2", 9)];
    const r = rangschik(["A", "B"], hs.id, "selectie", criteria, c, {});
    expect(r.map((x) => [x.kvk, x.totaal])).toEqual([
      ["A", 6.8],
      ["B", 7.2],
    ].sort((a, b) => (b[1] as number) - (a[1] as number)));
  });

  it("bij gelijk totaal wint het zwaarst wegende criterium, daarna beslist het lot", () => {
    // A and B both total 7: A scores higher on S1 (heavier). C and D are equal everywhere: the lot decides.
    const c = [consensus("A", "S1", 8), consensus("A", "S2", 5.5), consensus("B", "S1", 7), consensus("B", "S2", 7), consensus("C", "S1", 5), consensus("C", "S2", 5), consensus("D", "S1", 5), consensus("D", "S2", 5)];
    const r = rangschik(["D", "C", "B", "A"], hs.id, "selectie", criteria, c, { C: 0.2, D: 0.9 });
    expect(r.map((x) => x.kvk)).toEqual(["A", "B", "D", "C"]);
    expect(r[0]!.beslistDoor).toEqual({ soort: "criterium", criterium: "S1" });
    expect(r[2]!.beslistDoor).toEqual({ soort: "loting", lot: 0.9 });
    const sel = selecteer(r, 3);
    expect(sel.geselecteerd.map((x) => x.kvk)).toEqual(["A", "B", "D"]);
    expect(sel.grensDoorGelijkeStand).toBe(true);
    expect(selecteer(r, 2).grensDoorGelijkeStand).toBe(false);
  });

  it("houdt een minimumscore aan bij de gunning", () => {
    const c = [consensus("A", "S1", 8), consensus("A", "S2", 8), consensus("B", "S1", 3), consensus("B", "S2", 3)];
    const r = rangschik(["A", "B"], hs.id, "selectie", criteria, c, {});
    expect(selecteer(r, 10, 5.5).geselecteerd.map((x) => x.kvk)).toEqual(["A"]);
  });

  it("een beoordelaar ziet andermans scores pas na zijn eigen score (zelfstandig eerst)", () => {
    const item = { ronde: "selectie" as const, kvk: "A", perceel: hs.id, criterium: "S1" };
    const scores: IndividueleScore[] = [{ ...item, beoordelaar: "b.een", score: 7, motivering: "goed aanbod in de regio", at: "" }];
    expect(zichtbaarVoor(scores, [], b2)).toEqual([]);
    expect(zichtbaarVoor(scores, [], b1)).toHaveLength(1);
    expect(zichtbaarVoor([...scores, { ...item, beoordelaar: "b.twee", score: 6, motivering: "redelijk aanbod", at: "" }], [], b2)).toHaveLength(2);
    expect(zichtbaarVoor(scores, [], inkoper)).toHaveLength(1);
  });
});

describe("SAS: Wonen Wmo, de kernpartnerregel (6.7.1)", () => {
  it("wie in beide percelen wint, krijgt gegund als kernpartner; de anderen hun ene perceel", () => {
    expect(gegundPerceel({ kernpartners: ["A", "B"], "niet-kernpartners": ["A", "C"] }, wmo.percelen)).toEqual({ A: "kernpartners", B: "kernpartners", C: "niet-kernpartners" });
  });
  it("zonder percelen (Hoog-specialistisch) is het perceel het contract zelf", () => {
    expect(gegundPerceel({ [hs.id]: ["A"] }, null)).toEqual({ A: hs.id });
  });
});

describe("SAS: de opschortende termijn (20 kalenderdagen, Algemene termijnenwet)", () => {
  it("loopt tot het einde van de 20e dag na verzending", () => {
    // Sent Wednesday 3 March 2027: the 20th day is Tuesday 23 March.
    expect(standstillEinde(new Date("2027-03-03T10:00:00+01:00"), 20).toISOString()).toBe("2027-03-23T22:59:59.999Z");
  });
  it("eindigt op een zaterdag of feestdag: dan de volgende werkdag", () => {
    // Sent Sunday 7 March 2027: day 20 is Saturday 27 March; Easter Sunday and Monday follow → Tuesday 30 March.
    expect(standstillEinde(new Date("2027-03-07T12:00:00+01:00"), 20).toISOString()).toBe("2027-03-30T21:59:59.999Z");
    // Sent 7 April 2027: day 20 is Tuesday 27 April, Koningsdag → Wednesday 28 April.
    expect(standstillEinde(new Date("2027-04-07T12:00:00+02:00"), 20).toISOString()).toBe("2027-04-28T21:59:59.999Z");
  });
});

/** Runs commands through decide and evolve, as the procedure does, and answers the state. */
class Run {
  sas: SasState;
  uitkomsten: Record<string, Uitkomst> = {};
  besluitLopend = false;
  constructor(
    opzet: SasOpzet,
    readonly aanmelders: SasContext["aanmelders"],
  ) {
    this.sas = initialSasState(opzet);
  }
  ctx(): SasContext {
    return { sas: this.sas, aanmelders: this.aanmelders, uitkomsten: this.uitkomsten, besluitLopend: this.besluitLopend };
  }
  try(command: SasCommand, now = new Date("2027-02-01T10:00:00Z")): SasEvent[] | Refusal {
    return decideSas(this.ctx(), command, now);
  }
  do(command: SasCommand, now?: Date): SasEvent[] {
    const out = this.try(command, now);
    if (isRefusal(out)) throw new Error(`${command.type}: ${out.melding}`);
    for (const e of out) this.sas = evolveSas(this.sas, e);
    return out;
  }
}

describe("SAS: de procedure als regels, van selectie tot definitieve gunning", () => {
  const kvks = ["10000001", "10000002", "10000003"];
  it("weigert scoren vóór de selectiefase", () => {
    const run = new Run(hsOpzet(2), []);
    const r = run.try({ type: "GeefScore", actor: b1, data: { ronde: "selectie", kvk: "10000001", perceel: hs.id, criterium: "S1", score: 5, motivering: "te vroeg gescoord" } });
    expect((r as Refusal).status).toBe(409);
  });

  it("loopt de hele weg: knock-out, consensus na twee zelfstandige scores, selectie van 2, dialoog, vier ogen, bezwaar, definitief", () => {
    const run = new Run(
      hsOpzet(2),
      kvks.map((kvk) => ({ kvk, naam: `Zorg ${kvk}`, email: `${kvk}@example.org`, percelen: [hs.id] })),
    );
    run.sas = evolveSas(run.sas, { type: "SasSelectieGestart", data: { at: "2027-02-01T00:00:00Z" } });
    const [a, b, c] = kvks as [string, string, string];
    run.uitkomsten = { [a]: toegelaten, [b]: toegelaten };
    expect((run.try({ type: "ProposeSelectie", actor: inkoper, data: { besluitId: "SEL-1", toelichting: "Selectie volgens de criteria", loten: {} } }) as Refusal).melding).toMatch(/toets op de toelatingscriteria loopt nog/);
    run.uitkomsten[c] = afgewezen;
    // c failed a knock-out: it is no candidate for scoring.
    expect((run.try({ type: "GeefScore", actor: b1, data: { ronde: "selectie", kvk: c, perceel: hs.id, criterium: "S1", score: 5, motivering: "geen kandidaat" } }) as Refusal).status).toBe(404);
    const score = (actor: Actor, kvk: string, criterium: string, s: number) =>
      run.do({ type: "GeefScore", actor, data: { ronde: "selectie", kvk, perceel: hs.id, criterium, score: s, motivering: `score ${s} want onderbouwd` } });
    score(b1, a, "S1", 8);
    expect((run.try({ type: "StelConsensusVast", actor: inkoper, data: { ronde: "selectie", kvk: a, perceel: hs.id, criterium: "S1", score: 8, motivering: "eens na bespreking van beide scores" } }) as Refusal).melding).toMatch(/2 beoordelaars/);
    expect((run.try({ type: "GeefScore", actor: b1, data: { ronde: "selectie", kvk: a, perceel: hs.id, criterium: "S1", score: 11, motivering: "buiten de schaal" } }) as Refusal).veld).toBe("score");
    for (const [kvk, s1, s2] of [
      [a, 8, 6],
      [b, 7, 7],
    ] as const) {
      for (const [crit, s] of [
        ["S1", s1],
        ["S2", s2],
      ] as const) {
        if (!(kvk === a && crit === "S1")) score(b1, kvk, crit, s);
        score(b2, kvk, crit, s);
        run.do({ type: "StelConsensusVast", actor: inkoper, data: { ronde: "selectie", kvk, perceel: hs.id, criterium: crit, score: s, motivering: "eens na bespreking van beide scores" } });
      }
    }
    expect((run.try({ type: "GeefScore", actor: b1, data: { ronde: "selectie", kvk: a, perceel: hs.id, criterium: "S1", score: 2, motivering: "te laat gewijzigd" } }) as Refusal).melding).toMatch(/consensusscore al vastgesteld/);
    const [voorstel] = run.do({ type: "ProposeSelectie", actor: inkoper, data: { besluitId: "SEL-1", toelichting: "Selectie volgens de criteria", loten: {} } });
    expect(voorstel!.type).toBe("SasSelectieVoorgesteld");
    if (voorstel!.type !== "SasSelectieVoorgesteld") return;
    expect(voorstel.data.percelen[0]!.door).toEqual([a, b]);
    expect(voorstel.data.knockOuts).toEqual([{ kvk: c, percelen: [hs.id], toelichting: afgewezen.toelichting }]);
    run.do({ type: "RecordSelectieBesluit", actor: SYS, data: { besluitId: "SEL-1", akkoord: true, motivering: "akkoord" } });
    expect(run.sas.fase).toBe("dialoog");
    expect(geselecteerd(run.sas)).toEqual({ [a]: [hs.id], [b]: [hs.id] });

    // Dialoog: a session with each, a change for all; closing waits for the BOSD's gunningssystematiek.
    expect((run.try({ type: "RecordDialoogsessie", actor: inkoper, data: { kvk: c, datum: "2027-02-10", deelnemers: ["X"], verslag: "niet geselecteerd, dus geen sessie" } }) as Refusal).status).toBe(404);
    for (const kvk of [a, b]) run.do({ type: "RecordDialoogsessie", actor: inkoper, data: { kvk, datum: "2027-02-10", deelnemers: ["inkoper", "aanbieder"], verslag: "Verwijstafel besproken: bezetting en rol." } });
    run.do({ type: "PublishWijziging", actor: inkoper, data: { onderwerp: "Verwijstafel", wijziging: "De verwijstafel komt wekelijks bijeen in plaats van maandelijks." } });
    expect((run.try({ type: "SluitDialoog", actor: inkoper, data: { sluitingAt: "2027-03-01T12:00:00+01:00" } }) as Refusal).melding).toMatch(/BOSD/);
    run.do({ type: "RecordGunningssystematiekBesluit", actor: SYS, data: { besluitId: "GS-1", akkoord: true, motivering: "akkoord", wegingen: { [`${hs.id}:G1`]: 30, [`${hs.id}:G2`]: 30, [`${hs.id}:G3`]: 20, [`${hs.id}:G4`]: 20 }, schaal: { min: 1, max: 5 } } });
    run.do({ type: "SluitDialoog", actor: inkoper, data: { sluitingAt: "2027-03-01T12:00:00+01:00" } });

    // Final offers: only the selected, only before closing.
    const offer = (kvk: string) => ({
      type: "SubmitOfferte" as const,
      actor: { rol: "aanbieder" as const, id: kvk, kvk },
      data: { kvk, naam: `Zorg ${kvk}`, email: "x@example.org", percelen: [hs.id], antwoorden: ["G1", "G2", "G3", "G4"].map((criterium) => ({ perceel: hs.id, criterium, antwoord: "Ons antwoord" })), ontvangstbewijsId: "r", sha256: "h" },
    });
    expect((run.try(offer(c)) as Refusal).status).toBe(403);
    run.do(offer(a), new Date("2027-03-01T10:00:00+01:00"));
    expect((run.try(offer(b), new Date("2027-03-01T12:00:00+01:00")) as Refusal).melding).toMatch(/gesloten op .* niet aanvaard/);
    run.do({ type: "SluitOffertes", actor: SYS });
    // Opening: four eyes, two different people.
    expect((run.try({ type: "BevestigOpening", actor: b1 }) as Refusal).status).toBe(403);
    run.do({ type: "BevestigOpening", actor: inkoper });
    expect((run.try({ type: "BevestigOpening", actor: inkoper }) as Refusal).melding).toMatch(/al bevestigd/);
    const geopend = run.do({ type: "BevestigOpening", actor: inkoper2 });
    expect(geopend.map((e) => e.type)).toEqual(["SasOpeningBevestigd", "SasOffertesGeopend"]);
    expect(run.sas.fase).toBe("gunning");

    // Gunning on the BOSD's scale (1-5).
    expect((run.try({ type: "GeefScore", actor: b1, data: { ronde: "gunning", kvk: a, perceel: hs.id, criterium: "G1", score: 8, motivering: "buiten de schaal van het BOSD" } }) as Refusal).veld).toBe("score");
    for (const crit of ["G1", "G2", "G3", "G4"]) {
      for (const actor of [b1, b2]) run.do({ type: "GeefScore", actor, data: { ronde: "gunning", kvk: a, perceel: hs.id, criterium: crit, score: 4, motivering: "goed onderbouwd antwoord" } });
      run.do({ type: "StelConsensusVast", actor: b1, data: { ronde: "gunning", kvk: a, perceel: hs.id, criterium: crit, score: 4, motivering: "eens na bespreking van beide scores" } });
    }
    run.do({ type: "ProposeVoorlopigeGunning", actor: inkoper, data: { besluitId: "VG-1", toelichting: "Gunning op kwaliteit", loten: {} } });
    const sent = new Date("2027-03-10T09:00:00+01:00");
    run.do({ type: "RecordVoorlopigeGunningBesluit", actor: SYS, data: { besluitId: "VG-1", akkoord: true, motivering: "akkoord" } }, sent);
    expect(run.sas.fase).toBe("standstill");
    expect(run.sas.voorlopigeGunning!.standstillEinde).toBe("2027-03-30T21:59:59.999Z");

    // A bezwaar suspends; definitive gunning waits for its settlement and the end of the term.
    const aanbiederA: Actor = { rol: "aanbieder", id: a, kvk: a };
    run.do({ type: "DienBezwaarIn", actor: aanbiederA, data: { kvk: a, motivering: "De score op G3 is niet goed gemotiveerd." } }, new Date("2027-03-15T10:00:00+01:00"));
    expect(run.sas.fase).toBe("opgeschort");
    expect((run.try({ type: "ProposeDefinitieveGunning", actor: inkoper, data: { besluitId: "DG-1" } }, new Date("2027-04-02T10:00:00+02:00")) as Refusal).melding).toMatch(/opgeschort/);
    run.do({ type: "HandelBezwaarAf", actor: inkoper, data: { nr: 1, uitkomst: "ongegrond", motivering: "De motivering van G3 staat in het verslag van de consensus." } });
    expect(run.sas.fase).toBe("standstill");
    expect((run.try({ type: "ProposeDefinitieveGunning", actor: inkoper, data: { besluitId: "DG-1" } }, new Date("2027-03-30T10:00:00+02:00")) as Refusal).melding).toMatch(/loopt tot en met/);
    expect((run.try({ type: "DienBezwaarIn", actor: aanbiederA, data: { kvk: a, motivering: "Te laat ingediend bezwaar tegen de gunning." } }, new Date("2027-04-01T10:00:00+02:00")) as Refusal).status).toBe(409);
    run.do({ type: "ProposeDefinitieveGunning", actor: inkoper, data: { besluitId: "DG-1" } }, new Date("2027-04-01T10:00:00+02:00"));
    run.do({ type: "RecordDefinitieveGunningBesluit", actor: SYS, data: { besluitId: "DG-1", akkoord: true, motivering: "akkoord", gegund: { [a]: hs.id } } });
    expect(run.sas.fase).toBe("gegund");
  });

  it("een gegrond bezwaar zet de gunning terug naar het scoren", () => {
    const run = mkGunning();
    run.do({ type: "DienBezwaarIn", actor: { rol: "aanbieder", id: "10000001", kvk: "10000001" }, data: { kvk: "10000001", motivering: "De scores zijn verwisseld met een ander." } }, new Date("2027-03-11T10:00:00+01:00"));
    run.do({ type: "HandelBezwaarAf", actor: inkoper, data: { nr: 1, uitkomst: "gegrond", motivering: "Klopt: de scores worden opnieuw vastgesteld." } });
    expect(run.sas.fase).toBe("gunning");
    expect(run.sas.voorlopigeGunning).toBeUndefined();
  });

  function mkGunning(): Run {
    // A shortcut through the earlier phases: the state right after a voorlopige gunning.
    const run = new Run(hsOpzet(2), []);
    run.sas = {
      ...run.sas,
      fase: "standstill",
      offertes: { ...run.sas.offertes, ontvangen: [{ kvk: "10000001", naam: "A", email: "a@example.org", percelen: [hs.id], ontvangenOp: "", ontvangstbewijsId: "", sha256: "", antwoorden: [] }] },
      voorlopigeGunning: { besluitId: "VG", toelichting: "", loten: {}, percelen: [], voorgesteldOp: "", verzondenOp: "2027-03-10T08:00:00Z", standstillEinde: "2027-03-30T21:59:59.999Z" },
    };
    return run;
  }
});
