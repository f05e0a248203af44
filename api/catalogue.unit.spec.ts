import { Client, Connection } from "@temporalio/client";
import request from "supertest";
import { EngineClient } from "../engine/client";
import { createApp } from "./app";

// The catalogue and the OpenAPI document need no engine: an engine nobody listens on proves it.
const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: "127.0.0.1:9" }) }), "none");
const app = createApp({ engine, roleHeaders: true });

describe("GET /api/v1/catalogue", () => {
  it("geeft de aantallen van de catalogus", async () => {
    const res = await request(app).get("/api/v1/catalogue");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ contracten: 12, producten: 90, toelatingscriteria: 11, besluitbevoegdheden: 25 });
  });

  it("geeft een contract met looptijd, sectie en producten", async () => {
    const res = await request(app).get("/api/v1/catalogue/contracts/ambulant-jeugd");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sectie: "6.8", procedureType: "open-house-zonder-toetreding", looptijd: { initieelJaren: 3, maxJaren: 10 } });
    expect(res.body.producten.map((p: { code: string }) => p.code)).toContain("45A48");
  });

  it("filtert producten op code en laat zien dat 08A03 in drie contracten staat", async () => {
    const res = await request(app).get("/api/v1/catalogue/products").query({ code: "08A03" });
    expect(res.status).toBe(200);
    expect(new Set(res.body.map((p: { contractId: string }) => p.contractId)).size).toBe(3);
  });

  it("geeft één product op zijn id (contract/code)", async () => {
    const res = await request(app).get("/api/v1/catalogue/products/ambulant-jeugd/45A48");
    expect(res.status).toBe(200);
    expect(res.body.naam).toBe("Begeleiding Jeugd");
  });

  it("weigert een ongeldige statusfilter met het veld", async () => {
    const res = await request(app).get("/api/v1/catalogue/products").query({ status: "misschien" });
    expect(res.status).toBe(400);
    expect(res.body.veld).toBe("query.status");
  });

  it("antwoordt 404 met een Nederlandse reden voor een onbekend contract", async () => {
    const res = await request(app).get("/api/v1/catalogue/contracts/tandzorg");
    expect(res.status).toBe(404);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.detail).toMatch(/Onbekend contract/);
  });

  it("geeft de toelatingscriteria met vrijstellingen en de bevoegdheden uit 7.2", async () => {
    const criteria = await request(app).get("/api/v1/catalogue/toelatingscriteria");
    expect(criteria.body.toelatingscriteria).toHaveLength(11);
    expect(criteria.body.toelatingscriteria[8].vrijstellingen.map((v: { code: string }) => v.code)).toEqual(["micro-onderneming", "geen-vrijwilligers"]);
    const authorities = await request(app).get("/api/v1/catalogue/authorities");
    expect(authorities.body.find((a: { besluitType: string }) => a.besluitType === "akkoord-gunning")).toMatchObject({ authority: "programmadirecteur", bron: expect.stringContaining("7.2") });
  });
});

describe("rollen en fouten", () => {
  it("weigert een procedure aanmaken zonder rol met 401", async () => {
    const res = await request(app).post("/api/v1/procedures").send({});
    expect(res.status).toBe(401);
  });

  it("weigert een onbekende rol met 400 en noemt de header", async () => {
    const res = await request(app).get("/api/v1/procedures").set("X-Inkoop-Rol", "wethouder");
    expect(res.status).toBe(400);
    expect(res.body.veld).toBe("x-inkoop-rol");
  });

  it("valideert de invoer vóór de engine: ontbrekende titel geeft 400 met het veld", async () => {
    const res = await request(app)
      .post("/api/v1/procedures")
      .set("X-Inkoop-Rol", "inkoper")
      .send({ contractId: "ambulant-jeugd", publicatieAt: "2026-01-01T00:00:00Z", sluitingAt: "2026-02-01T00:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body.veld).toBe("titel");
  });

  it("weigert kapotte JSON met 400", async () => {
    const res = await request(app).post("/api/v1/procedures").set("X-Inkoop-Rol", "inkoper").set("content-type", "application/json").send("{kapot");
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/JSON/);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("beschrijft elke route met de schema's die de invoer valideren", async () => {
    const res = await request(app).get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const submit = res.body.paths["/api/v1/procedures/{id}/inschrijvingen"].post;
    expect(submit.requestBody.content["application/json"].schema.required).toEqual(["producten", "antwoorden"]);
    expect(submit.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["id", "X-Inkoop-Rol", "X-Inkoop-Kvk", "Idempotency-Key"]));
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/catalogue/contracts", "/api/v1/procedures", "/api/v1/procedures/{id}/proces-verbaal", "/api/v1/aanbieders"]),
    );
  });
});
