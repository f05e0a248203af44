import type { AanbiederProfiel } from "../aanbieder/aanbieder";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { specification } from "../../test/specification";
import type { Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import { isRefusal } from "../shared/refusal";
import { decide, type ProcedureCommand } from "./decide";
import { evolve, initialProcedureState, type Arrival, type ProcedureEvent, type ProcedureState, type ProcesVerbaal } from "./procedure";

const spec = specification({ initial: initialProcedureState, evolve, decide });

/** The state after the given events and the events the command yields (fails the test on a refusal). */
function stateAfter(given: ProcedureEvent[], command: ProcedureCommand, now: Date): ProcedureState {
  const state = given.reduce(evolve, initialProcedureState);
  const outcome = decide(state, command, now);
  if (isRefusal(outcome)) throw new Error(`verwacht: events, kreeg weigering: ${outcome.melding}`);
  return outcome.reduce(evolve, state);
}

function live(state: ProcedureState): Exclude<ProcedureState, { status: "leeg" }> {
  if (state.status === "leeg") throw new Error("procedure bestaat niet");
  return state;
}

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const systeem: Actor = { rol: "systeem", id: "inkoop" };
const kvk = "12345678";
const aanbiederActor: Actor = { rol: "aanbieder", id: "zorg-bv", kvk };
const profiel: AanbiederProfiel = { kvk, naam: "Zorg BV", email: "info@zorg.example", geregistreerdOp: "2026-01-01T00:00:00.000Z" };
const kvkB = "87654321";
const aanbiederB: Actor = { rol: "aanbieder", id: "jeugd-bv", kvk: kvkB };
const profielB: AanbiederProfiel = { kvk: kvkB, naam: "Jeugd BV", email: "info@jeugd.example", geregistreerdOp: "2026-01-01T00:00:00.000Z" };

const publicatie = "2026-03-01T08:00:00.000Z";
const sluiting = "2026-04-01T10:00:00.000Z";
const producten = offeredProducts("ambulant-jeugd");
const before = new Date("2026-03-15T12:00:00Z");
const afterClosing = new Date("2026-04-20T09:00:00Z");

const created: ProcedureEvent = {
  type: "ProcedureCreated",
  data: {
    procedureId: "oh-ambulant",
    contractId: "ambulant-jeugd",
    procedureType: "open-house-zonder-toetreding",
    titel: "Open House Ambulant Jeugd 2027",
    publicatieAt: publicatie,
    sluitingAt: sluiting,
    vragenTot: sluiting,
    producten,
    instellingen: { aantalBeoordelaarsPerCriterium: 1, hoorEnWederhoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
  },
};
const published: ProcedureEvent = { type: "ProcedurePublished", data: { gepubliceerdOp: "2026-03-01T08:00:00.000Z" } };
const ronde1: ProcedureEvent = { type: "RondeGeopend", data: { nr: 1, soort: "initieel", producten, publicatieAt: publicatie, sluitingAt: sluiting } };
const open: ProcedureEvent[] = [created, published, ronde1];

const arrival = (over: Partial<Arrival> = {}): Arrival => ({
  volgnummer: 1,
  ronde: 1,
  inschrijvingId: `oh-ambulant/${over.kvk ?? kvk}`,
  kvk,
  naam: "Zorg BV",
  email: "info@zorg.example",
  ontvangenOp: before.toISOString(),
  ontvangstbewijsId: "ob-1",
  sha256: "ab",
  producten,
  ...over,
});
const received = (over: Partial<Arrival> = {}): ProcedureEvent => ({ type: "InschrijvingReceived", data: arrival(over) });

const procesVerbaal = (ronde: number): ProcesVerbaal => ({
  procedureId: "oh-ambulant",
  titel: "Open House Ambulant Jeugd 2027",
  contract: { id: "ambulant-jeugd", naam: "Ambulant – Jeugd", sectie: "6.8" },
  ronde,
  publicatieAt: publicatie,
  sluitingAt: sluiting,
  opgemaaktOp: sluiting,
  aantal: 0,
  inschrijvingen: [],
  verklaring: "test",
});
const closed = (ronde = 1, geslotenOp = sluiting): ProcedureEvent => ({ type: "ProcedureClosed", data: { geslotenOp, ronde, procesVerbaal: procesVerbaal(ronde) } });

const toegelaten = (p: string[] = producten.slice(0, 2)): Uitkomst => ({
  soort: "toegelaten",
  toegelatenProducten: p,
  nietToegelaten: [],
  redenen: [],
  naHoorEnWederhoor: false,
  toelichting: "Voldoet aan alle criteria.",
});
const afgewezen: Uitkomst = {
  soort: "afgewezen",
  toegelatenProducten: [],
  nietToegelaten: [],
  redenen: [{ item: "TC04", criterium: "TC04", motivering: "Negatief eigen vermogen." }],
  naHoorEnWederhoor: true,
  toelichting: "Knock-out.",
};
const uitkomst = (k: string, u: Uitkomst, ronde = 1): ProcedureEvent => ({ type: "UitkomstOntvangen", data: { ronde, kvk: k, uitkomst: u } });

const submit = (over: Partial<Extract<ProcedureCommand, { type: "SubmitInschrijving" }>["data"]> = {}, actor = aanbiederActor): ProcedureCommand => ({
  type: "SubmitInschrijving",
  actor,
  data: {
    aanbieder: profiel,
    ontbonden: false,
    kvk,
    inschrijving: completeInschrijving(producten.slice(0, 2)),
    ontvangstbewijsId: "ob-1",
    sha256: "ab".repeat(32),
    ...over,
  },
});

describe("Open House: aanmaken", () => {
  const create = (over: Record<string, unknown> = {}): ProcedureCommand => ({
    type: "CreateProcedure",
    actor: inkoper,
    data: { id: "oh-ambulant", contractId: "ambulant-jeugd", titel: "Open House Ambulant Jeugd 2027", publicatieAt: publicatie, sluitingAt: sluiting, ...over },
  });

  it("maakt een concept met de producten die de oplegger niet stopt", () =>
    spec([], new Date("2026-02-01T00:00:00Z"))
      .when(create())
      .then([created]));

  it("weigert een onbekend contract en noemt het veld", () =>
    spec([]).when(create({ contractId: "bestaat-niet" })).thenRefused({ status: 400, veld: "contractId", refused: "OnbekendContract" }));

  it("weigert een contract dat niet via Open House of SAS loopt (JeugdzorgPlus, onderhands)", () =>
    spec([]).when(create({ contractId: "jeugdzorgplus" })).thenRefused({ status: 400, veld: "contractId", refused: "GeenOpenHouse" }));

  it("vraagt voor een SAS de opzet per perceel (Hoog-specialistisch)", () =>
    spec([]).when(create({ contractId: "hoog-specialistisch-jeugd", producten: undefined })).thenRefused({ status: 400, veld: "sas" }));

  it("weigert een sluiting vóór de publicatie", () =>
    spec([]).when(create({ sluitingAt: "2026-02-01T00:00:00Z" })).thenRefused({ status: 400, veld: "sluitingAt" }));

  it("weigert een product van een ander contract", () =>
    spec([]).when(create({ producten: [offeredProducts("hulp-bij-huishouden")[0]] })).thenRefused({ status: 400, veld: "producten.0" }));

  it("weigert een tweede aanmaak met dezelfde id", () => spec([created]).when(create()).thenRefused({ status: 409, refused: "BestaatAl" }));

  it("weigert een aanbieder die een procedure wil aanmaken", () =>
    spec([]).when({ ...create(), actor: aanbiederActor }).thenRefused({ status: 403, refused: "RolNietToegestaan" }));

  it("weigert een vragentermijn na de sluiting", () =>
    spec([], new Date("2026-02-01T00:00:00Z"))
      .when(create({ vragenTot: "2026-04-02T00:00:00Z" }))
      .thenRefused({ status: 400, veld: "vragenTot" }));
});

describe("Open House: publiceren", () => {
  it("publiceert en opent de eerste ronde met de producten van de procedure", () =>
    spec([created], new Date(publicatie))
      .when({ type: "PublishProcedure", actor: inkoper })
      .then([published, ronde1]));

  it("publiceert een tweede keer niet opnieuw", () => spec(open, before).when({ type: "PublishProcedure", actor: inkoper }).thenNothing());
});

describe("Open House: inschrijven", () => {
  it("ontvangt een volledige inschrijving vóór de sluiting met het tijdstip van ontvangst", () =>
    spec(open, before)
      .when(submit())
      .thenEvents((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: "InschrijvingReceived",
          data: { volgnummer: 1, ronde: 1, inschrijvingId: `oh-ambulant/${kvk}`, kvk, email: "info@zorg.example", ontvangenOp: before.toISOString() },
        });
      }));

  it("weigert op het sluitingstijdstip zelf met 409 en een Nederlandse reden", () =>
    spec(open, new Date(sluiting))
      .when(submit())
      .thenRefused({ status: 409, refused: "TermijnVerstreken", melding: expect.stringContaining("gesloten") }));

  it("weigert vóór publicatie", () => spec([created], before).when(submit()).thenRefused({ status: 409, refused: "NietGepubliceerd" }));

  it("weigert een tweede inschrijving van hetzelfde KvK-nummer", () =>
    spec([...open, received()], before)
      .when(submit())
      .thenRefused({ status: 409, refused: "AlIngeschreven" }));

  it("weigert een onbekende aanbieder (niet geregistreerd KvK-nummer)", () =>
    spec(open, before).when(submit({ aanbieder: null })).thenRefused({ status: 400, veld: "kvk", refused: "OnbekendeAanbieder" }));

  it("weigert inschrijven voor een ander KvK-nummer", () =>
    spec(open, before).when(submit({ kvk: "87654321" })).thenRefused({ status: 403, veld: "kvk" }));

  it("weigert een product buiten het contract en noemt het veld", () => {
    const inschrijving = completeInschrijving([producten[0]!]);
    inschrijving.producten.push(offeredProducts("wonen-jeugd")[0]!);
    spec(open, before).when(submit({ inschrijving })).thenRefused({ status: 400, veld: "producten.1", refused: "OnbekendProduct" });
  });

  it("weigert een ontbrekend antwoord op een criterium en noemt het criterium", () => {
    const inschrijving = completeInschrijving([producten[0]!]);
    inschrijving.antwoorden = inschrijving.antwoorden.filter((a) => a.criterium !== "TC03");
    spec(open, before).when(submit({ inschrijving })).thenRefused({ status: 400, veld: "antwoorden.TC03", refused: "OntbrekendAntwoord" });
  });

  it("vraagt ervaring (TC02) en bekwaam personeel (TC07) per gekozen product", () => {
    const inschrijving = completeInschrijving(producten.slice(0, 2));
    inschrijving.antwoorden = inschrijving.antwoorden.filter((a) => !(a.criterium === "TC07" && a.productId === producten[1]));
    spec(open, before)
      .when(submit({ inschrijving }))
      .thenRefused({ status: 400, veld: `antwoorden.TC07.${producten[1]}` });
  });

  it("aanvaardt de vrijstelling van TC09 voor een micro-onderneming", () =>
    spec(open, before)
      .when(submit({ inschrijving: completeInschrijving(producten.slice(0, 1), { vrijgesteldVan9: true }) }))
      .thenEvents((events) => expect(events[0]?.type).toBe("InschrijvingReceived")));

  it("weigert een vrijstelling voor een criterium zonder vrijstelling", () => {
    const inschrijving = completeInschrijving(producten.slice(0, 1));
    const i = inschrijving.antwoorden.findIndex((a) => a.criterium === "TC10");
    inschrijving.antwoorden[i] = { criterium: "TC10", verklaring: "vrijgesteld", vrijstelling: "micro-onderneming" };
    spec(open, before).when(submit({ inschrijving })).thenRefused({ status: 400, veld: `antwoorden.${i}.verklaring` });
  });
});

describe("Open House: sluiten", () => {
  it("sluit niet vóór het sluitingstijdstip", () =>
    spec(open, before).when({ type: "CloseProcedure", actor: systeem }).thenRefused({ status: 409, refused: "NogNietGesloten" }));

  it("maakt bij sluiting een proces-verbaal met wat binnenkwam en wanneer", () => {
    const a = arrival({ sha256: "ab" });
    spec([...open, { type: "InschrijvingReceived", data: a }], new Date(sluiting))
      .when({ type: "CloseProcedure", actor: systeem })
      .thenEvents(([c]) => {
        expect(c?.type).toBe("ProcedureClosed");
        if (c?.type !== "ProcedureClosed") return;
        expect(c.data.ronde).toBe(1);
        expect(c.data.procesVerbaal).toMatchObject({ procedureId: "oh-ambulant", ronde: 1, aantal: 1, inschrijvingen: [a], sluitingAt: sluiting });
        expect(c.data.procesVerbaal.contract.sectie).toBe("6.8");
      });
  });

  it("sluit een tweede keer niet opnieuw", () =>
    spec([...open, closed()], new Date(sluiting))
      .when({ type: "CloseProcedure", actor: systeem })
      .thenNothing());

  it("laat alleen het systeem sluiten", () =>
    spec(open, new Date(sluiting)).when({ type: "CloseProcedure", actor: inkoper }).thenRefused({ status: 403 }));
});

describe("Open House: opening met vier ogen (issue 13)", () => {
  const a = arrival({ sha256: "ab" });
  const sluitNu = new Date(sluiting);
  const gesloten = stateAfter([...open, { type: "InschrijvingReceived", data: a }], { type: "CloseProcedure", actor: systeem, data: { vierOgen: true } }, sluitNu);
  const opening = (actor: Actor, state = gesloten, now = new Date("2026-04-01T11:00:00Z")) => decide(state, { type: "BevestigOpening", actor }, now);
  const tweedeInkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };

  it("sluit voor inschrijvingen maar houdt de inhoud en de namen verzegeld: het proces-verbaal volgt bij de opening", () => {
    spec([...open, { type: "InschrijvingReceived", data: a }], sluitNu)
      .when({ type: "CloseProcedure", actor: systeem, data: { vierOgen: true } })
      .thenEvents(([c]) => {
        if (c?.type !== "ProcedureClosed") throw new Error("verwacht ProcedureClosed");
        expect(c.data).toMatchObject({ ronde: 1, vierOgen: true, procesVerbaal: { aantal: 1, inschrijvingen: [] } });
        expect(JSON.stringify(c.data)).not.toContain(a.naam);
      });
    const s = live(gesloten);
    expect(s.status).toBe("gesloten");
    expect(s.rondes[0]).toMatchObject({ status: "gesloten", opening: { bevestigingen: [] } });
    expect(s.rondes[0]!.procesVerbaal).toBeUndefined();
    expect(s.procesVerbaal).toBeUndefined();
  });

  it("de eerste bevestiging komt van een inkoper en opent nog niet", () => {
    expect(opening(beoordelaar)).toMatchObject({ status: 403, melding: "De opening begint met de bevestiging van een inkoper." });
    expect(opening(inkoper)).toEqual([{ type: "OpeningBevestigd", data: { ronde: 1, bevestiging: { door: inkoper.id, rol: "inkoper", at: "2026-04-01T11:00:00.000Z" } } }]);
  });

  it("weigert dezelfde persoon twee keer, en een beoordelaar als tweede bij inkoper+inkoper", () => {
    const eerste = opening(inkoper) as ProcedureEvent[];
    const s = eerste.reduce(evolve, gesloten);
    expect(opening(inkoper, s)).toMatchObject({ status: 409, melding: "U heeft de opening al bevestigd; een tweede persoon van de regio bevestigt." });
    expect(opening(beoordelaar, s)).toMatchObject({ status: 403, melding: "De tweede bevestiging komt van een inkoper." });
    const events = opening(tweedeInkoper, s) as ProcedureEvent[];
    expect(events.map((e) => e.type)).toEqual(["OpeningBevestigd", "InschrijvingenGeopend"]);
    const geopend = events[1]!;
    if (geopend.type !== "InschrijvingenGeopend") throw new Error("verwacht InschrijvingenGeopend");
    expect(geopend.data.procesVerbaal).toMatchObject({ aantal: 1, inschrijvingen: [a], geopend: { door: [{ door: inkoper.id }, { door: tweedeInkoper.id }] } });
    expect(geopend.data.procesVerbaal.verklaring).toMatch(/met vier ogen/);
    const open2 = events.reduce(evolve, s);
    expect(live(open2).procesVerbaal).toEqual(geopend.data.procesVerbaal);
    expect(opening(beoordelaar, open2)).toMatchObject({ status: 409 });
  });

  it("met de instelling inkoper+beoordelaar bevestigt als tweede een beoordelaar, geen inkoper", () => {
    const metBeoordelaar = { ...created, data: { ...(created as Extract<ProcedureEvent, { type: "ProcedureCreated" }>).data, instellingen: { ...(created as Extract<ProcedureEvent, { type: "ProcedureCreated" }>).data.instellingen, openingDoor: "inkoper+beoordelaar" as const } } } as ProcedureEvent;
    const s0 = stateAfter([metBeoordelaar, published, ronde1, { type: "InschrijvingReceived", data: a }], { type: "CloseProcedure", actor: systeem, data: { vierOgen: true } }, sluitNu);
    const s1 = (opening(inkoper, s0) as ProcedureEvent[]).reduce(evolve, s0);
    expect(opening(tweedeInkoper, s1)).toMatchObject({ status: 403, melding: "De tweede bevestiging komt van een beoordelaar." });
    expect((opening(beoordelaar, s1) as ProcedureEvent[]).map((e) => e.type)).toEqual(["OpeningBevestigd", "InschrijvingenGeopend"]);
  });

  it("vóór het sluitingstijdstip valt er niets te openen; zonder vier ogen (oudere geschiedenis) opent de sluiting zelf", () => {
    expect(decide([...open].reduce(evolve, initialProcedureState), { type: "BevestigOpening", actor: inkoper }, before)).toMatchObject({ status: 409, refused: "Verzegeld" });
    const oud = stateAfter([...open, { type: "InschrijvingReceived", data: a }], { type: "CloseProcedure", actor: systeem }, sluitNu);
    expect(live(oud).rondes[0]!.opening).toBeUndefined();
    expect(live(oud).procesVerbaal?.inschrijvingen).toEqual([a]);
    expect(decide(oud, { type: "BevestigOpening", actor: inkoper }, afterClosing)).toMatchObject({ status: 409 });
  });
});

describe("Open House: vervangen en intrekken vóór de sluiting (issue 13)", () => {
  const v1 = stateAfter(open, submit(), before);
  const vervang = (over: Partial<Extract<ProcedureCommand, { type: "SubmitInschrijving" }>["data"]> = {}, actor = aanbiederActor): ProcedureCommand => {
    const c = submit({ ontvangstbewijsId: "ob-2", sha256: "cd".repeat(32), inschrijving: completeInschrijving(producten.slice(0, 1)), ...over }, actor);
    return { type: "VervangInschrijving", actor: c.actor, data: (c as Extract<ProcedureCommand, { type: "SubmitInschrijving" }>).data };
  };

  it("een nieuwe versie houdt volgnummer en id, telt in plaats van de vorige en bewaart het vorige ontvangstbewijs", () => {
    const v2 = live((decide(v1, vervang(), before) as ProcedureEvent[]).reduce(evolve, v1));
    expect(v2.inschrijvingen).toHaveLength(1);
    expect(v2.inschrijvingen[0]).toMatchObject({ volgnummer: 1, versie: 2, ontvangstbewijsId: "ob-2", producten: producten.slice(0, 1), vorigeVersies: [{ versie: 1, ontvangstbewijsId: "ob-1" }] });
  });

  it("weigert een tweede gewone inzending met een verwijzing naar vervangen, en vervangen na de sluiting of voor een ander", () => {
    const tweede = decide(v1, submit({ ontvangstbewijsId: "ob-3" }), before);
    expect(tweede).toMatchObject({ status: 409, refused: "AlIngeschreven" });
    expect((tweede as { melding: string }).melding).toMatch(/vervangen door een nieuwe versie of intrekken/);
    expect(decide(v1, vervang(), new Date(sluiting))).toMatchObject({ status: 409, refused: "TermijnVerstreken" });
    expect(decide(v1, vervang({ kvk: kvkB, aanbieder: profielB }, aanbiederB), before)).toMatchObject({ status: 404 });
    expect(decide(v1, vervang({ inschrijving: completeInschrijving(["bestaat-niet"]) }), before)).toMatchObject({ status: 400 });
  });

  it("intrekken: telt niet mee, staat apart in het proces-verbaal; opnieuw inschrijven is een nieuwe versie", () => {
    const ingetrokken = (decide(v1, { type: "TrekInschrijvingIn", actor: aanbiederActor, data: { kvk, toelichting: "Wij kunnen de capaciteit niet leveren." } }, before) as ProcedureEvent[]).reduce(evolve, v1);
    expect(live(ingetrokken).inschrijvingen[0]).toMatchObject({ ingetrokkenOp: before.toISOString(), intrekkingToelichting: "Wij kunnen de capaciteit niet leveren." });
    expect(decide(ingetrokken, { type: "TrekInschrijvingIn", actor: aanbiederActor, data: { kvk } }, before)).toMatchObject({ status: 409 });
    expect(decide(v1, { type: "TrekInschrijvingIn", actor: aanbiederB, data: { kvk } }, before)).toMatchObject({ status: 403 });
    expect(decide(v1, { type: "TrekInschrijvingIn", actor: aanbiederActor, data: { kvk } }, new Date(sluiting))).toMatchObject({ status: 409, refused: "TermijnVerstreken" });

    const gesloten = (decide(ingetrokken, { type: "CloseProcedure", actor: systeem }, new Date(sluiting)) as ProcedureEvent[]).reduce(evolve, ingetrokken);
    expect(live(gesloten).procesVerbaal).toMatchObject({ aantal: 0, inschrijvingen: [], ingetrokken: [{ kvk, ingetrokkenOp: before.toISOString() }] });
    expect(live(gesloten).procesVerbaal?.verklaring).toMatch(/1 inschrijving\(en\) zijn vóór het sluitingstijdstip ingetrokken/);

    const opnieuw = decide(ingetrokken, submit({ ontvangstbewijsId: "ob-4" }), before) as ProcedureEvent[];
    expect(opnieuw.map((e) => e.type)).toEqual(["InschrijvingVervangen"]);
    const s = opnieuw.reduce(evolve, ingetrokken);
    expect(live(s).inschrijvingen[0]).toMatchObject({ versie: 2, ontvangstbewijsId: "ob-4", vorigeVersies: [{ versie: 1, ingetrokkenOp: before.toISOString() }] });
    expect(live(s).inschrijvingen[0]!.ingetrokkenOp).toBeUndefined();
  });
});

describe("Open House: vragen en nota van inlichtingen", () => {
  const vragenTot = "2026-03-20T12:00:00.000Z";
  const withVragenTot: ProcedureEvent[] = [{ ...created, data: { ...(created.data as Extract<ProcedureEvent, { type: "ProcedureCreated" }>["data"]), vragenTot } } as ProcedureEvent, published, ronde1];
  const ask = (vraag = "  Mag de ervaring ook bij een rechtsvoorganger zijn opgedaan?  ", aanbieder: AanbiederProfiel | null = profiel): ProcedureCommand => ({
    type: "AskQuestion",
    actor: aanbiederActor,
    data: { aanbieder, vraag },
  });
  const gesteld: ProcedureEvent = {
    type: "VraagGesteld",
    data: { nr: 1, kvk, vraag: "Mag de ervaring ook bij een rechtsvoorganger zijn opgedaan?", gesteldOp: before.toISOString() },
  };
  const beantwoord: ProcedureEvent = {
    type: "VraagBeantwoord",
    data: { nr: 1, antwoord: "Ja, als de rechtsopvolging blijkt uit de KvK.", beantwoordOp: "2026-03-16T09:00:00.000Z", beantwoordDoor: "i.jansen" },
  };

  it("neemt een vraag aan vóór het einde van de vragentermijn, met het KvK-nummer van de vraagsteller", () =>
    spec(withVragenTot, before).when(ask()).then([gesteld]));

  it("nummert vragen doorlopend", () =>
    spec([...withVragenTot, gesteld], before)
      .when(ask("Geldt TC05 ook voor zzp'ers zonder personeel?"))
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "VraagGesteld", data: { nr: 2 } })));

  it("weigert een vraag op of na het einde van de vragentermijn (409)", () =>
    spec(withVragenTot, new Date(vragenTot)).when(ask()).thenRefused({ status: 409, refused: "TermijnVerstreken" }));

  it("weigert een vraag van een niet geregistreerde aanbieder", () =>
    spec(withVragenTot, before).when(ask(undefined, null)).thenRefused({ status: 400, refused: "OnbekendeAanbieder", veld: "kvk" }));

  it("weigert een te korte vraag", () => spec(withVragenTot, before).when(ask("  Kan dat?  ")).thenRefused({ status: 400, veld: "vraag" }));

  it("weigert een vraag na de sluiting", () =>
    spec([...open, closed()], afterClosing).when(ask()).thenRefused({ status: 409, refused: "NietGepubliceerd" }));

  it("beantwoordt een vraag met wie en wanneer", () =>
    spec([...withVragenTot, gesteld], new Date("2026-03-16T09:00:00Z"))
      .when({ type: "AnswerQuestion", actor: inkoper, data: { nr: 1, antwoord: " Ja, als de rechtsopvolging blijkt uit de KvK. " } })
      .then([beantwoord]));

  it("weigert een antwoord op een onbekende vraag (404)", () =>
    spec([...withVragenTot, gesteld], before)
      .when({ type: "AnswerQuestion", actor: inkoper, data: { nr: 7, antwoord: "Ja." } })
      .thenRefused({ status: 404, refused: "BestaatNiet", veld: "nr" }));

  it("weigert een antwoord op een vraag die al in een nota is gepubliceerd (409)", () =>
    spec([...withVragenTot, gesteld, beantwoord, { type: "NotaVanInlichtingenGepubliceerd", data: { nummer: 1, vragen: [1], datum: "2026-03-17T09:00:00.000Z" } }], before)
      .when({ type: "AnswerQuestion", actor: inkoper, data: { nr: 1, antwoord: "Toch niet." } })
      .thenRefused({ status: 409, veld: "nr" }));

  it("publiceert geen nota zonder beantwoorde, ongepubliceerde vragen", () =>
    spec([...withVragenTot, gesteld], before).when({ type: "PublishNotaVanInlichtingen", actor: inkoper }).thenRefused({ status: 409 }));

  it("publiceert de beantwoorde vragen zonder de vraagsteller", () => {
    const datum = new Date("2026-03-17T09:00:00Z");
    const tweede: ProcedureEvent = { type: "VraagGesteld", data: { nr: 2, kvk: kvkB, vraag: "Nog een open vraag over TC11?", gesteldOp: before.toISOString() } };
    spec([...withVragenTot, gesteld, beantwoord, tweede], datum)
      .when({ type: "PublishNotaVanInlichtingen", actor: inkoper })
      .thenEvents((events) => {
        expect(events).toEqual([{ type: "NotaVanInlichtingenGepubliceerd", data: { nummer: 1, vragen: [1], datum: datum.toISOString() } }]);
        expect(JSON.stringify(events)).not.toContain(kvk);
      });
  });

  it("geeft een volgende nota het volgende nummer en alleen de nieuwe vragen", () => {
    const tweede: ProcedureEvent = { type: "VraagGesteld", data: { nr: 2, kvk: kvkB, vraag: "Nog een open vraag over TC11?", gesteldOp: before.toISOString() } };
    const antwoord2: ProcedureEvent = { type: "VraagBeantwoord", data: { nr: 2, antwoord: "Zie de bijlage.", beantwoordOp: before.toISOString(), beantwoordDoor: "i.jansen" } };
    spec([...withVragenTot, gesteld, beantwoord, { type: "NotaVanInlichtingenGepubliceerd", data: { nummer: 1, vragen: [1], datum: before.toISOString() } }, tweede, antwoord2], before)
      .when({ type: "PublishNotaVanInlichtingen", actor: inkoper })
      .thenEvents(([e]) => expect(e).toMatchObject({ data: { nummer: 2, vragen: [2] } }));
  });
});

describe("Open House: gunningsvoorstel en akkoord gunning", () => {
  const twee = [...open, received(), received({ volgnummer: 2, kvk: kvkB, naam: "Jeugd BV", email: "info@jeugd.example" }), closed()];
  const beoordeeld = [...twee, uitkomst(kvk, toegelaten()), uitkomst(kvkB, afgewezen)];
  const propose: ProcedureCommand = { type: "ProposeGunning", actor: inkoper, data: { besluitId: "GUN-1", toelichting: "Beoordeling afgerond, zie bijlage." } };
  const voorgesteld: ProcedureEvent = { type: "GunningVoorgesteld", data: { ronde: 1, besluitId: "GUN-1", toelichting: "Beoordeling afgerond, zie bijlage." } };

  it("weigert een voorstel vóór de sluiting", () => spec(open, before).when(propose).thenRefused({ status: 409 }));

  it("weigert een voorstel zolang een inschrijving van de ronde geen uitkomst heeft, en noemt die", () =>
    spec([...twee, uitkomst(kvk, toegelaten())], afterClosing)
      .when(propose)
      .thenRefused({ status: 409, melding: expect.stringContaining("Jeugd BV") }));

  it("stelt gunning voor als elke inschrijving van de ronde een uitkomst heeft", () => spec(beoordeeld, afterClosing).when(propose).then([voorgesteld]));

  it("zet de procedure tijdens het voorstel in besluitvorming", () =>
    expect(live(stateAfter(beoordeeld, propose, afterClosing)).status).toBe("besluitvorming"));

  it("weigert een voorstel terwijl een ander besluit voorligt", () =>
    spec([...beoordeeld, { type: "StopzettingVoorgesteld", data: { besluitId: "STOP-1", motivering: "Het zorglandschap is gewijzigd door nieuw beleid." } }], afterClosing)
      .when(propose)
      .thenRefused({ status: 409, melding: expect.stringContaining("al een besluit") }));

  it("weigert een tweede voorstel terwijl het eerste voorligt", () =>
    spec([...beoordeeld, voorgesteld], afterClosing).when({ ...propose, data: { besluitId: "GUN-2", toelichting: "Nog een voorstel erbij." } }).thenRefused({ status: 409 }));

  it("weigert een voorstel zonder toelichting", () =>
    spec(beoordeeld, afterClosing).when({ ...propose, data: { besluitId: "GUN-1", toelichting: "kort" } }).thenRefused({ status: 400, veld: "toelichting" }));

  it("neemt een uitkomst één keer op", () =>
    spec(beoordeeld, afterClosing).when({ type: "RecordUitkomst", actor: systeem, data: { ronde: 1, kvk, uitkomst: afgewezen } }).thenNothing());

  it("akkoord: de ronde en de procedure zijn gegund", () => {
    const at = new Date("2026-04-25T10:00:00Z");
    const state = live(stateAfter([...beoordeeld, voorgesteld], { type: "RecordGunningBesluit", actor: systeem, data: { besluitId: "GUN-1", akkoord: true, motivering: "" } }, at));
    expect(state.status).toBe("gegund");
    expect(state.lopendBesluit).toBeUndefined();
    expect(state.rondes[0]).toMatchObject({ status: "gegund", gegundOp: at.toISOString(), voorstellen: [{ besluitId: "GUN-1", status: "akkoord" }] });
  });

  it("teruggestuurd: de procedure is weer gesloten en het voorstel is gemarkeerd, een nieuw voorstel kan volgen", () => {
    const at = new Date("2026-04-25T10:00:00Z");
    const motivering = "Motiveer de afwijzing van Jeugd BV beter.";
    const terug = [...beoordeeld, voorgesteld, { type: "GunningBesloten", data: { ronde: 1, besluitId: "GUN-1", akkoord: false, motivering, at: at.toISOString() } } as ProcedureEvent];
    const state = live(terug.reduce(evolve, initialProcedureState));
    expect(state.status).toBe("gesloten");
    expect(state.lopendBesluit).toBeUndefined();
    expect(state.rondes[0]).toMatchObject({ status: "gesloten", voorstellen: [{ besluitId: "GUN-1", status: "teruggestuurd", motivering, at: at.toISOString() }] });
    spec(terug, at).when({ ...propose, data: { besluitId: "GUN-2", toelichting: "Afwijzing nader gemotiveerd." } }).thenEvents(([e]) => expect(e).toMatchObject({ type: "GunningVoorgesteld", data: { besluitId: "GUN-2" } }));
  });

  it("stuurt het besluit terug als GunningBesloten met de motivering", () =>
    spec([...beoordeeld, voorgesteld], new Date("2026-04-25T10:00:00Z"))
      .when({ type: "RecordGunningBesluit", actor: systeem, data: { besluitId: "GUN-1", akkoord: false, motivering: "Onvoldoende gemotiveerd." } })
      .then([{ type: "GunningBesloten", data: { ronde: 1, besluitId: "GUN-1", akkoord: false, motivering: "Onvoldoende gemotiveerd.", at: "2026-04-25T10:00:00.000Z" } }]));

  it("negeert een beslissing over een ander besluit", () =>
    spec([...beoordeeld, voorgesteld], afterClosing)
      .when({ type: "RecordGunningBesluit", actor: systeem, data: { besluitId: "GUN-X", akkoord: true, motivering: "" } })
      .thenNothing());

  it("laat alleen het systeem een besluit vastleggen", () =>
    spec([...beoordeeld, voorgesteld], afterClosing)
      .when({ type: "RecordGunningBesluit", actor: { rol: "programmadirecteur", id: "pd" }, data: { besluitId: "GUN-1", akkoord: true, motivering: "" } })
      .thenRefused({ status: 403 }));
});

describe("Open House: heropenen (zonder toetreding)", () => {
  const eerste = producten.slice(0, 3);
  const nieuw = producten[3]!;
  const nooit = producten[4]!;
  const createdDeel: ProcedureEvent = { ...created, data: { ...(created.data as Extract<ProcedureEvent, { type: "ProcedureCreated" }>["data"]), producten: eerste } } as ProcedureEvent;
  const gegund: ProcedureEvent[] = [
    createdDeel,
    published,
    { type: "RondeGeopend", data: { nr: 1, soort: "initieel", producten: eerste, publicatieAt: publicatie, sluitingAt: sluiting } },
    received({ producten: eerste.slice(0, 2) }),
    closed(),
    uitkomst(kvk, toegelaten(eerste.slice(0, 2))),
    { type: "GunningVoorgesteld", data: { ronde: 1, besluitId: "GUN-1", toelichting: "Beoordeling afgerond." } },
    { type: "GunningBesloten", data: { ronde: 1, besluitId: "GUN-1", akkoord: true, motivering: "", at: "2026-04-25T10:00:00.000Z" } },
  ];
  const now = new Date("2026-05-01T09:00:00Z");
  const heropening = (over: Partial<Extract<ProcedureCommand, { type: "ProposeHeropening" }>["data"]> = {}): ProcedureCommand => ({
    type: "ProposeHeropening",
    actor: inkoper,
    data: {
      besluitId: "HER-1",
      reden: "nieuw-product",
      producten: [nieuw],
      motivering: "Het zorglandschap is niet dekkend voor dit product.",
      publicatieAt: "2026-06-01T08:00:00.000Z",
      sluitingAt: "2026-07-01T10:00:00.000Z",
      ...over,
    },
  });
  const voorgesteld: ProcedureEvent = {
    type: "HeropeningVoorgesteld",
    data: {
      soort: "heropening",
      besluitId: "HER-1",
      reden: "nieuw-product",
      producten: [nieuw],
      motivering: "Het zorglandschap is niet dekkend voor dit product.",
      publicatieAt: "2026-06-01T08:00:00.000Z",
      sluitingAt: "2026-07-01T10:00:00.000Z",
    },
  };
  const besloten: ProcedureEvent[] = [
    { type: "HeropeningBesloten", data: { besluitId: "HER-1", akkoord: true, motivering: "" } },
    { type: "RondeGeopend", data: { nr: 2, soort: "heropening", producten: [nieuw], publicatieAt: "2026-06-01T08:00:00.000Z", sluitingAt: "2026-07-01T10:00:00.000Z" } },
  ];
  const inRonde2 = new Date("2026-06-10T09:00:00Z");

  it("stelt heropening voor een nieuw product voor", () => spec(gegund, now).when(heropening()).then([voorgesteld]));

  it("weigert heropening voor een Open House met toetreding", () => {
    const wonen: ProcedureEvent = {
      type: "ProcedureCreated",
      data: { ...(created.data as Extract<ProcedureEvent, { type: "ProcedureCreated" }>["data"]), procedureId: "oh-wonen", contractId: "wonen-jeugd", procedureType: "open-house-met-toetreding", producten: offeredProducts("wonen-jeugd") },
    };
    spec([wonen, ...gegund.slice(1)], now).when(heropening()).thenRefused({ status: 409, melding: expect.stringContaining("toetreding") });
  });

  it("weigert heropening zolang de ronde niet is gegund", () => spec(gegund.slice(0, 6), now).when(heropening()).thenRefused({ status: 409 }));

  it("weigert 'nieuw-product' voor een product dat al werd aangeboden", () =>
    spec(gegund, now).when(heropening({ producten: [nieuw, eerste[0]!] })).thenRefused({ status: 400, veld: "producten.1" }));

  it("weigert 'capaciteitstekort' voor een product dat nooit werd aangeboden", () =>
    spec(gegund, now).when(heropening({ reden: "capaciteitstekort", producten: [nooit] })).thenRefused({ status: 400, veld: "producten.0" }));

  it("aanvaardt 'capaciteitstekort' voor een product dat al werd aangeboden", () =>
    spec(gegund, now)
      .when(heropening({ reden: "capaciteitstekort", producten: [eerste[0]!] }))
      .thenEvents(([e]) => expect(e?.type).toBe("HeropeningVoorgesteld")));

  it("weigert een te korte motivering", () => spec(gegund, now).when(heropening({ motivering: "Te weinig." })).thenRefused({ status: 400, veld: "motivering" }));

  it("weigert een product buiten het contract", () =>
    spec(gegund, now).when(heropening({ producten: [offeredProducts("wonen-jeugd")[0]!] })).thenRefused({ status: 400, refused: "OnbekendProduct" }));

  it("weigert een sluiting in het verleden", () =>
    spec(gegund, now).when(heropening({ sluitingAt: "2026-04-30T10:00:00.000Z", publicatieAt: "2026-04-01T10:00:00.000Z" })).thenRefused({ status: 400, veld: "sluitingAt" }));

  it("akkoord van het BOSD opent ronde 2 met alleen de gekozen producten", () =>
    spec([...gegund, voorgesteld], now)
      .when({ type: "RecordHeropeningBesluit", actor: systeem, data: { besluitId: "HER-1", akkoord: true, motivering: "" } })
      .then(besloten));

  it("opent de ronde op het moment van het besluit als het BOSD na de geplande publicatie beslist", () =>
    spec([...gegund, voorgesteld], new Date("2026-06-05T09:00:00Z"))
      .when({ type: "RecordHeropeningBesluit", actor: systeem, data: { besluitId: "HER-1", akkoord: true, motivering: "" } })
      .thenEvents(([, r]) => expect(r).toMatchObject({ type: "RondeGeopend", data: { nr: 2, publicatieAt: "2026-06-05T09:00:00.000Z" } })));

  it("zonder akkoord opent geen ronde", () =>
    spec([...gegund, voorgesteld], now)
      .when({ type: "RecordHeropeningBesluit", actor: systeem, data: { besluitId: "HER-1", akkoord: false, motivering: "Niet nodig." } })
      .then([{ type: "HeropeningBesloten", data: { besluitId: "HER-1", akkoord: false, motivering: "Niet nodig." } }]));

  it("in ronde 2 mag een eerder toegelaten aanbieder inschrijven voor het nieuwe product", () =>
    spec([...gegund, voorgesteld, ...besloten], inRonde2)
      .when(submit({ inschrijving: completeInschrijving([nieuw]) }))
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "InschrijvingReceived", data: { ronde: 2, volgnummer: 2, inschrijvingId: `oh-ambulant/${kvk}/r2` } })));

  it("weigert in ronde 2 een aanbieder wiens contract is ontbonden (409, 4.4.2)", () =>
    spec([...gegund, voorgesteld, ...besloten], inRonde2)
      .when(submit({ ontbonden: true, inschrijving: completeInschrijving([nieuw]) }))
      .thenRefused({ status: 409, melding: expect.stringContaining("4.4.2") }));

  it("weigert in ronde 2 een product buiten de producten van de ronde (400)", () =>
    spec([...gegund, voorgesteld, ...besloten], inRonde2)
      .when(submit({ aanbieder: profielB, kvk: kvkB, inschrijving: completeInschrijving([eerste[0]!]) }, aanbiederB))
      .thenRefused({ status: 400, refused: "OnbekendProduct", veld: "producten.0" }));

  it("weigert in ronde 2 inschrijven vóór de publicatie van de ronde", () =>
    spec([...gegund, voorgesteld, ...besloten], now)
      .when(submit({ inschrijving: completeInschrijving([nieuw]) }))
      .thenRefused({ status: 409, refused: "NogNietOpen" }));

  it("sluit ronde 2 met een proces-verbaal van alleen die ronde", () =>
    spec([...gegund, voorgesteld, ...besloten, received({ volgnummer: 2, ronde: 2, inschrijvingId: `oh-ambulant/${kvk}/r2`, producten: [nieuw] })], new Date("2026-07-01T10:00:00Z"))
      .when({ type: "CloseProcedure", actor: systeem })
      .thenEvents(([c]) => expect(c).toMatchObject({ type: "ProcedureClosed", data: { ronde: 2, procesVerbaal: { ronde: 2, aantal: 1 } } })));
});

describe("Open House met toetreding (Wonen Jeugd)", () => {
  const wonenProducten = offeredProducts("wonen-jeugd");
  const wonen: ProcedureEvent = {
    type: "ProcedureCreated",
    data: {
      procedureId: "oh-wonen",
      contractId: "wonen-jeugd",
      procedureType: "open-house-met-toetreding",
      titel: "Open House Wonen Jeugd 2027",
      publicatieAt: publicatie,
      sluitingAt: sluiting,
      vragenTot: sluiting,
      producten: wonenProducten,
      instellingen: { aantalBeoordelaarsPerCriterium: 1, hoorEnWederhoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
    },
  };
  const eersteRonde: ProcedureEvent[] = [
    wonen,
    published,
    { type: "RondeGeopend", data: { nr: 1, soort: "initieel", producten: wonenProducten, publicatieAt: publicatie, sluitingAt: sluiting } },
    closed(),
  ];

  it("een inschrijving na de eerste sluiting opent een toetredingsronde en sluit die meteen", () =>
    spec(eersteRonde, afterClosing)
      .when(submit({ inschrijving: completeInschrijving(wonenProducten.slice(0, 1)) }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(["RondeGeopend", "InschrijvingReceived", "ProcedureClosed"]);
        expect(events[0]).toMatchObject({ data: { nr: 2, soort: "toetreding", producten: wonenProducten, publicatieAt: afterClosing.toISOString(), sluitingAt: afterClosing.toISOString() } });
        expect(events[1]).toMatchObject({ data: { ronde: 2, inschrijvingId: `oh-wonen/${kvk}/r2`, ontvangenOp: afterClosing.toISOString() } });
        expect(events[2]).toMatchObject({ data: { ronde: 2, geslotenOp: afterClosing.toISOString(), procesVerbaal: { ronde: 2, aantal: 1, verklaring: expect.stringContaining("toetreding") } } });
      }));

  it("weigert vóór de eerste sluiting nog een inschrijving op het sluitingstijdstip (de timer heeft nog niet gesloten)", () =>
    spec(eersteRonde.slice(0, 3), new Date(sluiting))
      .when(submit({ inschrijving: completeInschrijving(wonenProducten.slice(0, 1)) }))
      .thenRefused({ status: 409, refused: "TermijnVerstreken" }));

  it("weigert toetreding van een aanbieder wiens contract is ontbonden", () =>
    spec(eersteRonde, afterClosing)
      .when(submit({ ontbonden: true, inschrijving: completeInschrijving(wonenProducten.slice(0, 1)) }))
      .thenRefused({ status: 409, melding: expect.stringContaining("4.4.2") }));
});

describe("Open House: stopzetten", () => {
  const now = new Date("2026-03-20T09:00:00Z");
  const motivering = "Het zorglandschap is gewijzigd door nieuw landelijk beleid.";
  const voorgesteld: ProcedureEvent = { type: "StopzettingVoorgesteld", data: { besluitId: "STOP-1", motivering } };
  const besloten: ProcedureEvent = { type: "StopzettingBesloten", data: { besluitId: "STOP-1", akkoord: true, motivering: "", at: now.toISOString() } };

  it("stelt stopzetten voor", () =>
    spec(open, now).when({ type: "ProposeStopzetting", actor: inkoper, data: { besluitId: "STOP-1", motivering } }).then([voorgesteld]));

  it("weigert stopzetten zonder motivering", () =>
    spec(open, now).when({ type: "ProposeStopzetting", actor: inkoper, data: { besluitId: "STOP-1", motivering: "Stop." } }).thenRefused({ status: 400, veld: "motivering" }));

  it("het besluit van het BOSD zet de procedure stop", () => {
    const cmd: ProcedureCommand = { type: "RecordStopzettingBesluit", actor: systeem, data: { besluitId: "STOP-1", akkoord: true, motivering: "" } };
    spec([...open, voorgesteld], now).when(cmd).then([besloten]);
    const state = live(stateAfter([...open, voorgesteld], cmd, now));
    expect(state.status).toBe("gestopt");
    expect(state.gestopt).toEqual({ besluitId: "STOP-1", motivering: "", at: now.toISOString() });
  });

  it("zonder akkoord loopt de procedure door", () => {
    const state = live(
      stateAfter([...open, voorgesteld], { type: "RecordStopzettingBesluit", actor: systeem, data: { besluitId: "STOP-1", akkoord: false, motivering: "Doorgaan." } }, now),
    );
    expect(state.status).toBe("gepubliceerd");
    expect(state.lopendBesluit).toBeUndefined();
  });

  it.each<[string, ProcedureCommand]>([
    ["inschrijven", submit()],
    ["een vraag stellen", { type: "AskQuestion", actor: aanbiederActor, data: { aanbieder: profiel, vraag: "Gaat de procedure nog door?" } }],
    ["een nota publiceren", { type: "PublishNotaVanInlichtingen", actor: inkoper }],
    ["gunning voorstellen", { type: "ProposeGunning", actor: inkoper, data: { besluitId: "GUN-1", toelichting: "Toch maar gunnen." } }],
    ["opnieuw stopzetten", { type: "ProposeStopzetting", actor: inkoper, data: { besluitId: "STOP-2", motivering } }],
  ])("weigert na het stopzetten: %s (409)", (_naam, command) =>
    spec([...open, voorgesteld, besloten], now).when(command).thenRefused({ status: 409, melding: expect.stringContaining("stopgezet") }));
});
