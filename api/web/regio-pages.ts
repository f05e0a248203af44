import { Router } from "express";
import type { WebDeps } from "./index";

// Placeholder until the region's pages land: no routes yet.
export function regioRouter(_deps: WebDeps): Router {
  return Router();
}
