import { AsyncLocalStorage } from "@temporalio/workflow";

/**
 * The request id of the command the workflow code runs for (an update, a signal, or the start of the
 * run), read by the log interceptors. One store for the whole worker: this module is shared between
 * workflows (engine/worker.ts), as the SDK's own cancellation scopes are. A store per workflow would
 * make every promise in the worker pay for every cached workflow: Node 20 hands each new promise to
 * every enabled store, and that was the largest cost of the besluiten of 200 aanbieders.
 */
export const requestIdStore = new AsyncLocalStorage<string>();
