import * as restate from "@restatedev/restate-sdk";
import type { z } from "zod";
import type { Refusal } from "../domain/shared/refusal";

/** A refusal becomes a terminal error with the HTTP status and the field in its metadata. */
export function refusalError(r: Refusal): restate.TerminalError {
  return new restate.TerminalError(r.melding, {
    errorCode: r.status,
    metadata: { refused: r.refused, ...(r.veld === undefined ? {} : { veld: r.veld }) },
  });
}

/** Validates handler input at the engine boundary too: the API is not the only caller of the ingress. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const veld = issue?.path.join(".") ?? "";
  throw refusalError({ refused: "OngeldigeInvoer", status: 400, melding: `${veld ? veld + ": " : ""}${issue?.message ?? "ongeldige invoer"}`, ...(veld ? { veld } : {}) });
}
