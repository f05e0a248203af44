import { execFile, spawn } from "node:child_process";
import { accessSync, closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, hostname } from "node:os";
import { delimiter, join } from "node:path";

/** Must match the `github.com/temporalio/cli` version pinned in tools/temporal-cli/go.mod. */
export const TEMPORAL_CLI_VERSION = "1.5.1";

export type TemporalBinary = { kind: "path"; path: string; source: "env" | "path" | "cache" | "built" } | { kind: "download" };

const moduleDir = join(__dirname, "..", "..", "tools", "temporal-cli");
const exe = process.platform === "win32" ? "temporal.exe" : "temporal";

/** Outside the repository: the binary is 200 MB and shared by all checkouts on the machine. */
export function inkoopCacheDir(): string {
  return process.env.INKOOP_CACHE_DIR || join(homedir(), ".cache", "inkoop");
}

export function temporalCacheDir(): string {
  return join(inkoopCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function versionOf(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(path, ["--version"], { timeout: 15_000 }, (err, stdout) => resolve(err ? null : stdout.trim()));
  });
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Finds a Temporal CLI (which contains the dev server) or builds the pinned one with Go.
 * `{ kind: "download" }` leaves it to @temporalio/testing, which downloads a CLI and needs internet.
 */
export async function ensureTemporalBinary(opts: { log?: (line: string) => void } = {}): Promise<TemporalBinary> {
  const log = opts.log ?? ((line: string) => console.log(line));

  const fromEnv = process.env.INKOOP_TEMPORAL_BIN || process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    // An explicit choice that does not work is an error, not a reason to quietly take something else.
    if (!isExecutable(fromEnv)) throw new Error(`INKOOP_TEMPORAL_BIN/TEMPORAL_CLI_PATH wijst naar '${fromEnv}', maar dat is geen uitvoerbaar bestand`);
    return { kind: "path", path: fromEnv, source: "env" };
  }

  const onPathBinary = onPath(exe);
  // Other programs are called `temporal` too; only the Temporal CLI answers like this.
  if (onPathBinary && (await versionOf(onPathBinary))?.startsWith("temporal version 1.")) {
    return { kind: "path", path: onPathBinary, source: "path" };
  }

  const cached = join(temporalCacheDir(), exe);
  if (await runnable(cached)) return { kind: "path", path: cached, source: "cache" };

  if (!onPath(process.platform === "win32" ? "go.exe" : "go")) return { kind: "download" };
  return buildIntoCache(cached, log);
}

async function runnable(path: string): Promise<boolean> {
  return isExecutable(path) && (await versionOf(path))?.startsWith(`temporal version ${TEMPORAL_CLI_VERSION}`) === true;
}

async function buildIntoCache(target: string, log: (line: string) => void): Promise<TemporalBinary> {
  const dir = temporalCacheDir();
  mkdirSync(dir, { recursive: true });
  const release = await acquireLock(`${dir}.lock`, log);
  try {
    // Whoever held the lock before us may just have finished the same build.
    if (await runnable(target)) return { kind: "path", path: target, source: "cache" };
    for (const f of readdirSync(dir)) if (f.startsWith(`${exe}.tmp-`)) rmSync(join(dir, f), { force: true });

    log(`Temporal-engine (CLI ${TEMPORAL_CLI_VERSION}) wordt de eerste keer gebouwd met go build; dat duurt enkele minuten…`);
    const t0 = performance.now();
    const tmp = join(dir, `${exe}.tmp-${process.pid}`);
    const buildLog = join(dir, "build.log");
    const code = await goBuild(tmp, buildLog);
    if (code !== 0 || !(await runnable(tmp))) {
      rmSync(tmp, { force: true });
      log(`Bouwen van de Temporal-engine is mislukt (${code === 0 ? "binary start niet" : `go build code ${code}`}); zie ${buildLog}:\n${tail(buildLog, 15)}`);
      log("Val terug op downloaden via @temporalio/testing (vereist internet).");
      return { kind: "download" };
    }
    // rename within one directory is atomic: readers see no binary or a whole one.
    renameSync(tmp, target);
    const seconds = ((performance.now() - t0) / 1000).toFixed(0);
    const mb = (statSync(target).size / 1e6).toFixed(0);
    log(`Temporal-engine gebouwd in ${seconds} s (${mb} MB): ${target}`);
    return { kind: "path", path: target, source: "built" };
  } finally {
    release();
  }
}

function goBuild(out: string, logFile: string): Promise<number | null> {
  const fd = openSync(logFile, "w");
  const child = spawn(
    "go",
    ["build", "-trimpath", "-ldflags", `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`, "-o", out, "github.com/temporalio/cli/cmd/temporal"],
    // CGO off: the CLI's SQLite is pure Go, and no C toolchain is needed.
    { cwd: moduleDir, env: { ...process.env, CGO_ENABLED: "0" }, stdio: ["ignore", fd, fd] },
  );
  closeSync(fd);
  return new Promise((resolve) => {
    child.on("error", () => resolve(-1));
    child.on("exit", (code) => resolve(code));
  });
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

interface LockOwner {
  pid: number;
  host: string;
}

/**
 * A directory as lock, because mkdir is atomic: jest's global setup and `npm start` may both find
 * the binary missing, and two 3-minute builds of 200 MB would collide. A lock whose process is gone
 * (killed mid-build) is taken over.
 */
async function acquireLock(lockDir: string, log: (line: string) => void): Promise<() => void> {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "owner.json"), JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = readOwner(lockDir);
    if (isStale(lockDir, owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`Een ander proces${owner ? ` (pid ${owner.pid})` : ""} bouwt de Temporal-engine al; even wachten…`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function readOwner(lockDir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(join(lockDir, "owner.json"), "utf8")) as LockOwner;
  } catch {
    return null;
  }
}

function isStale(lockDir: string, owner: LockOwner | null): boolean {
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(lockDir).mtimeMs;
  } catch {
    return false;
  }
  // Between mkdir and writing owner.json there is no owner yet; only an old ownerless lock is dead.
  if (!owner) return ageMs > 30_000;
  // A pid means nothing on another machine sharing the cache directory; there only age counts.
  if (owner.host !== hostname()) return ageMs > 60 * 60_000;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
