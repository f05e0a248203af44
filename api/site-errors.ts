import type { NextFunction, Request, Response } from "express";
import { logIfOurs, problemHandler, problemOf, setRetryAfter, titles } from "./problem";
import { html } from "./web/html";
import { page } from "./web/layout";

/** The JSON API lives under /api; everything else is a page for a person. */
function isApi(req: Request): boolean {
  const path = req.originalUrl.split("?")[0] ?? "";
  return path === "/api" || path.startsWith("/api/");
}

/**
 * JSON between systems is UTF-8 (RFC 8259 §8.1). body-parser refuses most other charsets itself but
 * decodes any `utf-*`, so `charset=utf-16` would be read as whatever those bytes happen to spell;
 * refuse it the way body-parser refuses latin1, so the error handler needs to know only one shape.
 */
export function utf8JsonOnly(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is("application/json")) return next();
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.get("content-type") ?? "")?.[1]?.toLowerCase();
  if (charset === undefined || charset === "utf-8") return next();
  next(Object.assign(new Error("unsupported charset"), { status: 415, statusCode: 415, type: "charset.unsupported", charset }));
}

function errorPageHtml(req: Request, status: number, message: string): string {
  const title = status === 503 ? "Tijdelijk niet beschikbaar" : status >= 500 ? "Er ging iets mis" : (titles[status] ?? "Er ging iets mis");
  return page({
    title,
    // A refusal before the session was read (a body too large, say) has no user: the page shows no menu.
    ...(req.user ? { user: req.user } : {}),
    csrf: req.csrf ?? "",
    body: html`<h1 class="utrecht-heading-1">${title}</h1><p class="utrecht-paragraph">${message}</p><p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>`,
  });
}

/** Registered after every page route: an address no route answered. */
export function pageNotFound(req: Request, res: Response): void {
  res.status(404).type("html").send(errorPageHtml(req, 404, "Deze pagina bestaat niet. Controleer het adres of ga naar de startpagina."));
}

/**
 * The one error handler of the whole site, registered last: the API answers a problem document, a
 * page a Dutch HTML page, with the status the error means and never Express's default page, which
 * shows the stack and the server's file paths outside production.
 */
export function siteErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    // Half a response (a download that broke off) cannot become an error page: log it and cut the
    // connection, so the client sees a broken transfer rather than a complete-looking one.
    console.error(err);
    req.socket.destroy();
    return;
  }
  if (isApi(req)) return problemHandler(err, req, res, next);
  const problem = problemOf(err, req);
  logIfOurs(err, problem);
  setRetryAfter(res, problem);
  res.status(problem.status).type("html").send(errorPageHtml(req, problem.status, problem.message));
}
