import { Client, Connection } from "@temporalio/client";
import { historyToJSON } from "@temporalio/common/lib/proto-utils";
import { createApp } from "../api/app";
import type { Actor } from "../domain/shared/actor";
import { ENCRYPTED_ENCODING } from "../engine/payload-codec";
import { as, until } from "./api-client";
import { completeInschrijving, offeredProducts } from "./fixtures/inschrijving";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "./harness/stack";

/**
 * What the engine holds is what its database, its UI and anyone with a history export sees. Read here
 * with a client that has no keys, as the engine's own UI reads it: every payload is ciphertext.
 */
type Found = { encoding: string; bytes: Buffer };

/**
 * The versioning records of patched() are the engine's own and plain by design (the core SDK writes the
 * marker, and a search attribute must be indexable): they name a code change and hold no one's data.
 */
const isVersioning = (key: string, o: Record<string, unknown>) => key === "TemporalChangeVersion" || (key === "details" && o.markerName === "core_patch");

/** Every payload in a history, apart from the versioning records (collected in `versioning`). */
function payloadsIn(node: unknown, out: Found[] = [], versioning: Found[] = []): Found[] {
  if (Array.isArray(node)) for (const item of node) payloadsIn(item, out, versioning);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    const meta = o.metadata as Record<string, string> | undefined;
    if (meta && typeof meta.encoding === "string" && "data" in o)
      out.push({ encoding: Buffer.from(meta.encoding, "base64").toString("utf8"), bytes: Buffer.from(String(o.data ?? ""), "base64") });
    for (const [key, value] of Object.entries(o)) {
      if (isVersioning(key, o)) payloadsIn(value, versioning, versioning);
      else payloadsIn(value, out, versioning);
    }
  }
  return out;
}

describe("workflowgegevens zijn versleuteld in de engine", () => {
  let raw: Client;
  beforeAll(async () => {
    raw = new Client({ connection: await Connection.connect({ address: stack().temporalAddress }), namespace: stack().namespace });
  });
  afterAll(async () => {
    await raw.connection.close();
    await closeEngine();
  });

  it("een inschrijving, een profiel en een procedure: geen leesbaar woord in geschiedenis of memo", async () => {
    const app = createApp({ engine: engine(), roleHeaders: true });
    const inkoper: Actor = { rol: "inkoper", id: "i.codec" };
    const kvk = uniqueKvk();
    const aanbieder: Actor = { rol: "aanbieder", id: "codec", kvk };
    const secret = `Geheim-${kvk}-tarief`;
    const id = uniqueId("oh-codec");
    const product = offeredProducts("ambulant-jeugd")[0]!;
    expect((await as(app, aanbieder).post("/api/v1/aanbieders", { kvk, naam: `Zorg ${secret}`, email: `codec-${kvk}@aanbieder.example` })).status).toBe(201);
    const create = await as(app, inkoper).post("/api/v1/procedures", {
      id,
      contractId: "ambulant-jeugd",
      titel: `Procedure ${secret}`,
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: new Date(Date.now() + 3_600_000).toISOString(),
      producten: [product],
    });
    expect(create.status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);
    const body = completeInschrijving([product], { vrijgesteldVan9: true });
    body.antwoorden = body.antwoorden.map((a) => (a.verklaring === "vrijgesteld" ? { ...a, toelichting: secret } : a));
    expect((await as(app, aanbieder).post(`/api/v1/procedures/${id}/inschrijvingen`, body)).status).toBe(201);
    // The inschrijving's entity is started after the receipt (after a lull in submissions, issue 15).
    await until("inschrijving gestart", async () => ((await as(app, aanbieder).get(`/api/v1/procedures/${id}/inschrijvingen/${kvk}`)).status === 200 ? true : undefined));

    const workflows = [`aanbieder:${kvk}`, `procedure:${id}`, `inschrijving:${id}/${kvk}`];
    for (const workflowId of workflows) {
      const handle = raw.workflow.getHandle(workflowId);
      const history = JSON.parse(historyToJSON(await handle.fetchHistory())) as unknown;
      const versioning: Found[] = [];
      const payloads = payloadsIn(history, [], versioning);
      expect(payloads.length).toBeGreaterThan(0);
      for (const p of versioning) expect(p.bytes.toString("utf8")).toMatch(/^[[{"\w:,\-\]} ]*$/);
      for (const p of versioning) for (const needle of [secret, kvk]) expect(p.bytes.toString("latin1")).not.toContain(needle);
      for (const p of payloads) {
        expect(p.encoding).toBe(ENCRYPTED_ENCODING);
        for (const needle of [secret, kvk, "json/plain"]) expect(p.bytes.toString("latin1")).not.toContain(needle);
      }
      // The memo (what lists show) is encrypted too: without the keys it cannot be read as JSON.
      const described = await handle.describe().then(
        (d) => JSON.stringify(d.memo ?? {}),
        () => "onleesbaar",
      );
      expect(described).not.toContain(secret);
    }
    // With the keys, the API reads it all back.
    const view = await as(app, aanbieder).get(`/api/v1/procedures/${id}/inschrijvingen/${kvk}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).toContain(secret);
  });
});
