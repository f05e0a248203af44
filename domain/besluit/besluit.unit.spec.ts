import { specification } from "../../test/specification";
import { authorityFor, type BesluitType } from "../catalogue";
import type { Actor } from "../shared/actor";
import { decideBesluit, evolveBesluit, initialBesluitState, roleOfAuthority, type BesluitCommand, type BesluitEvent, type BesluitInhoud, type BesluitState } from "./besluit";

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const systeem: Actor = { rol: "systeem", id: "inkoop" };
const programmadirecteur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
const bosd: Actor = { rol: "bosd", id: "wethouder.gouda" };
const meta = { besluitId: "GUN-1", auteur: inkoper };

const spec = specification<BesluitState, BesluitEvent, BesluitCommand>({
  initial: initialBesluitState,
  evolve: (state, event) => evolveBesluit(state, event, meta),
  decide: decideBesluit,
});

const now = new Date("2026-04-25T10:00:00Z");
const datum = now.toISOString();

const inhoud = (type: BesluitType = "akkoord-gunning"): BesluitInhoud => ({
  type,
  titel: "Voorstel akkoord gunning",
  onderwerp: { soort: "procedure", id: "oh-ambulant", ronde: 1 },
  procedureId: "oh-ambulant",
  samenvatting: "Toe te laten: 1; af te wijzen: 1 (ronde 1).",
});
const voorleggen = (type: BesluitType = "akkoord-gunning"): BesluitCommand => ({ type: "Voorleggen", actor: inkoper, data: inhoud(type) });
const voorgelegd = (type: BesluitType = "akkoord-gunning"): BesluitEvent => ({
  type: "BesluitVoorgelegd",
  data: { ...inhoud(type), authority: authorityFor(type).authority, datum },
});
const beslissen = (actor: Actor, akkoord: boolean, motivering = ""): BesluitCommand => ({ type: "Beslissen", actor, data: { akkoord, motivering } });

const fold = (events: BesluitEvent[]): BesluitState => events.reduce<BesluitState>((s, e) => evolveBesluit(s, e, meta), initialBesluitState);

describe("Besluit: voorleggen", () => {
  it.each<[BesluitType, string]>([
    ["akkoord-gunning", "programmadirecteur"],
    ["heropening", "bosd"],
    ["stopzetten-procedure", "bosd"],
  ])("neemt het bevoegd gezag voor %s uit de catalogus: %s", (type, authority) =>
    spec([], now)
      .when(voorleggen(type))
      .then([{ type: "BesluitVoorgelegd", data: { ...inhoud(type), authority: authority as never, datum } }]));

  it("legt het besluit voor aan wie erover beslist", () => {
    const state = fold([voorgelegd()]);
    expect(state).toMatchObject({ status: "voorgelegd", besluitId: "GUN-1", auteur: inkoper, authority: "programmadirecteur", authorityNaam: "Programmadirecteur RWO" });
  });

  it("een herhaald voorleggen levert niets op", () => spec([voorgelegd()], now).when(voorleggen()).thenNothing());

  it("weigert voorleggen door een aanbieder", () =>
    spec([], now).when({ ...voorleggen(), actor: { rol: "aanbieder", id: "zorg-bv", kvk: "12345678" } }).thenRefused({ status: 403 }));

  it("het systeem mag voorleggen", () => spec([], now).when({ ...voorleggen(), actor: systeem }).then([voorgelegd()]));
});

describe("Besluit: beslissen", () => {
  it("weigert een beslissing door een andere rol dan het bevoegd gezag en noemt dat gezag (403)", () =>
    spec([voorgelegd()], now)
      .when(beslissen(inkoper, true))
      .thenRefused({ status: 403, refused: "RolNietToegestaan", melding: expect.stringContaining("Programmadirecteur RWO") }));

  it("weigert de programmadirecteur bij een besluit van het BOSD en noemt het BOSD", () =>
    spec([voorgelegd("heropening")], now)
      .when(beslissen(programmadirecteur, true))
      .thenRefused({ status: 403, melding: expect.stringContaining("BOSD") }));

  it("koppelt elk gezag aan een rol", () => {
    expect(roleOfAuthority.programmadirecteur).toBe("programmadirecteur");
    expect(roleOfAuthority.bosd).toBe("bosd");
  });

  it("weigert terugsturen zonder motivering (400)", () =>
    spec([voorgelegd()], now).when(beslissen(programmadirecteur, false, "  nee  ")).thenRefused({ status: 400, veld: "motivering" }));

  it("akkoord: het besluit is vastgesteld", () => {
    const cmd = beslissen(programmadirecteur, true, "  Akkoord.  ");
    const genomen: BesluitEvent = { type: "BesluitGenomen", data: { akkoord: true, motivering: "Akkoord.", door: programmadirecteur.id, at: datum } };
    spec([voorgelegd()], now).when(cmd).then([genomen]);
    expect(fold([voorgelegd(), genomen])).toMatchObject({ status: "vastgesteld", beslissing: { akkoord: true, door: programmadirecteur.id } });
  });

  it("akkoord zonder motivering mag", () =>
    spec([voorgelegd()], now)
      .when(beslissen(programmadirecteur, true))
      .thenEvents(([e]) => expect(e).toMatchObject({ type: "BesluitGenomen", data: { akkoord: true, motivering: "" } })));

  it("teruggestuurd met motivering", () => {
    const genomen: BesluitEvent = { type: "BesluitGenomen", data: { akkoord: false, motivering: "De afwijzing is onvoldoende gemotiveerd.", door: bosd.id, at: datum } };
    spec([voorgelegd("stopzetten-procedure")], now).when(beslissen(bosd, false, "De afwijzing is onvoldoende gemotiveerd.")).then([genomen]);
    expect(fold([voorgelegd("stopzetten-procedure"), genomen]).status).toBe("teruggestuurd");
  });

  it("weigert een tweede beslissing (409)", () =>
    spec([voorgelegd(), { type: "BesluitGenomen", data: { akkoord: true, motivering: "", door: programmadirecteur.id, at: datum } }], now)
      .when(beslissen(programmadirecteur, false, "Toch maar niet doen."))
      .thenRefused({ status: 409 }));

  it("weigert een beslissing over een besluit dat niet bestaat (404)", () =>
    spec([], now).when(beslissen(programmadirecteur, true)).thenRefused({ status: 404, refused: "BestaatNiet" }));
});

describe("Besluit: vaststellen krachtens een eerder besluit", () => {
  const toelating: BesluitInhoud & { motivering: string } = {
    type: "toelating",
    titel: "Toelatingsbesluit",
    onderwerp: { soort: "procedure", id: "oh-ambulant", ronde: 1 },
    procedureId: "oh-ambulant",
    ontvanger: { naam: "Zorg BV", kvk: "12345678", email: "info@zorg.example" },
    samenvatting: "U bent toegelaten voor 2 product(en).",
    krachtens: "GUN-1",
    motivering: "Krachtens akkoord gunning GUN-1.",
  };

  it("stelt het besluit meteen vast", () => {
    const cmd: BesluitCommand = { type: "Vaststellen", actor: systeem, data: toelating };
    const vastgesteld: BesluitEvent = { type: "BesluitVastgesteld", data: { ...toelating, authority: "programmadirecteur", datum } };
    spec([], now).when(cmd).then([vastgesteld]);
    expect(fold([vastgesteld])).toMatchObject({ status: "vastgesteld", krachtens: "GUN-1", authorityNaam: "Programmadirecteur RWO", motivering: "Krachtens akkoord gunning GUN-1." });
  });

  it("een vastgesteld besluit wacht niet op een beslissing (409)", () =>
    spec([{ type: "BesluitVastgesteld", data: { ...toelating, authority: "programmadirecteur", datum } }], now)
      .when(beslissen(programmadirecteur, true))
      .thenRefused({ status: 409 }));

  it("een herhaald vaststellen levert niets op", () =>
    spec([{ type: "BesluitVastgesteld", data: { ...toelating, authority: "programmadirecteur", datum } }], now)
      .when({ type: "Vaststellen", actor: systeem, data: toelating })
      .thenNothing());
});
