import type { Express, Response } from "express";
import request from "supertest";
import { createApp } from "../api/app";
import type { WebUser } from "../api/web/layout";
import { startSession, type SessionConfig } from "../api/web/session";
import type { EngineClient } from "../engine/client";
import { sessieEntity } from "../workflows/sessie/definition";

export const TEST_SECRET = "test-secret-voor-sessies-niet-voor-productie";

/** The app as npm start builds it, with sessions, for page tests. */
export function webApp(engine: EngineClient): Express {
  return createApp({ engine, web: { session: { secret: TEST_SECRET, secure: false } } });
}

/**
 * A logged-in browser for supertest without going through the login page: starts a real session in
 * the engine and returns the cookie and CSRF token a form would carry.
 */
export async function sessionFor(engine: EngineClient, user: WebUser): Promise<{ cookie: string; csrf: string; agent: (app: Express) => ReturnType<typeof agentWith> }> {
  const cfg: SessionConfig = { engine, secret: TEST_SECRET, secure: false };
  let cookie = "";
  const res = { cookie: (name: string, value: string) => (cookie = `${name}=${encodeURIComponent(value)}`) } as unknown as Response;
  const id = await startSession(cfg, res, user);
  const s = await engine.entity(sessieEntity, id).get();
  const csrf = s?.csrf ?? "";
  return { cookie, csrf, agent: (app: Express) => agentWith(app, cookie, csrf) };
}

function agentWith(app: Express, cookie: string, csrf: string) {
  return {
    get: (path: string) => request(app).get(path).set("Cookie", cookie),
    /** A form post: urlencoded, with the CSRF token added. */
    form: (path: string, fields: Record<string, string | string[]>) =>
      request(app).post(path).set("Cookie", cookie).type("form").send({ ...fields, _csrf: csrf }),
    /** A multipart form post as a browser sends it: the CSRF field first, then the fields, then the files. */
    multipart: (path: string, fields: Record<string, string>, files: [string, Buffer, string][] = []) => {
      let r = request(app).post(path).set("Cookie", cookie).field("_csrf", csrf);
      for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
      for (const [k, buf, naam] of files) r = r.attach(k, buf, naam);
      return r;
    },
    csrf,
    cookie,
  };
}
