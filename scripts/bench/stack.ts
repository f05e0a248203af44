import * as clients from "@restatedev/restate-sdk-clients";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../api/app";
import { startSmtpInbox, type SmtpInbox } from "../inbox/smtp-inbox";
import { startEndpointProcess, stopProcess } from "../stack/endpoint-process";
import { freePort } from "../stack/ports";
import { registerDeployment } from "../stack/register";
import { startRestateServer } from "../stack/restate-server";

export interface BenchStack {
  baseDir: string;
  dataDir: string;
  mailDir: string;
  apiUrl: string;
  endpointPid: number;
  restatePid: number;
}

/**
 * Starts the stack the way test/harness/global-setup.ts does (temporary base dir, free loopback ports,
 * real SMTP inbox; no INKOOP_FAIL_AFTER_SEND) plus the API in-process. `stop` ends whatever was started,
 * each child by its own process id, also when the start failed half-way.
 */
export function benchStack(): { start(): Promise<BenchStack>; stop(keepData: boolean): Promise<void> } {
  const baseDir = mkdtempSync(join(tmpdir(), "inkoop-bench-"));
  const children: ChildProcess[] = [];
  let inbox: SmtpInbox | undefined;
  let api: Server | undefined;

  const start = async (): Promise<BenchStack> => {
    const [ingressPort, adminPort, nodePort, endpointPort, smtpPort, apiPort] = [
      await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(),
    ] as const;
    const server = await startRestateServer({ baseDir: join(baseDir, "restate"), ingressPort, adminPort, nodePort, logFile: join(baseDir, "restate-server.log") });
    children.push(server.process);
    const dataDir = join(baseDir, "inkoop-data");
    const mailDir = join(baseDir, "mail");
    // The API serves documents from the same store as the endpoint.
    process.env.INKOOP_DATA_DIR = dataDir;
    inbox = await startSmtpInbox({ port: smtpPort, host: "127.0.0.1", dir: mailDir });
    const endpoint = await startEndpointProcess(endpointPort, join(baseDir, "endpoint.log"), {
      INKOOP_DATA_DIR: dataDir,
      INKOOP_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    });
    children.push(endpoint.process);
    await registerDeployment(server.adminUrl, endpoint.url);
    const app = createApp({ ingress: clients.connect({ url: server.ingressUrl }), roleHeaders: true });
    api = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(apiPort, "127.0.0.1", () => resolve(s));
      s.on("error", reject);
    });
    return { baseDir, dataDir, mailDir, apiUrl: `http://127.0.0.1:${apiPort}/api/v1`, endpointPid: endpoint.pid, restatePid: server.pid };
  };

  const stop = async (keepData: boolean): Promise<void> => {
    const server = api;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    await inbox?.close();
    // Endpoint first, then the engine: reverse order of start.
    for (const child of children.reverse()) await stopProcess(child);
    if (!keepData) rmSync(baseDir, { recursive: true, force: true });
  };

  return { start, stop };
}
