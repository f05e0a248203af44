import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Headers, WorkflowClientInterceptor } from "@temporalio/client";
import { defaultPayloadConverter } from "@temporalio/common";
import type { EngineCallEvent } from "../../engine/client";
import { REQUEST_ID_HEADER } from "../../workflows/runtime/request-id";

/**
 * The request id of what this process is doing now: the HTTP request in the API (set by the request
 * log's middleware), the activity in the worker (set by its interceptor). Carried by AsyncLocalStorage,
 * so no function between the route and the engine client needs to pass it on.
 */
export interface RequestScope {
  requestId: string;
  /** The engine calls this request made (the API's request log reports them). */
  engineCalls?: EngineCallEvent[];
  /** Which app's log this request belongs to: several apps in one process (the tests) share one engine client. */
  owner?: object;
}

export const requestContext = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Letters, digits and . _ : - only, 1 to 128 of them: what trace ids and uuids are made of, and nothing a log could be fooled by. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A request id the client sent (X-Request-Id), if it is a usable one; anything else (too long, control
 * characters, spaces, several values) is not trimmed into shape but replaced by a new id.
 */
export function sanitizeRequestId(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  return VALID_REQUEST_ID.test(v) ? v : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}

/** The request id in Temporal headers, as the workflow interceptor (workflows/runtime/log-interceptors.ts) reads it. */
export function requestIdFromHeaders(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    return sanitizeRequestId(defaultPayloadConverter.fromPayload<unknown>(payload));
  } catch {
    return undefined;
  }
}

function withRequestId(headers: Headers): Headers {
  const requestId = currentRequestId();
  if (requestId === undefined || headers[REQUEST_ID_HEADER]) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/**
 * The client's side of the trail: every start, update, signal and query carries the request id of the
 * HTTP request (or activity) it runs for in its Temporal headers. Headers are not encrypted like the
 * payloads are; a request id is a random or client-chosen token of the characters above, no content.
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdateWithStart: (input, next) => next({ ...input, workflowStartHeaders: withRequestId(input.workflowStartHeaders), updateHeaders: withRequestId(input.updateHeaders) }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  query: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
};
