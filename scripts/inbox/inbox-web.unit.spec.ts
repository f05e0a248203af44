import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express, { type Express } from "express";
import request from "supertest";
import { createApp } from "../../api/app";
import type { WebUser } from "../../api/web/layout";
import type { EngineClient } from "../../engine/client";
import { inboxRouter } from "./web";

// The mail inbox lists every mail with its PDFs: only a logged-in user of the region may read it.
let mailDir: string;

beforeAll(async () => {
  mailDir = await mkdtemp(join(tmpdir(), "inkoop-inbox-web-"));
});

afterAll(async () => {
  await rm(mailDir, { recursive: true, force: true });
});

/** The inbox behind a stand-in for the session middleware, which sets req.user for a logged-in user. */
function appAs(user?: WebUser): Express {
  const app = express();
  app.use((req, _res, next) => {
    if (user) req.user = user;
    next();
  });
  app.use("/inbox", inboxRouter(mailDir));
  return app;
}

describe("toegang tot de mail-inbox", () => {
  it("stuurt wie niet is ingelogd naar de inlogpagina", async () => {
    const res = await request(appAs()).get("/inbox/").expect(303);
    expect(res.headers.location).toBe(`/inloggen?terug=${encodeURIComponent("/inbox/")}`);
    // A message or an attachment is no way around the login.
    const att = await request(appAs()).get("/inbox/0000000000000-000000.eml/bijlagen/1").expect(303);
    expect(att.headers.location).toMatch(/^\/inloggen\?/);
  });

  it("weigert een aanbieder met een Nederlandse 403-pagina", async () => {
    const res = await request(appAs({ gebruikersnaam: "alfa", naam: "Jeugdhulp De Brug B.V.", rol: "aanbieder", kvk: "12345678" })).get("/inbox/").expect(403);
    expect(res.text).toContain("Geen toegang");
    expect(res.text).toContain("inkoper, beoordelaar, programmadirecteur, bosd");
    expect(res.text).not.toContain("<caption>");
  });

  it.each(["inkoper", "beoordelaar", "programmadirecteur", "bosd"] as const)("toont de lijst aan een %s", async (rol) => {
    const res = await request(appAs({ gebruikersnaam: `${rol}.test`, naam: "Test", rol })).get("/inbox/").expect(200);
    expect(res.text).toContain("<h1>Inbox</h1>");
  });

  it("in de echte keten (createApp met extraRoutes, zoals npm start) is /inbox zonder sessie dicht", async () => {
    // Without a validly signed session cookie the session middleware never asks the engine, so none is needed here.
    // The metrics listen to the engine's calls; there are none here.
    const engine = { observe: () => () => undefined } as unknown as EngineClient;
    const app = createApp({
      engine,
      web: { session: { secret: "test-geheim", secure: false } },
      roleHeaders: true,
      extraRoutes: (a) => a.use("/inbox", inboxRouter(mailDir)),
    });
    const anonymous = await request(app).get("/inbox/").expect(303);
    expect(anonymous.headers.location).toMatch(/^\/inloggen\?terug=/);
    // A forged cookie is no session, and role headers (development API access) are no login for pages.
    await request(app).get("/inbox/").set("Cookie", "inkoop_sessie=vervalst.handtekening").expect(303);
    await request(app).get("/inbox/").set("X-Inkoop-Rol", "inkoper").set("X-Inkoop-Gebruiker", "inkoper.test").expect(303);
  });
});
