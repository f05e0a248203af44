import { Router } from "express";
import type { WebDeps } from "./index";

// Placeholder until the aanbieder pages land: no routes yet.
export function aanbiederRouter(_deps: WebDeps): Router {
  return Router();
}
