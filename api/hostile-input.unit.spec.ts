import { Client, Connection } from "@temporalio/client";
import express from "express";
import request from "supertest";
import { gzipSync } from "node:zlib";
import { EngineClient } from "../engine/client";
import { createApp } from "./app";
import { siteErrorHandler } from "./site-errors";

// Every request here is refused before a route reads the engine, and none carries a session cookie,
// so an engine nobody listens on proves that no refusal needs one.
const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: "127.0.0.1:9" }) }), "none");
const build = () => createApp({ engine, roleHeaders: true, web: { session: { secret: "x".repeat(32), secure: false } } });

const MB = 1024 * 1024;
/** A syntactically valid JSON object of exactly `bytes` bytes. */
const jsonOf = (bytes: number) => `{"x":"${"a".repeat(bytes - 8)}"}`;

type Res = request.Response;

/** No stack frame, no file path of the server, whatever NODE_ENV says. */
function expectNoLeak(res: Res): void {
  const body = res.text ?? "";
  expect(body).not.toMatch(/\bat \S+ \(|\bat (?:\/|node:)/);
  expect(body).not.toContain("/work/");
  expect(body).not.toContain("node_modules");
  expect(body).not.toMatch(/Error:|URIError|SyntaxError/);
}

function expectProblem(res: Res, status: number, detail: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const doc = JSON.parse(res.text) as { status: number; title: string; detail: string };
  expect(doc.status).toBe(status);
  expect(doc.detail).toMatch(detail);
  expect(doc.title).not.toBe("Fout");
  expectNoLeak(res);
}

function expectPage(res: Res, status: number, text: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^text\/html/);
  expect(res.text).toContain('<html lang="nl"');
  expect(res.text).toMatch(text);
  expectNoLeak(res);
}

/** superagent would JSON-serialise a Buffer sent as application/json: these bytes go out as they are. */
const bytes = (b: Buffer | string) => (req: request.Test) => req.serialize(() => b as unknown as string).send(b as string);

const api = (app: express.Express) => request(app).post("/api/v1/procedures").set("X-Inkoop-Rol", "inkoper");

describe.each(["production", "development"])("vijandige invoer (NODE_ENV=%s)", (env) => {
  let app: express.Express;
  const saved = process.env.NODE_ENV;
  beforeAll(() => {
    // Express reads NODE_ENV when the app is made: its default error page shows the stack outside production.
    process.env.NODE_ENV = env;
    app = build();
  });
  afterAll(() => {
    process.env.NODE_ENV = saved;
  });

  describe("API: problem+json", () => {
    it.each([
      ["1 MB", MB + 1],
      ["10 MB", 10 * MB],
    ])("weigert JSON boven de grens (%s) met 413", async (_label, bytes) => {
      const res = await api(app).set("Content-Type", "application/json").send(jsonOf(bytes));
      expectProblem(res, 413, /te groot.*1 MB/);
    });

    it("weigert 10 MB achter gzip (uitgepakt gemeten) met 413", async () => {
      const res = await bytes(gzipSync(jsonOf(10 * MB)))(api(app).set("Content-Type", "application/json").set("Content-Encoding", "gzip"));
      expectProblem(res, 413, /te groot/);
    });

    it("weigert Content-Encoding: gzip met gewone bytes met 400", async () => {
      const res = await api(app).set("Content-Type", "application/json").set("Content-Encoding", "gzip").send('{"titel":"geen gzip"}');
      expectProblem(res, 400, /Content-Encoding/);
    });

    it.each(["compress", "x-onbekend"])("weigert Content-Encoding: %s met 415", async (encoding) => {
      const res = await api(app).set("Content-Type", "application/json").set("Content-Encoding", encoding).send('{"titel":"x"}');
      expectProblem(res, 415, /Content-Encoding.*niet ondersteund/);
    });

    it.each(["latin1", "utf-16", "UTF-16LE", "iso-8859-1"])("weigert application/json; charset=%s met 415", async (charset) => {
      const body = charset.toLowerCase().startsWith("utf-16") ? Buffer.from('{"titel":"x"}', "utf16le") : Buffer.from('{"titel":"x"}', "latin1");
      const res = await bytes(body)(api(app).set("Content-Type", `application/json; charset=${charset}`));
      expectProblem(res, 415, /tekenset.*UTF-8/);
    });

    it("weigert kapotte JSON met 400", async () => {
      const res = await api(app).set("Content-Type", "application/json").send('{"titel": ');
      expectProblem(res, 400, /geen geldige JSON/);
    });

    it.each(["/api/v1/procedures/%ff%fe", "/api/v1/procedures/%c0%ae%c0%ae", "/api/v1/procedures/%"])("weigert %s met 400", async (path) => {
      const res = await request(app).get(path).set("X-Inkoop-Rol", "inkoper");
      expectProblem(res, 400, /ongeldige %-codering/);
    });

    it("geeft een onbekend API-adres 404 en noemt het volledige adres", async () => {
      const res = await request(app).get("/api/v1/bestaat-niet?x=1");
      expectProblem(res, 404, /^Onbekend adres: GET \/api\/v1\/bestaat-niet$/);
    });

    it("wijst op /api/v1 zelf de weg naar het OpenAPI-document", async () => {
      const res = await request(app).get("/api/v1");
      expect([res.status, res.body.openapi]).toEqual([200, "/api/v1/openapi.json"]);
    });
  });

  describe("pagina's: Nederlandse HTML", () => {
    it("weigert een formulier van 10 MB op /inloggen met 413", async () => {
      const res = await request(app).post("/inloggen").type("form").send(`gebruikersnaam=a&wachtwoord=${"a".repeat(10 * MB)}`);
      expectPage(res, 413, /te groot/);
    });

    it("weigert 10 MB JSON op /inloggen met 413", async () => {
      const res = await request(app).post("/inloggen").set("Content-Type", "application/json").send(jsonOf(10 * MB));
      expectPage(res, 413, /te groot/);
    });

    it("weigert kapotte JSON op /inloggen met 400", async () => {
      const res = await request(app).post("/inloggen").set("Content-Type", "application/json").send('{"gebruikersnaam": ');
      expectPage(res, 400, /geen geldige JSON/);
    });

    it("weigert een kapot gzip-lichaam op /inloggen met 400", async () => {
      const res = await request(app).post("/inloggen").type("form").set("Content-Encoding", "gzip").send("gebruikersnaam=a&wachtwoord=b");
      expectPage(res, 400, /Content-Encoding/);
    });

    it("weigert een onbekende Content-Encoding op /inloggen met 415", async () => {
      const res = await request(app).post("/inloggen").type("form").set("Content-Encoding", "compress").send("gebruikersnaam=a");
      expectPage(res, 415, /niet ondersteund/);
    });

    it("weigert een formulier in latin1 met 415", async () => {
      const res = await request(app).post("/inloggen").set("Content-Type", "application/x-www-form-urlencoded; charset=latin1").send("gebruikersnaam=a");
      expectPage(res, 415, /tekenset/);
    });

    it.each(["/inkoper/procedures/%ff%fe", "/aanbieder/uploads/%ff", "/inkoper/procedures/%c0%ae%c0%ae"])("weigert %s met 400", async (path) => {
      const res = await request(app).get(path);
      expectPage(res, 400, /ongeldige %-codering/);
    });

    it("geeft een onbekende pagina een Nederlandse 404", async () => {
      const res = await request(app).get("/bestaat/niet");
      expectPage(res, 404, /Deze pagina bestaat niet/);
    });

    it("geeft een onbekend bestand onder /static een Nederlandse 404", async () => {
      const res = await request(app).get("/static/bestaat-niet.css");
      expectPage(res, 404, /Deze pagina bestaat niet/);
    });
  });
});

describe("onbekende fouten", () => {
  // A route that throws what nobody expected: the handler logs it and answers a generic 500.
  const app = express();
  const secret = new Error("geheim /work/main/api/x.ts lek");
  app.get("/api/v1/stuk", () => {
    throw secret;
  });
  app.get("/stuk", () => {
    throw secret;
  });
  app.use(siteErrorHandler);

  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it("API: 500 met algemene tekst, fout in het serverlog", async () => {
    const res = await request(app).get("/api/v1/stuk");
    expectProblem(res, 500, /Er ging iets mis aan onze kant/);
    expect(res.text).not.toContain("geheim");
    expect(log).toHaveBeenCalledWith(secret);
  });

  it("pagina: 500 met algemene tekst, fout in het serverlog", async () => {
    const res = await request(app).get("/stuk");
    expectPage(res, 500, /Er ging iets mis aan onze kant/);
    expect(res.text).not.toContain("geheim");
    expect(log).toHaveBeenCalledWith(secret);
  });

  it("een 5xx met status van een bibliotheek wordt ook algemeen", async () => {
    const lib = express();
    lib.get("/x", () => {
      throw Object.assign(new Error("stream is not readable"), { status: 500, type: "stream.not.readable" });
    });
    lib.use(siteErrorHandler);
    const res = await request(lib).get("/x");
    expectPage(res, 500, /Er ging iets mis aan onze kant/);
    expect(res.text).not.toContain("readable");
  });
});
