import { NativeConnection, Worker, bundleWorkflowCode, type BundleOptions, type WorkflowBundleOption } from "@temporalio/worker";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createActivities } from "../activities";
import { activityLogInterceptor } from "../api/ops/worker-logging";
import { clientOn, connectionOptions, type EngineSettings } from "./connection";
import { FAILURE_CONVERTER_PATH, encryptedDataConverter } from "./data-converter";
import { integerSetting } from "./settings";

export const WORKFLOWS_PATH = require.resolve("../workflows");
/** The workflow interceptors (request id, one log line per step): in the bundle, or handed to the worker that bundles itself. */
export const WORKFLOW_INTERCEPTORS_PATH = require.resolve("../workflows/runtime/log-interceptors");

const ROOT = join(__dirname, "..");
const FROZEN_PATTERN_LOADER = require.resolve("./bundle/frozen-pattern-loader.cjs");
const SHARED_MODULE_LOADER = require.resolve("./bundle/shared-module-loader.cjs");

type Configuration = Parameters<NonNullable<BundleOptions["webpackConfigHook"]>>[0];

/**
 * The workflow modules that run workflow code (handlers, timers, children, logging). Every other module
 * under workflows/ only defines (entity definitions, views, inputs), as domain/ does.
 */
const RUNS_WORKFLOW_CODE = new Set(["index.ts", "workflow.ts", "entity.ts", "effects.ts", "log-interceptors.ts"]);

function isShared(file: string): boolean {
  const rel = relative(ROOT, file).split(sep);
  const name = rel.at(-1) ?? "";
  if (!name.endsWith(".ts") || name.endsWith(".spec.ts") || name.endsWith(".d.ts")) return false;
  return rel[0] === "domain" || (rel[0] === "workflows" && !RUNS_WORKFLOW_CODE.has(name));
}

/**
 * Modules evaluated once per worker instead of once per workflow: the pure domain (zod schemas, the
 * catalogue, the calendar), the entity definitions and views, and the libraries they import (zod and
 * luxon need no naming: webpack drops a bare import of a package without side effects). Without this
 * every workflow that enters the cache evaluates all of them again and keeps its own copy: 25 ms and
 * 2.5 MiB each. They may be shared because they keep no state per workflow (the lint rules keep
 * domain/ and workflows/ free of clocks and I/O; the holiday cache is a pure memo). The SDK
 * deep-freezes what it preloads, which zod does not survive: see the two loaders in engine/bundle/.
 */
export function sharedWorkflowModules(): string[] {
  return ["domain", "workflows"]
    .flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" }).map((f) => join(ROOT, dir, f)))
    .filter(isShared)
    .sort();
}

export function workflowBundlerOptions(): Pick<BundleOptions, "preloadModules" | "webpackConfigHook"> {
  const rules = [
    { test: /[\\/]node_modules[\\/]zod[\\/].*\.c?js$/, loader: FROZEN_PATTERN_LOADER },
    { test: isShared, loader: SHARED_MODULE_LOADER },
  ];
  return {
    preloadModules: sharedWorkflowModules(),
    webpackConfigHook: (config: Configuration): Configuration => ({ ...config, module: { ...config.module, rules: [...(config.module?.rules ?? []), ...rules] } }),
  };
}

/** The workflow code as one bundle; built once and handed to every worker that starts after it (tests, restarts). */
export async function buildWorkflowBundle(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: [WORKFLOW_INTERCEPTORS_PATH], failureConverterPath: FAILURE_CONVERTER_PATH, ...workflowBundlerOptions(), logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error } });
}

function bundleOption(bundlePath: string | undefined): { workflowBundle: WorkflowBundleOption } | { workflowsPath: string } {
  if (bundlePath && existsSync(bundlePath)) return { workflowBundle: { code: readFileSync(bundlePath, "utf8") } };
  return { workflowsPath: WORKFLOWS_PATH };
}

/** INKOOP_WORKFLOW_CACHE: how many workflows one worker keeps in memory (default 400). */
export function workflowCacheSize(value: string | undefined): number {
  return integerSetting("INKOOP_WORKFLOW_CACHE", value, 400, 10);
}

/** INKOOP_RENDER_THREADS: threads of the worker process that render PDFs (default 1; 0 renders in its main thread). */
export function renderThreadCount(value: string | undefined): number {
  return integerSetting("INKOOP_RENDER_THREADS", value, 1, 0);
}

/**
 * One worker runs every entity workflow and every activity. It only makes outbound connections to
 * the Temporal frontend: nothing can call it, so nothing reaches a workflow except through the API.
 */
export async function createWorker(settings: EngineSettings, opts: { bundlePath?: string } = {}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect(connectionOptions(settings));
  // The activities' client shares the worker's connection: one connection fewer, and the engine can
  // hand an entity that an activity starts straight to this worker (eager start), past the task queue.
  const client = clientOn(connection, settings.namespace);
  const code = bundleOption(opts.bundlePath);
  const worker = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...code,
    // A prebuilt bundle has the workflow interceptors inside (buildWorkflowBundle); the SDK ignores
    // workflowModules beside a bundle, so they are only named when the worker bundles the code itself.
    interceptors: { activity: [activityLogInterceptor], ...("workflowsPath" in code ? { workflowModules: [WORKFLOW_INTERCEPTORS_PATH] } : {}) },
    ...("workflowsPath" in code ? { bundlerOptions: workflowBundlerOptions() } : {}),
    dataConverter: encryptedDataConverter(),
    activities: createActivities({ client, eagerStart: true }),
    // PDFs are rendered by activities; a few at a time keeps both cores busy without starving workflows.
    maxConcurrentActivityTaskExecutions: 8,
    // After a worker dies, its cached workflows' tasks wait this long on its own queue before the
    // engine hands them to another worker (the default 10 s would make every page wait that long).
    stickyQueueScheduleToStartTimeout: "3s",
    // Without a cap the SDK keeps workflows in memory up to a share of the heap (thousands, gigabytes at
    // 500 aanbieders); an evicted entity replays from its history when it is next needed.
    maxCachedWorkflows: workflowCacheSize(process.env.INKOOP_WORKFLOW_CACHE),
  });
  // The caller closes the connection once the worker has stopped: an open one keeps the process alive.
  return { worker, connection };
}
