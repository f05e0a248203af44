import type { Express } from "express";
import { toelatingscriteria } from "../../domain/catalogue";
import type { Actor } from "../../domain/shared/actor";
import { as, sleepUntil, until } from "../api-client";
import { completeInschrijving, offeredProducts } from "../fixtures/inschrijving";
import { uniqueId, uniqueKvk } from "../harness/stack";
import { IMG, SCRIPT } from "./schema-values";
import { openInschrijvingen } from "../fixtures/opening";

export const inkoper: Actor = { rol: "inkoper", id: "inkoper.vijandig" };
export const beoordelaar: Actor = { rol: "beoordelaar", id: "beoordelaar.vijandig" };
export const directeur: Actor = { rol: "programmadirecteur", id: "directeur.vijandig" };
export const bosd: Actor = { rol: "bosd", id: "bosd.vijandig" };

/**
 * What the hostile suite attacks: aanbieder A with inschrijvingen on an open procedure (P1, with a
 * question, an answer and a nota van inlichtingen) and on a closed one (P2, judged and gunned, so A
 * has a contract and a besluit). Every free text on the way carries markup.
 */
export interface World {
  a: Actor;
  b: Actor;
  naamA: string;
  product: string;
  /** A criterion judged once, not per product. */
  criterium: string;
  p1: string;
  p2: string;
  titel1: string;
  titel2: string;
  notaId: string;
  gunningId: string;
  /** A's own besluit (the toelatingsbesluit), or the gunning when none showed up in time. */
  besluitA: string;
  besluitDocId: string;
}

export async function buildWorld(app: Express): Promise<World> {
  const a: Actor = { rol: "aanbieder", id: "a.vijandig", kvk: uniqueKvk() };
  const b: Actor = { rol: "aanbieder", id: "b.vijandig", kvk: uniqueKvk() };
  const naamA = `Zorg ${SCRIPT} B.V.`;
  const product = offeredProducts("ambulant-jeugd")[0]!;
  const criterium = toelatingscriteria.find((c) => !c.perProduct)!.code;
  const p1 = uniqueId("vijandig-open");
  const p2 = uniqueId("vijandig-dicht");
  const titel1 = `Open House ${SCRIPT} ${IMG}`;
  const titel2 = `Gesloten ${IMG} ${SCRIPT}`;
  const ok = <R extends { status: number; text: string }>(res: R, what: string): R => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };

  ok(await as(app, a).post("/api/v1/aanbieders", { kvk: a.kvk, naam: naamA, email: `a-${a.kvk}@zorg.example` }), "registratie A");
  ok(await as(app, b).post("/api/v1/aanbieders", { kvk: b.kvk, naam: "Stichting B", email: `b-${b.kvk}@zorg.example` }), "registratie B");

  const sluiting2 = new Date(Date.now() + 4_000);
  const past = new Date(Date.now() - 1000).toISOString();
  ok(await as(app, inkoper).post("/api/v1/procedures", { id: p1, contractId: "ambulant-jeugd", titel: titel1, publicatieAt: past, sluitingAt: new Date(Date.now() + 3_600_000).toISOString(), producten: [product] }), "P1");
  ok(await as(app, inkoper).post("/api/v1/procedures", { id: p2, contractId: "ambulant-jeugd", titel: titel2, publicatieAt: past, sluitingAt: sluiting2.toISOString(), producten: [product] }), "P2");
  ok(await as(app, inkoper).post(`/api/v1/procedures/${p1}/publicatie`), "publicatie P1");
  ok(await as(app, inkoper).post(`/api/v1/procedures/${p2}/publicatie`), "publicatie P2");

  const inschrijving = completeInschrijving([product]);
  inschrijving.antwoorden[0] = { ...inschrijving.antwoorden[0]!, toelichting: `Toelichting ${SCRIPT} ${IMG}` };
  ok(await as(app, a).post(`/api/v1/procedures/${p2}/inschrijvingen`, inschrijving), "inschrijving P2");
  ok(await as(app, a).post(`/api/v1/procedures/${p1}/inschrijvingen`, inschrijving), "inschrijving P1");

  ok(await as(app, a).post(`/api/v1/procedures/${p1}/vragen`, { vraag: `Mag dit: ${SCRIPT} ${IMG}?` }), "vraag");
  ok(await as(app, inkoper).post(`/api/v1/procedures/${p1}/vragen/1/antwoord`, { antwoord: `Antwoord ${IMG} ${SCRIPT}` }), "antwoord");
  ok(await as(app, inkoper).post(`/api/v1/procedures/${p1}/nota-van-inlichtingen`), "nota");
  const notaId = await until("nota van inlichtingen", async () => {
    const view = await as(app, inkoper).get(`/api/v1/procedures/${p1}`);
    return (view.body.documenten as { id: string; doel: string }[] | undefined)?.find((d) => d.doel === "nota-van-inlichtingen")?.id;
  });

  await sleepUntil(sluiting2);
  await openInschrijvingen(app, p2);
  const url = `/api/v1/procedures/${p2}/inschrijvingen/${a.kvk}`;
  let last = "";
  await until("beoordeling", async () => {
    const res = await as(app, inkoper).get(url);
    last = `${res.status} ${res.text.slice(0, 300)}`;
    return res.body.status === "beoordeling" ? true : undefined;
  }, 30_000).catch((e: Error) => {
    throw new Error(`${e.message}; laatste antwoord: ${last}`);
  });
  for (const c of toelatingscriteria)
    ok(await as(app, beoordelaar).post(`${url}/beoordelingen`, { item: c.perProduct ? `${c.code}:${product}` : c.code, oordeel: "voldoet", motivering: `Aangetoond ${SCRIPT} ${IMG}` }), `oordeel ${c.code}`);
  await until("uitkomsten", async () => ((await as(app, inkoper).get(`/api/v1/procedures/${p2}`)).body.rondes[0].aantalBeoordeeld === 1 ? true : undefined));
  const voorstel = ok(await as(app, inkoper).post(`/api/v1/procedures/${p2}/gunningsvoorstel`, { toelichting: `Advies ${SCRIPT} ${IMG}` }), "gunningsvoorstel");
  const gunningId = String((voorstel.body as { besluitId: string }).besluitId);
  ok(await as(app, directeur).post(`/api/v1/besluiten/${gunningId}/beslissing`, { akkoord: true, motivering: `Akkoord ${IMG}` }), "gunning");

  const own = await until(
    "besluit van A",
    async () => {
      const list = await as(app, a).get("/api/v1/besluiten");
      return (list.body as { id: string }[])[0]?.id;
    },
    15_000,
  ).catch(() => gunningId);
  // The besluit exists before its PDF is rendered: wait for the document, not just the besluit.
  const besluitDocId = await until("PDF van het besluit van A", async () => {
    const detail = await as(app, inkoper).get(`/api/v1/besluiten/${own}`);
    return (detail.body.documenten as { id: string }[] | undefined)?.[0]?.id;
  });
  await until("contract van A", async () => ((await as(app, inkoper).get(`/api/v1/contracten/ambulant-jeugd/${a.kvk}`)).status === 200 ? true : undefined));
  return { a, b, naamA, product, criterium, p1, p2, titel1, titel2, notaId, gunningId, besluitA: own, besluitDocId };
}
