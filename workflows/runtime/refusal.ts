import { ApplicationFailure } from "@temporalio/workflow";
import type { z } from "zod";
import { refuse, type Refusal } from "../../domain/shared/refusal";

/** The failure type a refusal travels in; the API turns it back into the 4xx with the Dutch reason. */
export const REFUSAL_FAILURE = "Refusal";

/** A refusal thrown from a validator rejects the update: nothing enters the history, and the caller gets the reason. */
export function refusalFailure(r: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL_FAILURE, message: r.melding, details: [r], nonRetryable: true });
}

export function fail(r: Refusal): never {
  throw refusalFailure(r);
}

export function refusalIn(err: unknown): Refusal | null {
  if (err instanceof ApplicationFailure && err.type === REFUSAL_FAILURE) return (err.details?.[0] as Refusal | undefined) ?? null;
  return null;
}

/** Input is checked at the engine boundary too: the API is not the only code that builds commands. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const veld = issue?.path.join(".") ?? "";
  return fail(refuse("OngeldigeInvoer", 400, `${veld ? veld + ": " : ""}${issue?.message ?? "ongeldige invoer"}`, veld || undefined));
}
