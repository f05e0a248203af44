import { Client, Connection } from "@temporalio/client";
import request from "supertest";
import { EngineClient } from "../engine/client";
import { createApp, trustProxyFromEnv } from "./app";

const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: "127.0.0.1:9" }) }), "none");
const appWith = (trustProxy?: string | number) =>
  createApp({ engine, ...(trustProxy !== undefined ? { trustProxy } : {}), extraRoutes: (a) => a.get("/wie", (req, res) => res.json({ ip: req.ip })) });

describe("X-Forwarded-For alleen van de proxy's die de inzet noemt", () => {
  it("negeert X-Forwarded-For zonder instelling: een bezoeker kiest zijn eigen adres niet", async () => {
    const res = await request(appWith()).get("/wie").set("X-Forwarded-For", "203.0.113.9");
    expect(res.body.ip).not.toBe("203.0.113.9");
  });

  it("gelooft X-Forwarded-For van een genoemde proxy (loopback)", async () => {
    const res = await request(appWith(trustProxyFromEnv("loopback"))).get("/wie").set("X-Forwarded-For", "203.0.113.9");
    expect(res.body.ip).toBe("203.0.113.9");
  });

  it("leest INKOOP_TRUST_PROXY als hops of lijst, en weigert 'iedereen vertrouwen'", () => {
    expect(trustProxyFromEnv(undefined)).toBeUndefined();
    expect(trustProxyFromEnv("1")).toBe(1);
    expect(trustProxyFromEnv("10.0.0.0/8, loopback")).toBe("10.0.0.0/8, loopback");
    expect(() => trustProxyFromEnv("true")).toThrow(/noem de proxy/);
  });
});
