import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Client, Connection } from "@temporalio/client";
import request from "supertest";
import { createApp } from "../../api/app";
import { createLogger } from "../../api/ops/logging";
import { EngineClient } from "../../engine/client";
import { clientInterceptors } from "../../engine/connection";
import { encryptedDataConverter } from "../../engine/data-converter";
import { readKeyFile } from "../../engine/payload-keys";
import { until } from "../api-client";
import { stack, uniqueKvk } from "../harness/stack";

/**
 * The request id follows a command from the API into the workflow and its activity, on the harness's
 * real engine and worker process: the answer echoes X-Request-Id, the API's log line names it with the
 * route pattern (no KvK, no body), and the worker's log (its stdout, in worker.log) has a line for the
 * workflow step and one for the activity with the same id. The client is the one npm start makes (with
 * the request id interceptor).
 */
jest.setTimeout(60_000);

type Line = Record<string, unknown>;

function workerLines(): Line[] {
  const file = join(stack().baseDir, "worker.log");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Line];
      } catch {
        return [];
      }
    });
}

describe("request id van API naar workflow en activiteit", () => {
  const s = stack();
  const client = new Client({ connection: Connection.lazy({ address: s.temporalAddress }), namespace: s.namespace, dataConverter: encryptedDataConverter(readKeyFile(s.payloadKeyFile)), interceptors: clientInterceptors });
  const engine = new EngineClient(client, s.taskQueue);
  const apiLines: Line[] = [];
  const app = createApp({ engine, roleHeaders: true, logger: createLogger("api", { level: "info", destination: { write: (l: string) => void apiLines.push(JSON.parse(l) as Line) } }) });
  afterAll(() => client.connection.close());

  it("een e-mailwijziging: API-regel, workflowstap en mail-activiteit met dezelfde request id", async () => {
    const kvk = uniqueKvk();
    const run = `ops-${process.pid}-${Date.now().toString(36)}`;
    const aanbieder = (r: request.Test, id: string) => r.set("X-Request-Id", id).set("X-Inkoop-Rol", "aanbieder").set("X-Inkoop-Gebruiker", "ops").set("X-Inkoop-Kvk", kvk);
    const registratie = { kvk, naam: "Logboek Zorg B.V.", email: `oud-${kvk}@zorg.example` };

    const first = await aanbieder(request(app).post("/api/v1/aanbieders"), `${run}-1`).send(registratie);
    expect(first.status).toBe(201);
    expect(first.headers["x-request-id"]).toBe(`${run}-1`);
    // A new address: the handler puts a confirmation mail in the outbox (the sendNotification activity).
    const change = await aanbieder(request(app).post("/api/v1/aanbieders"), `${run}-2`).send({ ...registratie, email: `nieuw-${kvk}@zorg.example` });
    expect(change.status).toBe(201);
    expect(change.headers["x-request-id"]).toBe(`${run}-2`);
    const read = await aanbieder(request(app).get(`/api/v1/aanbieders/${kvk}`), `${run}-3`);
    expect(read.status).toBe(200);

    // (b) The API's lines: the route's pattern, status, role and the engine's outcome; no KvK, name, address.
    const apiLine = apiLines.find((l) => l.requestId === `${run}-2`);
    expect(apiLine).toMatchObject({ msg: "verzoek", method: "POST", route: "/api/v1/aanbieders", status: 201, rol: "aanbieder", engine: { outcome: "ok", calls: 1 } });
    expect(apiLines.find((l) => l.requestId === `${run}-3`)).toMatchObject({ method: "GET", route: "/api/v1/aanbieders/:kvk", status: 200, engine: { outcome: "ok" } });
    expect(JSON.stringify(apiLines)).not.toMatch(new RegExp(`${kvk}|Logboek Zorg|zorg\\.example`));

    // (c) The worker's lines: the workflow step of the update and the activity it scheduled, same request id.
    const { step, activity } = await until("workflowstap en activiteit in worker.log", async () => {
      const lines = workerLines().filter((l) => l.requestId === `${run}-2`);
      const step = lines.find((l) => l.msg === "workflowstap" && l.kind === "update" && l.name === "register");
      const activity = lines.find((l) => l.msg === "activiteit" && l.activity === "sendNotification");
      return step && activity ? { step, activity } : undefined;
    });
    expect(step).toMatchObject({ service: "worker", level: "info", workflowType: "aanbieder", workflowId: `aanbieder:${kvk}`, outcome: "ok", sdkComponent: "workflow" });
    expect(typeof step.durationMs).toBe("number");
    expect(activity).toMatchObject({ service: "worker", level: "info", activityType: "sendNotification", workflowId: `aanbieder:${kvk}`, attempt: 1, outcome: "ok" });
    expect(typeof activity.durationMs).toBe("number");
    // The first registration was its own step, under its own id.
    expect(workerLines().some((l) => l.requestId === `${run}-1` && l.msg === "workflowstap" && l.name === "register")).toBe(true);
  });
});
