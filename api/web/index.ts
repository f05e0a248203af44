import express, { Router } from "express";
import { join } from "node:path";
import type { SessionConfig } from "./session";
import { aanbiederRouter } from "./aanbieder-pages";
import { authRouter, type OidcSettings } from "./auth-pages";
import { regioRouter } from "./regio-pages";
import { accountsRouter } from "./beheer/accounts";
import { wachtwoordRouter } from "./wachtwoord-pages";

export interface WebDeps {
  session: SessionConfig;
  oidc?: OidcSettings;
}

/** The NL Design System stylesheets come straight from their npm packages. */
function staticRouter(): Router {
  const router = Router();
  const file = (pkg: string, rel: string) => join(require.resolve(`${pkg}/package.json`), "..", rel);
  router.get("/static/utrecht.css", (_req, res) => res.sendFile(file("@utrecht/component-library-css", "dist/index.css")));
  router.get("/static/design-tokens.css", (_req, res) => res.sendFile(file("@utrecht/design-tokens", "dist/index.css")));
  router.use("/static", express.static(join(__dirname, "static"), { index: false }));
  // Browsers ask for /favicon.ico on every page whatever the page links: answer it, not a logged 404.
  router.get("/favicon.ico", (_req, res) => res.redirect(301, "/static/favicon.svg"));
  return router;
}

/** Server-rendered pages for every role. */
export function webRouter(deps: WebDeps): Router {
  const router = Router();
  router.use(staticRouter());
  router.use(authRouter(deps));
  router.use(wachtwoordRouter(deps));
  router.use(accountsRouter(deps));
  router.use(aanbiederRouter(deps));
  router.use(regioRouter(deps));
  return router;
}
