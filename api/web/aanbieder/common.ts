import { EngineRefusal, EngineUnavailable, isEngineUnreachable } from "../../../engine/client";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { findProduct, productWeergave } from "../../../domain/catalogue";
import { formatInstantNl } from "../../../domain/calendar";
import { inschrijvingIdFor } from "../../../domain/procedure/decide";
import type { Actor } from "../../../domain/shared/actor";
import { besluitEntity } from "../../../workflows/besluit/definition";
import { inschrijvingEntity } from "../../../workflows/inschrijving/definition";
import { procedureEntity } from "../../../workflows/procedure/definition";
import { onderhandsEntity } from "../../../workflows/onderhands/definition";
import { fromEngine } from "../../problem";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { page } from "../layout";
import { takeMelding } from "../session";

/** Post/redirect/get with a confirmation in the session's signed flash cookie, as the region's pages do: never `?gesteld=` or `?ontvangen=`. */
export { redirectWith } from "../regio/common";

const lists = { procedures: procedureEntity, besluiten: besluitEntity };

/** The engine calls the aanbieder pages make, always with the logged-in aanbieder as actor. */
export function engine(deps: WebDeps) {
  const engine = deps.session.engine;
  return {
    engine,
    procedure: (id: string) => engine.entity(procedureEntity, id),
    inschrijving: (key: string) => engine.entity(inschrijvingEntity, key),
    register: (name: keyof typeof lists) => ({ list: () => engine.list(lists[name]) }),
    besluit: (id: string) => engine.entity(besluitEntity, id),
    onderhands: (id: string) => engine.entity(onderhandsEntity, id),
  };
}
export type Engine = ReturnType<typeof engine>;
export type ProcedureView = Awaited<ReturnType<ReturnType<Engine["procedure"]>["get"]>>;
export type InschrijvingView = Awaited<ReturnType<ReturnType<Engine["inschrijving"]>["read"]>>;

/** The actor and KvK number of the logged-in aanbieder (requireUser("aanbieder") ran before). */
export function me(req: Request): { actor: Actor; kvk: string } {
  const actor = req.actor!;
  return { actor, kvk: actor.kvk ?? "" };
}

/** `?ronde=N` as in the API: later rounds have their own inschrijving. */
export function rondeOf(req: Request): number {
  const n = Number(req.query.ronde ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 1;
}

export const rondeQuery = (ronde: number): string => (ronde > 1 ? `?ronde=${ronde}` : "");

export function myInschrijvingKey(req: Request, ronde = rondeOf(req)): string {
  return inschrijvingIdFor(String(req.params.id), me(req).kvk, ronde);
}

/** A refusal of the engine (4xx) with its Dutch message and field, or null for anything else. */
export function refusalOf(err: unknown): { status: number; message: string; veld?: string } | null {
  if (!(err instanceof EngineRefusal)) return null;
  const p = fromEngine(err);
  return { status: p.status, message: p.message, ...(p.veld ? { veld: p.veld } : {}) };
}

/**
 * An instant in Dutch, Amsterdam time. `seconden` asks for precision (a receipt, a refused late entry):
 * seconds are shown only when there are any, so a deadline set at 12:00 reads "12:00" everywhere.
 */
export const moment = (iso: string | undefined, seconden = false): string => {
  if (!iso) return "";
  const d = new Date(iso);
  return formatInstantNl(d, { seconden: seconden && d.getTime() % 60_000 !== 0 });
};

export function productLabel(id: string): string {
  const p = findProduct(id);
  return p ? productWeergave(p) : id;
}

export const procedureStatusLabel: Record<string, string> = {
  concept: "Concept",
  gepubliceerd: "Open voor inschrijving",
  gesloten: "Gesloten, in beoordeling",
  besluitvorming: "Besluitvorming",
  gegund: "Gegund",
  gestopt: "Stopgezet",
};

/**
 * The state of an inschrijving as the aanbieder reads it. The outcome itself is not shown here: the
 * aanbieder learns it from the besluit, once the authority has decided.
 */
export const inschrijvingStatusLabel: Record<string, string> = {
  ingediend: "Ingediend (verzegeld tot de sluiting en de opening)",
  ingetrokken: "Ingetrokken vóór de sluiting (telt niet mee)",
  volledigheidstoets: "Controle op volledigheid",
  herstel: "Herstel gevraagd: lever de ontbrekende stukken aan",
  beoordeling: "In beoordeling",
  "hoor-en-wederhoor": "Hoor en wederhoor: u kunt reageren",
  herbeoordeling: "Herbeoordeling na uw reactie",
  afgerond: "Beoordeling afgerond: u ontvangt een besluit",
};

/** Sends a page; its message is the page's own or the flash of the redirect that led here (never `?melding=`). */
export function sendPage(req: Request, res: Response, p: { title: string; body: SafeHtml; status?: number; melding?: string; current?: string }): void {
  const flash = takeMelding(req, res);
  const melding = p.melding ?? flash;
  res
    .status(p.status ?? 200)
    .type("html")
    .send(page({ title: p.title, user: req.user!, csrf: req.csrf!, body: p.body, current: p.current ?? "/aanbieder", ...(melding ? { melding } : {}) }));
}

export function messagePage(req: Request, res: Response, status: number, title: string, message: string, back?: { href: string; label: string }): void {
  sendPage(req, res, {
    status,
    title,
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
<p class="utrecht-paragraph">${message}</p>
${back ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${back.href}">${back.label}</a></p>` : ""}`,
  });
}

/** Express 5 passes a rejected promise on, but the handlers read better with the errors named. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };

/** The aanbieder pages' own error page: an engine refusal in Dutch with its status, anything else as 500. */
export function pageErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  // The engine away is the site's 503 page with Retry-After, the same for every page.
  if (res.headersSent || !req.user || isEngineUnreachable(err)) return next(err);
  const refusal = refusalOf(err);
  if (refusal) {
    const title = refusal.status === 404 ? "Niet gevonden" : refusal.status === 403 ? "Geen toegang" : "Niet mogelijk";
    return messagePage(req, res, refusal.status, title, refusal.message, { href: "/aanbieder", label: "Naar de procedures" });
  }
  console.error(err);
  messagePage(req, res, err instanceof EngineUnavailable ? 502 : 500, "Er ging iets mis", "Er ging iets mis aan onze kant. Probeer het later opnieuw; uw gegevens zijn niet half opgeslagen.", {
    href: "/aanbieder",
    label: "Naar de procedures",
  });
}

/** A definition list of facts (dl.inkoop-gegevens). */
export function gegevens(rows: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="inkoop-gegevens">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** The evidence files of my own inschrijving, each served by /aanbieder/uploads after the engine's check. */
export function ownDocuments(procedureId: string, s: InschrijvingView, open = false): SafeHtml | string {
  const refs = s.inhoud.antwoorden.filter((a) => a.documentRef?.startsWith("upl-"));
  if (refs.length === 0) return "";
  const q = `?procedure=${encodeURIComponent(procedureId)}${s.ronde > 1 ? `&ronde=${s.ronde}` : ""}`;
  return html`<details${open ? html` open` : ""}><summary>Uw bewijsstukken (${refs.length})</summary><ul class="utrecht-unordered-list">${refs.map(
    (a) => html`<li class="utrecht-unordered-list__item">${a.criterium}${a.productId ? ` (${productLabel(a.productId)})` : ""}: <a class="utrecht-link" href="/aanbieder/uploads/${a.documentRef!}${q}">bestand downloaden</a></li>`,
  )}</ul></details>`;
}
