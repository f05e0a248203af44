import type { AanbiederProfiel } from "../aanbieder/aanbieder";
import { completeInschrijving, offeredProducts } from "../../test/fixtures/inschrijving";
import { specification } from "../../test/specification";
import type { Actor } from "../shared/actor";
import { decide, type ProcedureCommand } from "./decide";
import { evolve, initialProcedureState, type ProcedureEvent } from "./procedure";

const spec = specification({ initial: initialProcedureState, evolve, decide });

const inkoper: Actor = { rol: "inkoper", id: "i.jansen" };
const systeem: Actor = { rol: "systeem", id: "inkoop" };
const kvk = "12345678";
const aanbiederActor: Actor = { rol: "aanbieder", id: "zorg-bv", kvk };
const profiel: AanbiederProfiel = { kvk, naam: "Zorg BV", email: "info@zorg.example", geregistreerdOp: "2026-01-01T00:00:00.000Z" };

const publicatie = "2026-03-01T08:00:00.000Z";
const sluiting = "2026-04-01T10:00:00.000Z";
const producten = offeredProducts("ambulant-jeugd");
const before = new Date("2026-03-15T12:00:00Z");

const created: ProcedureEvent = {
  type: "ProcedureCreated",
  data: {
    procedureId: "oh-ambulant",
    contractId: "ambulant-jeugd",
    procedureType: "open-house-zonder-toetreding",
    titel: "Open House Ambulant Jeugd 2027",
    publicatieAt: publicatie,
    sluitingAt: sluiting,
    producten,
    instellingen: { aantalBeoordelaarsPerCriterium: 1, hoorEnWederhoorTermijnWerkdagen: 10, herstelTermijnWerkdagen: 5 },
  },
};
const published: ProcedureEvent = { type: "ProcedurePublished", data: { gepubliceerdOp: "2026-03-01T08:00:00.000Z" } };

const submit = (over: Partial<Extract<ProcedureCommand, { type: "SubmitInschrijving" }>["data"]> = {}, actor = aanbiederActor): ProcedureCommand => ({
  type: "SubmitInschrijving",
  actor,
  data: {
    aanbieder: profiel,
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

  it("weigert een contract dat niet via Open House loopt (SAS)", () =>
    spec([]).when(create({ contractId: "hoog-specialistisch-jeugd" })).thenRefused({ status: 400, veld: "contractId", refused: "GeenOpenHouse" }));

  it("weigert een sluiting vóór de publicatie", () =>
    spec([]).when(create({ sluitingAt: "2026-02-01T00:00:00Z" })).thenRefused({ status: 400, veld: "sluitingAt" }));

  it("weigert een product van een ander contract", () =>
    spec([]).when(create({ producten: [offeredProducts("hulp-bij-huishouden")[0]] })).thenRefused({ status: 400, veld: "producten.0" }));

  it("weigert een tweede aanmaak met dezelfde id", () => spec([created]).when(create()).thenRefused({ status: 409, refused: "BestaatAl" }));

  it("weigert een aanbieder die een procedure wil aanmaken", () =>
    spec([]).when({ ...create(), actor: aanbiederActor }).thenRefused({ status: 403, refused: "RolNietToegestaan" }));
});

describe("Open House: inschrijven", () => {
  it("ontvangt een volledige inschrijving vóór de sluiting met het tijdstip van ontvangst", () =>
    spec([created, published], before)
      .when(submit())
      .thenEvents((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: "InschrijvingReceived", data: { volgnummer: 1, kvk, ontvangenOp: before.toISOString() } });
      }));

  it("weigert op het sluitingstijdstip zelf met 409 en een Nederlandse reden", () =>
    spec([created, published], new Date(sluiting))
      .when(submit())
      .thenRefused({ status: 409, refused: "TermijnVerstreken", melding: expect.stringContaining("gesloten") }));

  it("weigert vóór publicatie", () => spec([created], before).when(submit()).thenRefused({ status: 409, refused: "NietGepubliceerd" }));

  it("weigert een tweede inschrijving van hetzelfde KvK-nummer", () =>
    spec(
      [created, published, { type: "InschrijvingReceived", data: { volgnummer: 1, kvk, naam: "Zorg BV", ontvangenOp: before.toISOString(), ontvangstbewijsId: "x", sha256: "y", producten } }],
      before,
    )
      .when(submit())
      .thenRefused({ status: 409, refused: "AlIngeschreven" }));

  it("weigert een onbekende aanbieder (niet geregistreerd KvK-nummer)", () =>
    spec([created, published], before).when(submit({ aanbieder: null })).thenRefused({ status: 400, veld: "kvk", refused: "OnbekendeAanbieder" }));

  it("weigert inschrijven voor een ander KvK-nummer", () =>
    spec([created, published], before).when(submit({ kvk: "87654321" })).thenRefused({ status: 403, veld: "kvk" }));

  it("weigert een product buiten het contract en noemt het veld", () => {
    const inschrijving = completeInschrijving([producten[0]!]);
    inschrijving.producten.push(offeredProducts("wonen-jeugd")[0]!);
    spec([created, published], before).when(submit({ inschrijving })).thenRefused({ status: 400, veld: "producten.1", refused: "OnbekendProduct" });
  });

  it("weigert een ontbrekend antwoord op een criterium en noemt het criterium", () => {
    const inschrijving = completeInschrijving([producten[0]!]);
    inschrijving.antwoorden = inschrijving.antwoorden.filter((a) => a.criterium !== "TC03");
    spec([created, published], before).when(submit({ inschrijving })).thenRefused({ status: 400, veld: "antwoorden.TC03", refused: "OntbrekendAntwoord" });
  });

  it("vraagt ervaring (TC02) en bekwaam personeel (TC07) per gekozen product", () => {
    const inschrijving = completeInschrijving(producten.slice(0, 2));
    inschrijving.antwoorden = inschrijving.antwoorden.filter((a) => !(a.criterium === "TC07" && a.productId === producten[1]));
    spec([created, published], before)
      .when(submit({ inschrijving }))
      .thenRefused({ status: 400, veld: `antwoorden.TC07.${producten[1]}` });
  });

  it("aanvaardt de vrijstelling van TC09 voor een micro-onderneming", () =>
    spec([created, published], before)
      .when(submit({ inschrijving: completeInschrijving(producten.slice(0, 1), { vrijgesteldVan9: true }) }))
      .thenEvents((events) => expect(events[0]?.type).toBe("InschrijvingReceived")));

  it("weigert een vrijstelling voor een criterium zonder vrijstelling", () => {
    const inschrijving = completeInschrijving(producten.slice(0, 1));
    const i = inschrijving.antwoorden.findIndex((a) => a.criterium === "TC10");
    inschrijving.antwoorden[i] = { criterium: "TC10", verklaring: "vrijgesteld", vrijstelling: "micro-onderneming" };
    spec([created, published], before).when(submit({ inschrijving })).thenRefused({ status: 400, veld: `antwoorden.${i}.verklaring` });
  });
});

describe("Open House: sluiten", () => {
  it("sluit niet vóór het sluitingstijdstip", () =>
    spec([created, published], before).when({ type: "CloseProcedure", actor: systeem }).thenRefused({ status: 409, refused: "NogNietGesloten" }));

  it("maakt bij sluiting een proces-verbaal met wat binnenkwam en wanneer", () => {
    const arrival = { volgnummer: 1, kvk, naam: "Zorg BV", ontvangenOp: before.toISOString(), ontvangstbewijsId: "ob-1", sha256: "ab", producten };
    spec([created, published, { type: "InschrijvingReceived", data: arrival }], new Date(sluiting))
      .when({ type: "CloseProcedure", actor: systeem })
      .thenEvents(([closed]) => {
        expect(closed?.type).toBe("ProcedureClosed");
        if (closed?.type !== "ProcedureClosed") return;
        expect(closed.data.procesVerbaal).toMatchObject({ procedureId: "oh-ambulant", aantal: 1, inschrijvingen: [arrival], sluitingAt: sluiting });
        expect(closed.data.procesVerbaal.contract.sectie).toBe("6.8");
      });
  });

  it("sluit een tweede keer niet opnieuw", () =>
    spec([created, published, { type: "ProcedureClosed", data: { geslotenOp: sluiting, procesVerbaal: {} as never } }], new Date(sluiting))
      .when({ type: "CloseProcedure", actor: systeem })
      .thenNothing());

  it("laat alleen het systeem sluiten", () =>
    spec([created, published], new Date(sluiting)).when({ type: "CloseProcedure", actor: inkoper }).thenRefused({ status: 403 }));
});
