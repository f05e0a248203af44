import { specification } from "../../test/specification";
import type { Actor } from "../shared/actor";
import { evolve, initialAanbiederState, weergave, zonderCode, type AanbiederEvent, type AanbiederProfiel } from "./aanbieder";
import { decide, registreerV1, type AanbiederCommand } from "./decide";

const spec = specification({ initial: initialAanbiederState, evolve, decide });

const kvk = "12345678";
const now = new Date("2026-03-01T11:00:00Z");
const zelf: Actor = { rol: "aanbieder", id: "debrug", kvk };
const ander: Actor = { rol: "aanbieder", id: "ander", kvk: "87654321" };
const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const beoordelaar: Actor = { rol: "beoordelaar", id: "b.de-vries" };
const CODE = "5f0c6d2e-8a41-4c1b-9d7e-2b3a4c5d6e7f";

const registratie = { kvk, naam: "Jeugdhulp De Brug B.V.", email: "info@debrug.example" };
const profiel: AanbiederProfiel = { ...registratie, geregistreerdOp: "2026-01-01T00:00:00.000Z" };
const geregistreerd: AanbiederEvent = { type: "AanbiederRegistered", data: profiel };
const aangevraagd = (email = "nieuw@debrug.example"): AanbiederEvent => ({ type: "EmailWijzigingAangevraagd", data: { email, code: CODE, aangevraagdOp: "2026-02-01T09:00:00.000Z" } });

const registreer = (actor: Actor, r: object, key = kvk): AanbiederCommand => ({ type: "Registreer", actor, data: { key, registratie: { ...registratie, ...r }, code: CODE } });
const bevestig = (actor: Actor, code: string): AanbiederCommand => ({ type: "BevestigEmail", actor, data: { code } });

describe("registratie van een nieuwe aanbieder", () => {
  it("gegeven geen profiel, wanneer de aanbieder zich registreert, dan is zij geregistreerd met dat adres", () => {
    spec([], now).when(registreer(zelf, {})).then([{ type: "AanbiederRegistered", data: { ...registratie, geregistreerdOp: now.toISOString() } }]);
  });

  it("gegeven geen profiel, wanneer een inkoper een aanbieder registreert (een uitgenodigde aanbieder), dan is die geregistreerd", () => {
    spec([], now).when(registreer(inkoper, {})).then([{ type: "AanbiederRegistered", data: { ...registratie, geregistreerdOp: now.toISOString() } }]);
  });

  it("weigert een ander dan de aanbieder zelf of een inkoper (403)", () => {
    spec([]).when(registreer(ander, {})).thenRefused({ status: 403, refused: "RolNietToegestaan" });
    spec([]).when(registreer(beoordelaar, {})).thenRefused({ status: 403 });
  });

  it("weigert een KvK-nummer dat afwijkt van de sleutel (400)", () => {
    spec([]).when(registreer(zelf, {}, "87654321")).thenRefused({ status: 400, veld: "kvk" });
  });
});

describe("een inkoper wijzigt nooit een bestaand profiel", () => {
  it("gegeven een profiel, wanneer een inkoper een ander e-mailadres opgeeft, dan 409 met het veld", () => {
    spec([geregistreerd]).when(registreer(inkoper, { email: "kaper@elders.example" })).thenRefused({ status: 409, refused: "BestaatAl", veld: "email", melding: expect.stringContaining("e-mailadres") });
  });

  it("noemt elk afwijkend veld, het eerste als veld", () => {
    spec([geregistreerd]).when(registreer(inkoper, { naam: "Andere Naam B.V.", agbCode: "12345678" })).thenRefused({ status: 409, veld: "naam", melding: expect.stringContaining("naam, AGB-code") });
  });

  it("gegeven een profiel, wanneer een inkoper dezelfde gegevens nogmaals stuurt, dan verandert er niets (geen weigering)", () => {
    spec([geregistreerd]).when(registreer(inkoper, {})).thenNothing();
  });
});

describe("de aanbieder wijzigt het eigen profiel", () => {
  it("gegeven een profiel, wanneer de aanbieder dezelfde gegevens stuurt, dan verandert er niets", () => {
    spec([geregistreerd]).when(registreer(zelf, {})).thenNothing();
  });

  it("gegeven een profiel, wanneer de aanbieder de naam wijzigt, dan geldt die meteen", () => {
    spec([geregistreerd]).when(registreer(zelf, { naam: "De Brug Jeugdhulp B.V.", agbCode: "12345678" })).then([{ type: "AanbiederUpdated", data: { ...profiel, naam: "De Brug Jeugdhulp B.V.", agbCode: "12345678" } }]);
  });

  it("gegeven een profiel, wanneer de aanbieder een nieuw e-mailadres opgeeft, dan wacht dat op bevestiging en blijft het oude adres gelden", () => {
    spec([geregistreerd], now)
      .when(registreer(zelf, { email: "nieuw@debrug.example" }))
      .then([{ type: "EmailWijzigingAangevraagd", data: { email: "nieuw@debrug.example", code: CODE, aangevraagdOp: now.toISOString() } }]);
    const state = [geregistreerd, aangevraagd()].reduce(evolve, initialAanbiederState);
    expect(state?.email).toBe("info@debrug.example");
    expect(state?.emailInBehandeling?.email).toBe("nieuw@debrug.example");
  });

  it("naam en e-mailadres samen: de naam meteen, het adres pas na bevestiging", () => {
    spec([geregistreerd], now)
      .when(registreer(zelf, { naam: "De Brug B.V.", email: "nieuw@debrug.example" }))
      .then([
        { type: "AanbiederUpdated", data: { ...profiel, naam: "De Brug B.V." } },
        { type: "EmailWijzigingAangevraagd", data: { email: "nieuw@debrug.example", code: CODE, aangevraagdOp: now.toISOString() } },
      ]);
  });

  it("gegeven een wijziging in behandeling, wanneer hetzelfde nieuwe adres nogmaals komt, dan geen tweede code", () => {
    spec([geregistreerd, aangevraagd()]).when(registreer(zelf, { email: "nieuw@debrug.example" })).thenNothing();
  });

  it("gegeven een wijziging in behandeling, wanneer een naamwijziging met het oude adres komt, dan blijft de wijziging in behandeling", () => {
    spec([geregistreerd, aangevraagd()]).when(registreer(zelf, { naam: "De Brug B.V." })).then([{ type: "AanbiederUpdated", data: { ...profiel, naam: "De Brug B.V." } }]);
    const state = [geregistreerd, aangevraagd(), { type: "AanbiederUpdated", data: { ...profiel, naam: "De Brug B.V." } } as AanbiederEvent].reduce(evolve, initialAanbiederState);
    expect(state).toMatchObject({ naam: "De Brug B.V.", email: "info@debrug.example", emailInBehandeling: { email: "nieuw@debrug.example", code: CODE } });
  });

  it("gegeven een wijziging in behandeling, wanneer een ander nieuw adres komt, dan vervangt die de eerdere (met een nieuwe code)", () => {
    spec([geregistreerd, aangevraagd()], now)
      .when({ type: "Registreer", actor: zelf, data: { key: kvk, registratie: { ...registratie, email: "ander@debrug.example" }, code: "nieuwe-code" } })
      .then([{ type: "EmailWijzigingAangevraagd", data: { email: "ander@debrug.example", code: "nieuwe-code", aangevraagdOp: now.toISOString() } }]);
  });
});

describe("bevestiging van een nieuw e-mailadres", () => {
  it("gegeven een wijziging in behandeling, wanneer de aanbieder de juiste code geeft, dan geldt het nieuwe adres", () => {
    spec([geregistreerd, aangevraagd()]).when(bevestig(zelf, CODE)).then([{ type: "EmailGewijzigd", data: { email: "nieuw@debrug.example", vorigEmail: "info@debrug.example" } }]);
    const state = [geregistreerd, aangevraagd(), { type: "EmailGewijzigd", data: { email: "nieuw@debrug.example", vorigEmail: "info@debrug.example" } } as AanbiederEvent].reduce(evolve, initialAanbiederState);
    expect(state).toEqual({ ...profiel, email: "nieuw@debrug.example" });
  });

  it("neemt de code ongeacht hoofdletters en spaties aan (overgetypt uit de e-mail)", () => {
    spec([geregistreerd, aangevraagd()]).when(bevestig(zelf, `  ${CODE.toUpperCase()} `)).thenEvents((e) => expect(e.map((x) => x.type)).toEqual(["EmailGewijzigd"]));
  });

  it("weigert een verkeerde code (400, veld code)", () => {
    spec([geregistreerd, aangevraagd()]).when(bevestig(zelf, "00000000-0000-4000-8000-000000000000")).thenRefused({ status: 400, refused: "OngeldigeInvoer", veld: "code" });
  });

  it("weigert een bevestiging als er niets in behandeling is (409)", () => {
    spec([geregistreerd]).when(bevestig(zelf, CODE)).thenRefused({ status: 409 });
  });

  it("weigert een bevestiging door een inkoper of een andere aanbieder (403), ook met de juiste code", () => {
    spec([geregistreerd, aangevraagd()]).when(bevestig(inkoper, CODE)).thenRefused({ status: 403, refused: "RolNietToegestaan" });
    spec([geregistreerd, aangevraagd()]).when(bevestig(ander, CODE)).thenRefused({ status: 403 });
  });

  it("weigert een bevestiging voor een aanbieder die niet bestaat (404)", () => {
    spec([]).when(bevestig(zelf, CODE)).thenRefused({ status: 404 });
  });
});

describe("wat gelezen wordt", () => {
  it("toont de wijziging in behandeling zonder de code, in het profiel en in het logboek", () => {
    const state = [geregistreerd, aangevraagd()].reduce(evolve, initialAanbiederState)!;
    expect(weergave(state)).toEqual({ ...profiel, emailInBehandeling: { email: "nieuw@debrug.example", aangevraagdOp: "2026-02-01T09:00:00.000Z" } });
    expect(zonderCode(aangevraagd())).toEqual({ type: "EmailWijzigingAangevraagd", data: { email: "nieuw@debrug.example", aangevraagdOp: "2026-02-01T09:00:00.000Z" } });
    expect(zonderCode(geregistreerd)).toBe(geregistreerd);
  });
});

describe("de regel van voor issue 10 (alleen voor het opnieuw afspelen van oude geschiedenissen)", () => {
  it("overschreef het hele profiel, ook door een inkoper", () => {
    expect(registreerV1(profiel, inkoper, kvk, { ...registratie, email: "kaper@elders.example" }, now)).toEqual([{ type: "AanbiederUpdated", data: { ...profiel, email: "kaper@elders.example" } }]);
  });
});
