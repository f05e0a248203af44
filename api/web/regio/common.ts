import { EngineRefusal } from "../../../engine/client";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { atAmsterdam, toAmsterdamDate, toAmsterdamTime } from "../../../domain/calendar";
import { inschrijvingIdFor } from "../../../domain/procedure/decide";
import { rondeVerzegeld } from "../../../domain/procedure/procedure";
import type { Actor } from "../../../domain/shared/actor";
import { KvkSchema } from "../../../domain/shared/kvk";
import { aanbiederEntity } from "../../../workflows/aanbieder/definition";
import { besluitEntity } from "../../../workflows/besluit/definition";
import { contractEntity } from "../../../workflows/contract/definition";
import { inschrijvingEntity } from "../../../workflows/inschrijving/definition";
import { procedureEntity } from "../../../workflows/procedure/definition";
import { onderhandsEntity } from "../../../workflows/onderhands/definition";
import { trajectEntity } from "../../../workflows/traject/definition";
import { fromEngine } from "../../problem";
import type { FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { formatNl, page } from "../layout";
import { takeMelding } from "../session";

const lists = { procedures: procedureEntity, besluiten: besluitEntity, contracten: contractEntity, aanbieders: aanbiederEntity, onderhands: onderhandsEntity, trajecten: trajectEntity };

/** The engine objects a page talks to, exactly as the JSON routes do. */
export function engineOf(deps: WebDeps) {
  const engine = deps.session.engine;
  return {
    engine,
    procedure: (id: string) => engine.entity(procedureEntity, id),
    inschrijving: (key: string) => engine.entity(inschrijvingEntity, key),
    besluit: (id: string) => engine.entity(besluitEntity, id),
    contract: (key: string) => engine.entity(contractEntity, key),
    onderhands: (id: string) => engine.entity(onderhandsEntity, id),
    traject: (key: string) => engine.entity(trajectEntity, key),
    register: (name: keyof typeof lists) => ({ list: () => engine.list(lists[name]) }),
  };
}
export type Engine = ReturnType<typeof engineOf>;

/** The caller as the engine knows it; requireUser ran before, and the session set it. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw new PageError(401, "U bent niet aangemeld.");
  return req.actor;
}

/** An error a page shows as a Dutch page with this status. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Refusal {
  status: number;
  message: string;
  veld?: string;
  code?: string;
}

/** A refusal of the engine (4xx) with its Dutch message and field; anything else is not a refusal. */
export function refusalOf(err: unknown): Refusal | null {
  if (!(err instanceof EngineRefusal)) return null;
  const p = fromEngine(err);
  return { status: p.status, message: p.message, ...(p.veld ? { veld: p.veld } : {}), ...(p.code ? { code: p.code } : {}) };
}

/** Runs an engine call; a refusal comes back as a value, anything else is thrown on. */
export async function attempt<T>(call: () => PromiseLike<T>): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal }> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const refusal = refusalOf(err);
    if (!refusal) throw err;
    return { ok: false, refusal };
  }
}

/**
 * The engine names a field the way the API does ("sluitingAt", "producten.2"); the page names its
 * fields its own way. Unknown fields land on `fallback`, an anchor on the form itself.
 */
export function errorsFrom(refusal: Refusal, fields: Record<string, string>, fallback: string): FieldErrors {
  const parts = (refusal.veld ?? "").split(".");
  // "procedure.sluitingAt" (the engine's input check) and "sluitingAt" (its rules) are one field;
  // "producten.2" is the producten field.
  const candidates = parts.flatMap((_, i) => {
    const rest = parts.slice(i);
    const numbered = rest.findIndex((p) => /^\d+$/.test(p));
    return [rest.join("."), ...(numbered > 0 ? [rest.slice(0, numbered).join(".")] : [])];
  });
  const name = candidates.map((c) => fields[c]).find((f) => f !== undefined) ?? fallback;
  return { [name]: refusal.message.replace(/^[A-Za-z.0-9]+: /, "") };
}

/** Wraps an async page handler: page errors and engine refusals become a Dutch error page. */
export function handle(fn: (req: Request, res: Response, next: NextFunction) => Promise<void>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res, next);
    } catch (err) {
      const refusal = refusalOf(err);
      if (err instanceof PageError || refusal) {
        const status = err instanceof PageError ? err.status : refusal!.status;
        const message = err instanceof PageError ? err.message : refusal!.message;
        res.status(status).send(errorPage(req, status, message));
        return;
      }
      next(err);
    }
  };
}

const errorTitles: Record<number, string> = { 400: "Ongeldig adres", 401: "Niet aangemeld", 403: "Geen toegang", 404: "Niet gevonden", 409: "Niet mogelijk in deze fase" };

export function errorPage(req: Request, status: number, message: string): string {
  const title = errorTitles[status] ?? "Er ging iets mis";
  return page({
    title,
    ...(req.user ? { user: req.user } : {}),
    csrf: req.csrf ?? "",
    body: html`<h1 class="utrecht-heading-1">${title}</h1><p class="utrecht-paragraph">${message}</p><p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>`,
  });
}

/** Sends a page with the user, CSRF token and the success message of a redirect (a server-side flash, never `?melding=`). */
export function render(req: Request, res: Response, p: { title: string; body: SafeHtml; current?: string; status?: number }): void {
  const melding = takeMelding(req, res);
  res.status(p.status ?? 200).send(
    page({
      title: p.title,
      ...(req.user ? { user: req.user } : {}),
      csrf: req.csrf ?? "",
      body: p.body,
      ...(melding ? { melding } : {}),
      ...(p.current ? { current: p.current } : {}),
    }),
  );
}

/**
 * Post-redirect-get with a success message. The message goes in the session's signed flash cookie
 * (session.ts), not in the URL, where anyone could write one into a link.
 */
export function redirectWith(res: Response, url: string, melding: string): void {
  res.req.setMelding?.(melding);
  res.redirect(303, url);
}

/** A form value as a string (a repeated field gives its first value). */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}

/** A checkbox group's values: absent, one or many. */
export function fields(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/** A `datetime-local` value ("2027-01-15T12:00") read as Amsterdam wall-clock time, as an ISO instant. */
export function amsterdamInstant(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!m) return null;
  try {
    return atAmsterdam(m[1]!, m[2]! + (m[3] ?? "")).toISOString();
  } catch {
    return null;
  }
}

/** An ISO instant as the value of a `datetime-local` field, in Amsterdam wall-clock time. */
export function toDatetimeLocal(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${toAmsterdamDate(d)}T${toAmsterdamTime(d)}`;
}

/** The inschrijving's engine key from the URL: `:id`, `:kvk` and `?ronde=`. */
export function inschrijvingRef(req: Request): { procedureId: string; kvk: string; ronde: number; key: string; query: string } {
  const kvk = KvkSchema.safeParse(req.params.kvk);
  if (!kvk.success) throw new PageError(400, "Dit is geen geldig KvK-nummer (8 cijfers).");
  const raw = req.query.ronde;
  const ronde = raw === undefined ? 1 : Number(raw);
  if (!Number.isInteger(ronde) || ronde < 1 || ronde > 100) throw new PageError(400, "De ronde moet een getal zijn.");
  const procedureId = String(req.params.id);
  return { procedureId, kvk: kvk.data, ronde, key: inschrijvingIdFor(procedureId, kvk.data, ronde), query: ronde === 1 ? "" : `?ronde=${ronde}` };
}

/** The JSON API's words for the seal (api/routes/procedures.ts), so page and API say the same. */
export const VERZEGELD = "Inschrijvingen in deze ronde zijn verzegeld tot het sluitingstijdstip.";
export const VERZEGELD_TOT_OPENING = "Inschrijvingen in deze ronde zijn verzegeld tot de opening: twee personen van de regio bevestigen die.";

/**
 * Middleware for every region page that shows or acts on one inschrijving by `:kvk`: before the round's
 * closing instant it answers one sealed page, the same for every KvK, and only after that lets the route
 * ask the inschrijving. Asking it first would tell who entered: the engine answers "verzegeld" (with a log)
 * for a KvK that entered and 404 for one that did not, and an action would be refused differently too.
 * The page therefore carries nothing that depends on the KvK: no KvK, no name, no log, no form.
 * From the closing instant on the route runs as before (the engine then decides what the caller sees).
 */
export function sealedUntilClosing(engine: Engine, opts: { current: string; terug: (procedureId: string) => SafeHtml }): RequestHandler {
  return handle(async (req, res, next) => {
    const ref = inschrijvingRef(req);
    // An onderhands trajectory's toets has no round and no closing instant: nothing to seal.
    const found = await attempt(() => engine.procedure(ref.procedureId).get({ actor: actorOf(req) }));
    if (!found.ok && found.refusal.status === 404) {
      next();
      return;
    }
    if (!found.ok) throw new PageError(found.refusal.status, found.refusal.message);
    const view = found.value;
    const ronde = view.rondes.find((r) => r.nr === ref.ronde);
    if (!ronde || !rondeVerzegeld(ronde, new Date())) {
      next();
      return;
    }
    const naSluiting = Date.now() >= new Date(ronde.sluitingAt).getTime();
    render(req, res, {
      title: "Verzegeld",
      current: opts.current,
      status: 403,
      body: html`<h1 class="utrecht-heading-1">Verzegeld</h1>
${paragraph(opts.terug(ref.procedureId))}
${alert("info", naSluiting ? VERZEGELD_TOT_OPENING : VERZEGELD)}
${paragraph(
  naSluiting
    ? `Ronde ${String(ronde.nr)} sloot op ${formatNl(ronde.sluitingAt)}. Tot twee personen van de regio de opening hebben bevestigd, ziet niemand aan de kant van de regio of een aanbieder heeft ingeschreven, laat staan de inhoud; deze pagina is voor elk KvK-nummer dezelfde.`
    : `Sluitingstijdstip van ronde ${String(ronde.nr)}: ${formatNl(ronde.sluitingAt)}. Tot dan ziet niemand aan de kant van de regio of een aanbieder heeft ingeschreven, laat staan de inhoud; deze pagina is voor elk KvK-nummer dezelfde.`,
)}`,
    });
  });
}

/** A definition list of facts. */
export function gegevens(rows: [string, SafeHtml | string | number | undefined | null][]): SafeHtml {
  return html`<dl class="inkoop-gegevens">${rows.filter(([, v]) => v !== undefined && v !== null && v !== "").map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

export function link(href: string, text: string): SafeHtml {
  return html`<a class="utrecht-link" href="${href}">${text}</a>`;
}

export function status(label: string): SafeHtml {
  return html`<span class="inkoop-status">${label}</span>`;
}

export function heading(level: 1 | 2 | 3, text: string, id?: string): SafeHtml {
  return html`<h${String(level)} class="utrecht-heading-${String(level)}"${id ? html` id="${id}"` : ""}>${text}</h${String(level)}>`;
}

export function paragraph(content: SafeHtml | string): SafeHtml {
  return html`<p class="utrecht-paragraph">${content}</p>`;
}

export function alert(kind: "info" | "warning" | "error" | "ok", content: SafeHtml | string): SafeHtml {
  return html`<div class="utrecht-alert utrecht-alert--${kind}" role="${kind === "error" ? "alert" : "status"}"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${content}</p></div></div>`;
}

/** A radio or checkbox group wrapped in an element the error summary can link to. */
export function anchored(name: string, content: SafeHtml): SafeHtml {
  return html`<div id="veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}">${content}</div>`;
}

/** The id a form carries so the error summary can link to a refusal that names no field. */
export function formId(key: string): string {
  return `veld-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Long lists page by this many rows (the inkoper's procedures do the same). */
export const PER_PAGINA = 20;

/** A query parameter as text ("" when absent or repeated oddly). */
export function queryText(v: unknown): string {
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";
}

/** The filter values a GET form sent, by name; absent ones are "". */
export function filterUit<K extends string>(query: unknown, namen: readonly K[]): Record<K, string> {
  const q = (query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(namen.map((n) => [n, queryText(q[n]).trim()])) as Record<K, string>;
}

/** One page of a list: `?pagina=` read leniently (out of range lands on the first or last page). */
export function pagineer<T>(lijst: T[], query: unknown): { pagina: number; paginas: number; zichtbaar: T[] } {
  const paginas = Math.max(1, Math.ceil(lijst.length / PER_PAGINA));
  const gevraagd = Number.parseInt(queryText((query as Record<string, unknown> | undefined)?.pagina), 10);
  const pagina = Math.min(paginas, Math.max(1, Number.isFinite(gevraagd) ? gevraagd : 1));
  return { pagina, paginas, zichtbaar: lijst.slice((pagina - 1) * PER_PAGINA, pagina * PER_PAGINA) };
}

/** Distinct values, sorted, as select options after "Alle". */
export function filterOpties(waarden: (string | undefined)[], label: (v: string) => string = (v) => v): { value: string; label: string }[] {
  const uniek = [...new Set(waarden.filter((x): x is string => Boolean(x)))].sort((a, b) => label(a).localeCompare(label(b), "nl"));
  return [{ value: "", label: "Alle" }, ...uniek.map((v) => ({ value: v, label: label(v) }))];
}

/** Whether any filter of the form is set. */
export const gefilterd = (f: Record<string, string>): boolean => Object.values(f).some(Boolean);

/**
 * A filter as a GET form (bookmarkable, no JavaScript), shown once the list is longer than a page or a
 * filter is set, the way the inkoper's procedure list does it. A reset link clears the filter.
 */
export function filterFormulier(p: { action: string; label: string; velden: SafeHtml[]; f: Record<string, string>; anker?: string }): SafeHtml {
  return html`<form method="get" action="${p.action}${p.anker ? `#${p.anker}` : ""}" class="inkoop-filter" aria-label="${p.label}">
${p.velden}
<div class="inkoop-filter__knoppen"><button class="utrecht-button utrecht-button--secondary-action" type="submit">Filteren</button>${gefilterd(p.f) ? html` <a class="utrecht-link" href="${p.action}${p.anker ? `#${p.anker}` : ""}">Filter wissen</a>` : ""}</div>
</form>`;
}

/** "Pagina 2 van 3 (45 besluiten)" with previous/next links that keep the filter; nothing for one page. */
export function paginering(p: { action: string; f: Record<string, string>; pagina: number; paginas: number; totaal: number; wat: string; anker?: string }): SafeHtml {
  if (p.paginas <= 1) return html``;
  const url = (n: number) => `${p.action}?${new URLSearchParams([...Object.entries(p.f).filter(([, v]) => v), ["pagina", String(n)]]).toString()}${p.anker ? `#${p.anker}` : ""}`;
  return html`<nav aria-label="Paginering: ${p.wat}" class="inkoop-paginering"><p class="utrecht-paragraph">Pagina ${String(p.pagina)} van ${String(p.paginas)} (${String(p.totaal)} ${p.wat}).
${p.pagina > 1 ? link(url(p.pagina - 1), "Vorige pagina") : ""} ${p.pagina < p.paginas ? link(url(p.pagina + 1), "Volgende pagina") : ""}</p></nav>`;
}
