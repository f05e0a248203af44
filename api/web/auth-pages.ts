import { Router } from "express";
import type { WebDeps } from "./index";

/** OpenID Connect settings (e.g. an eHerkenning broker for aanbieders); absent = password login. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

// Placeholder until the login pages land: no routes yet.
export function authRouter(_deps: WebDeps): Router {
  return Router();
}
