import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { httpOk, waitFor } from "./ports";

export interface RestateServerOptions {
  baseDir: string;
  ingressPort: number;
  adminPort: number;
  nodePort: number;
  logFile?: string;
}

export interface RunningRestateServer {
  pid: number;
  ingressUrl: string;
  adminUrl: string;
  process: ChildProcess;
}

/** The server binary ships inside the npm package @restatedev/restate-server (optional platform dependency). */
export function restateServerBinary(): string {
  const pkg = require.resolve("@restatedev/restate-server/package.json");
  return join(pkg, "..", "..", `restate-server-${process.platform}-${process.arch}`, "bin", "restate-server");
}

export async function startRestateServer(opts: RestateServerOptions): Promise<RunningRestateServer> {
  mkdirSync(opts.baseDir, { recursive: true });
  const env = {
    ...process.env,
    RESTATE_ADMIN__BIND_ADDRESS: `127.0.0.1:${opts.adminPort}`,
    RESTATE_INGRESS__BIND_ADDRESS: `127.0.0.1:${opts.ingressPort}`,
    RESTATE_BIND_ADDRESS: `127.0.0.1:${opts.nodePort}`,
    RESTATE_ADVERTISED_ADDRESS: `http://127.0.0.1:${opts.nodePort}`,
    // A fixed node name keeps the data directory valid when the machine's hostname changes.
    RESTATE_NODE_NAME: "inkoop",
    RESTATE_LISTEN_MODE: "tcp",
  };
  const child = spawn(restateServerBinary(), ["--base-dir", opts.baseDir, "--no-logo"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(opts.logFile ?? join(opts.baseDir, "restate-server.log"), { flags: "a" });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: string | null = null;
  child.on("exit", (code, signal) => {
    exited = `restate-server stopte (code ${code}, signaal ${signal})`;
  });
  const adminUrl = `http://127.0.0.1:${opts.adminPort}`;
  const ingressUrl = `http://127.0.0.1:${opts.ingressPort}`;
  await waitFor("restate-server", async () => {
    if (exited) throw new Error(exited);
    return (await httpOk(`${adminUrl}/health`)) && (await httpOk(`${ingressUrl}/restate/health`));
  }).catch((err) => {
    if (exited) throw new Error(`${exited}; zie ${opts.logFile ?? join(opts.baseDir, "restate-server.log")}`);
    throw err;
  });
  if (child.pid === undefined) throw new Error("restate-server heeft geen pid");
  return { pid: child.pid, ingressUrl, adminUrl, process: child };
}
