import type { Express } from "express";
import type { Server } from "node:http";
import request from "supertest";
import { createApp } from "../../api/app";
import type { WebUser } from "../../api/web/layout";
import { as } from "../api-client";
import { completeInschrijving } from "../fixtures/inschrijving";
import { closeEngine, engine, uniqueId } from "../harness/stack";
import { pdfText } from "../pdf-text";
import { sessionFor, TEST_SECRET } from "../web-session";
import { beoordelaar, bosd, buildWorld, directeur, inkoper, type World } from "./fixtures";
import { checkAnswer, pool, send, Tally, type Caller, type Probe } from "./probe";
import { brokenBodies, freeTextFields, IMG, ODD_TEXT, SCRIPT, validValue, type JsonSchema, type Overrides } from "./schema-values";

/**
 * Issue 10, "the suite": every operation of the generated OpenAPI document, called by every kind of
 * caller with a plausible body, with broken bodies, odd path ids and wrong content types, against the
 * real engine. No answer is a 5xx, a role outside the operation's list never gets a 2xx, another
 * aanbieder never reaches A's inschrijving, contract or besluit, every refusal is a Dutch problem
 * document without internals, a refusal changes nothing, and markup sent in stays text on the pages.
 */
jest.setTimeout(120_000);

interface Operation {
  method: "get" | "post";
  path: string;
  roles?: string[];
  body?: JsonSchema;
}

const PARALLEL = 8;

describe("vijandige invoer op elke API-route (echte engine)", () => {
  let app: Express;
  let server: Server;
  let w: World;
  let ops: Operation[];
  let callers: Caller[];
  const tally = new Tally();

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true, web: { session: { secret: TEST_SECRET, secure: false } } });
    server = app.listen(0, "127.0.0.1");
    w = await buildWorld(app);
    const doc = (await request(server).get("/api/v1/openapi.json")).body as { paths: Record<string, Record<string, { parameters: { name: string; schema: { enum?: string[] } }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method as "get" | "post",
        path,
        roles: op.parameters.find((p) => p.name === "X-Inkoop-Rol")?.schema.enum,
        body: op.requestBody?.content["application/json"]?.schema,
      })),
    );
    callers = [
      { name: "niemand" },
      { name: "inkoper", actor: inkoper },
      { name: "beoordelaar", actor: beoordelaar },
      { name: "aanbieder A", actor: w.a },
      { name: "aanbieder B", actor: w.b },
      { name: "programmadirecteur", actor: directeur },
      { name: "BOSD", actor: bosd },
    ];
  });

  afterAll(async () => {
    console.log(tally.summary());
    await new Promise((r) => server?.close(r));
    await closeEngine();
  });

  const allowed = (op: Operation, c: Caller) => !op.roles || (c.actor !== undefined && op.roles.includes(c.actor.rol));
  /** The caller who may: an aanbieder operation is A's, the others the first region role listed. */
  const firstAllowed = (op: Operation): Caller => callers.find((c) => c.name !== "aanbieder B" && allowed(op, c))!;
  /** Operations on A's own inschrijving, contract, profile or besluit: B may hold the role, never the resource. */
  const ownerScoped = (op: Operation) => /\{kvk\}/.test(op.path) || (/\{besluitId\}/.test(op.path) && w.besluitA !== w.gunningId);

  /** Real fixtures for the path parameters. */
  function fill(op: Operation, odd?: { param: string; value: string }): string {
    const onP2 = /inschrijvingen\/\{kvk\}|gunningsvoorstel|proces-verbaal|\/logboek$/.test(op.path);
    const values: Record<string, string> = {
      id: op.path.startsWith("/api/v1/catalogue") ? "ambulant-jeugd" : onP2 ? w.p2 : w.p1,
      kvk: w.a.kvk!,
      contractId: "ambulant-jeugd",
      productKey: w.product.split("/").slice(1).join("/"),
      besluitId: w.besluitA,
      documentId: op.path.includes("/besluiten/") ? w.besluitDocId : op.path.startsWith("/api/v1/procedures/{id}/documenten") ? w.notaId : "doc-onbekend",
      nr: "1",
      termijnEinde: "2030-12-31",
    };
    return op.path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => (odd?.param === name ? odd.value : encodeURIComponent(values[name] ?? "x")));
  }

  function overrides(extra: Overrides = {}): Overrides {
    return {
      kvk: w.a.kvk,
      contractId: "ambulant-jeugd",
      producten: [w.product],
      item: w.criterium,
      ontbrekend: [w.criterium],
      naam: "Vijandige Zorg",
      titel: "Vijandige procedure",
      ...extra,
    };
  }

  function validBody(op: Operation, o: Overrides): Record<string, unknown> | undefined {
    if (!op.body) return undefined;
    if (op.method === "post" && op.path === "/api/v1/procedures/{id}/inschrijvingen") return completeInschrijving([w.product]) as unknown as Record<string, unknown>;
    return validValue(op.body, "", o) as Record<string, unknown>;
  }

  const probe = (op: Operation, caller: Caller, extra: Partial<Probe> = {}): Probe => ({ method: op.method, path: fill(op), caller, route: `${op.method.toUpperCase()} ${op.path.replace("/api/v1", "")}`, ...extra });

  /** Every log a refusal could have written to, read by the region. */
  async function snapshot(refusedId: string): Promise<string[]> {
    const paths = [
      `/api/v1/procedures/${w.p1}/logboek`,
      `/api/v1/procedures/${w.p2}/logboek`,
      `/api/v1/procedures/${w.p1}/vragen`,
      `/api/v1/procedures/${w.p2}/inschrijvingen/${w.a.kvk}/logboek`,
      `/api/v1/besluiten/${w.besluitA}/logboek`,
      `/api/v1/besluiten/${w.gunningId}/logboek`,
      `/api/v1/aanbieders/${w.a.kvk}/logboek`,
      `/api/v1/contracten/ambulant-jeugd/${w.a.kvk}/logboek`,
      `/api/v1/procedures/${refusedId}`,
      `/api/v1/aanbieders/${w.b.kvk}/logboek`,
    ];
    return Promise.all(paths.map(async (p) => `${p} ${(await as(app, inkoper).get(p)).status} ${(await as(app, inkoper).get(p)).text}`));
  }

  async function run(probes: Probe[], expect2xx: (p: Probe) => "nooit" | "mag"): Promise<void> {
    await pool(probes, PARALLEL, async (p) => {
      const res = await send(server, p);
      checkAnswer(tally, p, res);
      if (res.status < 300 && expect2xx(p) === "nooit") tally.fail(p, res, "verboden 2xx");
    });
  }

  const expectClean = (from = 0) => expect(tally.violations.slice(from)).toEqual([]);

  it("weigert elke verkeerde rol, elke vreemde aanbieder en elk kapot lichaam, en zo'n weigering verandert niets", async () => {
    const from = tally.violations.length;
    const refusedId = uniqueId("vijandig-geweigerd");
    const o = overrides({ id: refusedId });
    const before = await snapshot(refusedId);
    const probes: Probe[] = [];
    const roleRefusals: Probe[] = [];
    for (const op of ops) {
      const valid = validBody(op, o);
      const body = valid === undefined ? undefined : JSON.stringify(valid);
      for (const c of callers) {
        if (!allowed(op, c)) {
          roleRefusals.push(probe(op, c, { body }));
          // The role is checked before the body: a wrong role learns nothing about the schema.
          if (op.body) roleRefusals.push(probe(op, c, { body: "[1]" }));
        }
        else if (c.name === "aanbieder B" && ownerScoped(op)) probes.push(probe(op, c, { body }));
      }
      if (!op.body || !valid) continue;
      const who = firstAllowed(op);
      for (const broken of brokenBodies(op.body, valid)) probes.push(probe(op, who, { body: broken.json }));
      // The same valid body under a content type that is not JSON.
      const form = Object.entries(valid)
        .filter(([, v]) => typeof v === "string")
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join("&");
      probes.push(probe(op, who, { body: JSON.stringify(valid), contentType: "text/plain" }));
      probes.push(probe(op, who, { body: form || "x=1", contentType: "application/x-www-form-urlencoded" }));
      probes.push(probe(op, who, { body: `<body>${JSON.stringify(valid)}</body>`, contentType: "application/xml" }));
      probes.push(probe(op, who, { body: JSON.stringify(valid), contentType: "application/json; charset=utf-16" }));
    }
    await pool(roleRefusals, PARALLEL, async (p) => {
      const res = await send(server, p);
      checkAnswer(tally, p, res);
      const want = p.caller.actor ? 403 : 401;
      if (res.status !== want) tally.fail(p, res, `verwacht ${want}`);
    });
    await run(probes, () => "nooit");
    expectClean(from);
    expect(await snapshot(refusedId)).toEqual(before);
  });

  it("vreemde padwaarden geven nooit een 5xx en nooit een 2xx op een POST", async () => {
    const from = tally.violations.length;
    const odd = ["../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2F", "x".repeat(5000), encodeURIComponent("ünï\u202Ecødé🧨"), "%00", "a%00b", "%0d%0aX-Test:%201", encodeURIComponent(SCRIPT), "%", "%ff%fe", "-1", "1e99", " "];
    const probes: Probe[] = [];
    const o = overrides({ id: uniqueId("vijandig-pad") });
    for (const op of ops) {
      const params = [...op.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
      const valid = validBody(op, o);
      const who = firstAllowed(op);
      for (const param of params)
        for (const value of odd) probes.push({ ...probe(op, who, { body: valid === undefined ? undefined : JSON.stringify(valid) }), path: fill(op, { param, value }) });
    }
    await run(probes, (p) => (p.method === "post" ? "nooit" : "mag"));
    expectClean(from);
  });

  it("elke route met elke beller en een geldig lichaam: nooit 5xx, rollen en eigenaarschap gehandhaafd", async () => {
    const from = tally.violations.length;
    const probes: Probe[] = [];
    for (const op of ops) {
      const valid = validBody(op, overrides({ id: uniqueId("vijandig-geldig") }));
      for (const c of callers) probes.push(probe(op, c, { body: valid === undefined ? undefined : JSON.stringify(valid) }));
    }
    await run(probes, (p) => {
      const op = ops.find((x) => probe(x, p.caller).route === p.route)!;
      return !allowed(op, p.caller) || (p.caller.name === "aanbieder B" && ownerScoped(op)) ? "nooit" : "mag";
    });
    expectClean(from);
  });

  it("markup, RTL, NUL en emoji in elk vrij tekstveld: geaccepteerd of netjes geweigerd, nooit 5xx", async () => {
    const from = tally.violations.length;
    const probes: Probe[] = [];
    for (const op of ops) {
      if (!op.body) continue;
      const who = firstAllowed(op);
      for (const field of freeTextFields(op.body)) {
        if (["kvk", "contractId", "id", "item"].includes(field)) continue;
        for (const text of [ODD_TEXT, `${SCRIPT}${IMG}`]) {
          const valid = validBody(op, overrides({ id: uniqueId("vijandig-tekst"), [field]: text }))!;
          probes.push(probe(op, who, { body: JSON.stringify({ ...valid, [field]: text }) }));
        }
      }
    }
    await run(probes, () => "mag");
    expectClean(from);
  });

  /** Pages that show what was sent in: the markup must come back escaped, never as markup. */
  async function checkPages(): Promise<void> {
    const login = async (user: WebUser) => (await sessionFor(engine(), user)).agent(app);
    const who = {
      inkoper: await login({ gebruikersnaam: inkoper.id, naam: "Ingrid Vijandig", rol: "inkoper" }),
      beoordelaar: await login({ gebruikersnaam: beoordelaar.id, naam: "Bram Vijandig", rol: "beoordelaar" }),
      directeur: await login({ gebruikersnaam: directeur.id, naam: "Petra Vijandig", rol: "programmadirecteur" }),
      a: await login({ gebruikersnaam: w.a.id, naam: "Anna Vijandig", rol: "aanbieder", kvk: w.a.kvk! }),
    };
    const pages: [keyof typeof who, string][] = [
      ["inkoper", "/inkoper"],
      ["inkoper", `/inkoper/procedures/${w.p1}`],
      ["inkoper", `/inkoper/procedures/${w.p2}`],
      ["inkoper", `/inkoper/procedures/${w.p2}/inschrijvingen/${w.a.kvk}`],
      ["inkoper", "/besluiten"],
      ["inkoper", `/besluiten/${w.gunningId}`],
      ["inkoper", `/besluiten/${w.besluitA}`],
      ["inkoper", "/contracten"],
      ["inkoper", `/contracten/ambulant-jeugd/${w.a.kvk}`],
      ["inkoper", `/inkoper/contracten/ambulant-jeugd/${w.a.kvk}`],
      ["beoordelaar", "/beoordelaar"],
      ["beoordelaar", `/beoordelaar/procedures/${w.p2}/inschrijvingen/${w.a.kvk}?item=${encodeURIComponent(w.criterium)}`],
      ["directeur", `/besluiten/${w.gunningId}`],
      ["a", "/aanbieder"],
      ["a", `/aanbieder/procedures/${w.p1}`],
      ["a", `/aanbieder/procedures/${w.p1}/inschrijving`],
      ["a", "/aanbieder/besluiten"],
      ["a", "/aanbieder/contracten"],
    ];
    const problems: string[] = [];
    let escapedSeen = 0;
    for (const [user, path] of pages) {
      const res = await who[user].get(path);
      tally.record(`pagina ${path.split("?")[0]!.replace(w.p1, "{P1}").replace(w.p2, "{P2}").replace(w.a.kvk!, "{kvk}").replace(w.gunningId, "{besluit}").replace(w.besluitA, "{besluit}")}`, res.status);
      if (res.status >= 500) problems.push(`${path}: ${res.status}`);
      const text = res.text ?? "";
      if (text.includes(SCRIPT) || /<img src=x/i.test(text)) problems.push(`${path} (${user}): markup onge-escaped`);
      if (text.includes("&lt;script&gt;alert(1)&lt;/script&gt;")) escapedSeen += 1;
    }
    expect(problems).toEqual([]);
    // The payload did reach the pages (as text): otherwise this check would prove nothing.
    expect(escapedSeen).toBeGreaterThan(3);
  }

  it("markup uit de invoer staat als tekst op de pagina's, niet als markup", async () => {
    await checkPages();
  });

  it("de nota van inlichtingen (PDF) toont de markup letterlijk als tekst", async () => {
    const res = await as(app, w.a).get(`/api/v1/procedures/${w.p1}/documenten/${w.notaId}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const text = (await pdfText(res.body as Buffer)).replace(/\s+/g, " ");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("<img src=x onerror=alert(1)>");
  });

  it("het besluit van A (PDF) toont de naam met markup letterlijk als tekst", async () => {
    const res = await as(app, w.a).get(`/api/v1/besluiten/${w.besluitA}/documenten/${w.besluitDocId}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const text = (await pdfText(res.body as Buffer)).replace(/\s+/g, " ");
    expect(text).toContain(w.naamA);
  });

  it("na alle aanvallen tonen de pagina's nog steeds alleen tekst", async () => {
    await checkPages();
  });
});
