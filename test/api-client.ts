import request from "supertest";
import type { Express } from "express";
import type { Actor } from "../domain/shared/actor";

/** supertest with the role headers of one actor. */
export function as(app: Express, actor: Actor) {
  const headers = (r: request.Test) => {
    r.set("X-Inkoop-Rol", actor.rol).set("X-Inkoop-Gebruiker", actor.id);
    if (actor.kvk) r.set("X-Inkoop-Kvk", actor.kvk);
    return r;
  };
  return {
    get: (path: string) => headers(request(app).get(path)),
    post: (path: string, body?: object) => headers(request(app).post(path)).send(body ?? {}),
  };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: niet bereikt binnen ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function sleepUntil(instant: Date): Promise<void> {
  const ms = instant.getTime() - Date.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}
