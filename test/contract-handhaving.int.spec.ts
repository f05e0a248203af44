import { contractenViaGunning } from "./fixtures/contract";
import type { Express } from "express";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { waitForMail } from "../scripts/inbox/mailbox";
import { as, until } from "./api-client";
import { offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "./harness/stack";

jest.setTimeout(90_000);

/**
 * Handhaving and opzegging of a real contract on the engine: a cliëntenstop and its opheffing, each a
 * besluit of the authority with a letter; an opzegging by the aanbieder with the notice rule.
 */
describe("Contract: handhaving en opzegging (engine, SMTP)", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.handhaving" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.handhaving" };
  const a: Actor = { rol: "aanbieder", id: "a", kvk: uniqueKvk() };
  const email = `handhaving-${a.kvk}@aanbieder.example`;
  const procedureId = uniqueId("oh-contract");
  const product = offeredProducts("dagbesteding-jeugd")[0]!;
  const url = `/api/v1/contracten/dagbesteding-jeugd/${a.kvk}`;

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    await contractenViaGunning(app, {
      procedureId,
      contractId: "dagbesteding-jeugd",
      titel: "Open House Dagbesteding (handhaving)",
      product,
      aanbieders: [{ actor: a, naam: "Dagbesteding De Zon", email }],
      inkoper,
      beoordelaar,
      directeur,
    });
  });
  afterAll(closeEngine);

  it("legt een cliëntenstop op na een besluit, met een brief, en heft hem bij besluit weer op", async () => {
    const short = await as(app, inkoper).post(`${url}/voorstellen`, { soort: "clientenstop", motivering: "Te kort" });
    expect([short.status, short.body.veld]).toEqual([400, "motivering"]);
    const voorstel = await as(app, inkoper).post(`${url}/voorstellen`, { soort: "clientenstop", motivering: "Signalen van de toegang over wachttijden en klachten van cliënten in 2027." });
    expect([voorstel.status, voorstel.body.detail]).toEqual([201, undefined]);
    expect((await as(app, a).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(403);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    const contract = await until("cliëntenstop", async () => {
      const res = await as(app, a).get(url);
      return res.body.clientenstop ? res.body : undefined;
    });
    expect(contract.status).toBe("actief");
    await waitForMail(stack().mailDir, (m) => m.to.includes(email) && m.subject.includes(voorstel.body.besluitId));

    const opheffing = await as(app, inkoper).post(`${url}/voorstellen`, { soort: "opheffing-clientenstop", motivering: "De wachttijden zijn terug binnen de norm en de klachten zijn afgehandeld." });
    expect(opheffing.status).toBe(201);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${opheffing.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    await until("opgeheven", async () => ((await as(app, a).get(url)).body.clientenstop ? undefined : true));
    const log = await as(app, inkoper).get(`${url}/logboek`);
    expect(log.body.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["ContractGestart", "ClientenstopVoorgesteld", "ClientenstopOpgelegd", "OpheffingClientenstopVoorgesteld", "ClientenstopOpgeheven"]));
  });

  it("stelt in gebreke met een termijn en legt de verbetering vast", async () => {
    const voorstel = await as(app, inkoper).post(`${url}/voorstellen`, { soort: "ingebrekestelling", termijnWerkdagen: 20, motivering: "De afgesproken verbetermaatregelen uit het kwartaalgesprek zijn niet uitgevoerd." });
    expect([voorstel.status, voorstel.body.detail]).toEqual([201, undefined]);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    const lopend = await until("ingebrekestelling", async () => {
      const res = await as(app, inkoper).get(url);
      return res.body.ingebrekestelling?.status === "lopend" ? res.body : undefined;
    });
    expect(lopend.volgendeWekker.soort).toBe("einde-ingebrekestelling");
    const ontbinding = await as(app, inkoper).post(`${url}/voorstellen`, { soort: "ontbinding", motivering: "Nog geen verbetering zichtbaar binnen de lopende termijn van de ingebrekestelling." });
    expect(ontbinding.status).toBe(409);
    const verbeterd = await as(app, inkoper).post(`${url}/verbetering`, { motivering: "Het verbeterplan is uitgevoerd en bij een controlebezoek bevestigd." });
    expect([verbeterd.status, verbeterd.body.detail]).toEqual([201, undefined]);
    expect(verbeterd.body.ingebrekestelling.status).not.toBe("lopend");
  });

  it("laat de aanbieder opzeggen met de opzegtermijn en plant het einde in", async () => {
    const other: Actor = { rol: "aanbieder", id: "b", kvk: uniqueKvk() };
    expect((await as(app, other).post(`${url}/opzegging`, { toelichting: "niet van mij" })).status).toBe(403);
    const res = await as(app, a).post(`${url}/opzegging`, { toelichting: "Wij stoppen met dagbesteding voor jeugd." });
    expect([res.status, res.body.detail]).toEqual([201, undefined]);
    const contract = (await as(app, a).get(url)).body;
    expect(contract.einde).toBeDefined();
    expect(contract.volgendeWekker?.soort).toBe("einde-opzegging");
  });
});
