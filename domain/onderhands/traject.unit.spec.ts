import { toelatingscriteria } from "../catalogue";
import type { Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import { isRefusal, type Refusal } from "../shared/refusal";
import { decideTraject, evolveTraject, geldendeOfferte, initialTrajectState, type TrajectCommand, type TrajectState } from "./traject";

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const SYS: Actor = { rol: "systeem", id: "systeem" };
const gi: Actor = { rol: "aanbieder", id: "gi", kvk: "41234567" };
const t0 = new Date("2027-02-01T09:00:00+01:00");
const deadline = "2027-02-15T12:00:00+01:00";

class Traject {
  state: TrajectState = initialTrajectState;
  try(c: TrajectCommand, now = t0) {
    return decideTraject(this.state, c, now);
  }
  do(c: TrajectCommand, now = t0) {
    const out = this.try(c, now);
    if (isRefusal(out)) throw new Error(`${c.type}: ${out.melding}`);
    for (const e of out) this.state = evolveTraject(this.state, e);
    return out;
  }
}

const start = (vraagtLandelijkTarief = true): TrajectCommand => ({
  type: "StartTraject",
  actor: inkoper,
  data: { procedureId: "jbjr-2027", contractId: "jb-jr", kvk: gi.kvk!, naam: "GI Midden-Holland", email: "gi@example.org", deadline, vraagtLandelijkTarief },
});
const antwoorden = (diensten: string[]) =>
  toelatingscriteria.flatMap((c) => (c.perProduct ? diensten.map((productId) => ({ criterium: c.code, productId, verklaring: "voldoet" as const, documentRef: `${c.code}.pdf` })) : [{ criterium: c.code, verklaring: "voldoet" as const, documentRef: `${c.code}.pdf` }]));
const toegelaten: Uitkomst = { soort: "toegelaten", toegelatenProducten: ["Ondertoezichtstelling"], nietToegelaten: [], redenen: [], naHoorEnWederhoor: false, toelichting: "Voldoet." };
const offerte = (over: Partial<Extract<TrajectCommand, { type: "DienOfferteIn" }>["data"]> = {}): TrajectCommand => ({
  type: "DienOfferteIn",
  actor: gi,
  data: {
    diensten: [{ naam: "Ondertoezichtstelling", tarief: 4210.5, eenheid: "jaar" }],
    landelijkTarief: { geaccepteerd: false, ingroeipad: [{ jaar: 2027, percentage: 90 }, { jaar: 2028, percentage: 100 }] },
    toelichting: "Wij groeien in twee jaar naar het landelijk tarief.",
    sha256: "h",
    antwoorden: antwoorden(["Ondertoezichtstelling"]),
    ...over,
  },
});

describe("onderhands inkooptraject (eigen traject per aanbieder, 6.1.1)", () => {
  it("van uitnodiging via twee gespreksrondes naar overeenstemming en gunning; elke versie blijft bewaard", () => {
    const t = new Traject();
    t.do(start());
    t.do(offerte());
    expect(t.state.status).toBe("ingediend");
    expect((t.try(offerte()) as Refusal).melding).toMatch(/volgt op een gespreksronde/);
    for (const nr of [1, 2]) {
      t.do({ type: "LegGespreksrondeVast", actor: inkoper, data: { datum: "2027-02-20", deelnemers: ["regio", "GI"], verslag: `Ronde ${nr}: ingroeipad en caseload besproken.` } });
      t.do(offerte({ toelichting: `Herziene offerte na ronde ${nr}.`, landelijkTarief: { geaccepteerd: nr === 2, ingroeipad: nr === 2 ? [] : [{ jaar: 2027, percentage: 95 }, { jaar: 2028, percentage: 100 }] } }));
    }
    if (t.state.status === "leeg") throw new Error("leeg");
    expect(t.state.offertes.map((o) => [o.versie, o.naRonde])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    expect(geldendeOfferte(t.state)?.landelijkTarief?.geaccepteerd).toBe(true);
    const vroeg = t.try({ type: "StelOvereenstemmingVoor", actor: inkoper, data: { besluitId: "OV-0", motivering: "Te vroeg: de toets loopt nog voor deze GI." } });
    expect((vroeg as Refusal).melding).toMatch(/toets op de toelatingscriteria loopt nog/);
    t.do({ type: "RecordToets", actor: SYS, data: { uitkomst: toegelaten } });
    t.do({ type: "StelOvereenstemmingVoor", actor: inkoper, data: { besluitId: "OV-1", motivering: "Overeenstemming over tarief en ingroeipad na twee rondes." } });
    t.do({ type: "RecordBesluit", actor: SYS, data: { besluitId: "OV-1", akkoord: true, motivering: "Akkoord." } });
    t.do({ type: "RecordGunning", actor: SYS, data: { besluitId: "GUN-1" } });
    expect(t.state.status).toBe("gegund");
  });

  it("zonder offerte vóór de termijn: verlopen; een te late offerte wordt geweigerd", () => {
    const t = new Traject();
    t.do(start());
    const laat = new Date("2027-02-15T12:00:00+01:00");
    expect((t.try(offerte(), laat) as Refusal).status).toBe(409);
    expect(t.try({ type: "DeadlineBereikt", actor: SYS }, new Date("2027-02-14T12:00:00+01:00"))).toEqual([]);
    t.do({ type: "DeadlineBereikt", actor: SYS }, laat);
    expect(t.state.status).toBe("verlopen");
  });

  it("eindigt zonder overeenstemming met een reden, als besluit; teruggestuurd gaat het traject verder", () => {
    const t = new Traject();
    t.do(start());
    t.do(offerte());
    t.do({ type: "StelBeeindigingVoor", actor: inkoper, data: { besluitId: "BE-1", reden: "geen-overeenstemming", motivering: "Het tarief ligt ver boven het landelijk tarief." } });
    expect((t.try({ type: "LegGespreksrondeVast", actor: inkoper, data: { datum: "2027-02-20", deelnemers: ["x"], verslag: "Tijdens een lopend besluit geen ronde." } }) as Refusal).status).toBe(409);
    t.do({ type: "RecordBesluit", actor: SYS, data: { besluitId: "BE-1", akkoord: false, motivering: "Eerst nog een gesprek." } });
    expect(t.state.status).toBe("ingediend");
    t.do({ type: "StelBeeindigingVoor", actor: inkoper, data: { besluitId: "BE-2", reden: "geen-overeenstemming", motivering: "Ook na het gesprek geen overeenstemming." } });
    t.do({ type: "RecordBesluit", actor: SYS, data: { besluitId: "BE-2", akkoord: true, motivering: "Akkoord." } });
    expect(t.state).toMatchObject({ status: "beeindigd", uitkomst: { soort: "beeindigd", reden: "geen-overeenstemming", besluitId: "BE-2" } });
  });

  it("JB/JR vraagt het landelijk tarief of een ingroeipad dat op 100% eindigt (6.1.3)", () => {
    const t = new Traject();
    t.do(start());
    const zonder = offerte();
    if (zonder.type !== "DienOfferteIn") throw new Error();
    const { landelijkTarief: _weg, ...rest } = zonder.data;
    expect((t.try({ ...zonder, data: rest }) as Refusal).veld).toBe("landelijkTarief");
    expect((t.try(offerte({ landelijkTarief: { geaccepteerd: false, ingroeipad: [] } })) as Refusal).veld).toBe("landelijkTarief.ingroeipad");
    expect((t.try(offerte({ landelijkTarief: { geaccepteerd: false, ingroeipad: [{ jaar: 2027, percentage: 90 }] } })) as Refusal).melding).toMatch(/100%/);
    expect((t.try(offerte({ diensten: [{ naam: "OTS", tarief: 0, eenheid: "jaar" }] })) as Refusal).veld).toBe("diensten.0");
    expect((t.try(offerte({ antwoorden: undefined })) as Refusal).veld).toBe("antwoorden");
    expect((t.try(offerte({ antwoorden: antwoorden(["Iets anders"]) })) as Refusal).status).toBe(400);
  });

  it("alleen de uitgenodigde aanbieder doet een offerte; de inkoper legt rondes vast", () => {
    const t = new Traject();
    t.do(start(false));
    expect((t.try({ ...offerte(), actor: { rol: "aanbieder", id: "x", kvk: "99999999" } }) as Refusal).status).toBe(403);
    expect((t.try({ ...offerte(), actor: inkoper }) as Refusal).status).toBe(403);
    expect(isRefusal(t.try(offerte({ landelijkTarief: undefined })))).toBe(false);
  });
});
