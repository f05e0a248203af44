import "../../scripts/polyfills";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startSmtpInbox } from "../../scripts/inbox/smtp-inbox";
import { startEndpointProcess } from "../../scripts/stack/endpoint-process";
import { freePort } from "../../scripts/stack/ports";
import { registerDeployment } from "../../scripts/stack/register";
import { startRestateServer } from "../../scripts/stack/restate-server";
import { STACK_FILE, type StackInfo } from "./stack-file";

/** Starts a real Restate server (temporary data directory, free loopback ports) and the service endpoint. */
export default async function globalSetup(): Promise<void> {
  const baseDir = mkdtempSync(join(tmpdir(), "inkoop-test-restate-"));
  const [ingressPort, adminPort, nodePort, endpointPort] = [await freePort(), await freePort(), await freePort(), await freePort()] as const;
  const server = await startRestateServer({ baseDir, ingressPort, adminPort, nodePort });
  const dataDir = join(baseDir, "inkoop-data");
  const mailDir = join(baseDir, "mail");
  const smtpPort = await freePort();
  const inbox = await startSmtpInbox({ port: smtpPort, host: "127.0.0.1", dir: mailDir });
  (globalThis as { __inkoopInbox?: { close(): Promise<void> } }).__inkoopInbox = inbox;
  const endpoint = await startEndpointProcess(endpointPort, join(baseDir, "endpoint.log"), {
    INKOOP_DATA_DIR: dataDir,
    INKOOP_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    // Every first send fails after delivery, so each mail goes through the engine's retry: none may arrive twice.
    INKOOP_FAIL_AFTER_SEND: "1",
  });
  await registerDeployment(server.adminUrl, endpoint.url);
  const info: StackInfo = {
    ingressUrl: server.ingressUrl,
    adminUrl: server.adminUrl,
    restatePid: server.pid,
    endpointPid: endpoint.pid,
    baseDir,
    dataDir,
    mailDir,
  };
  mkdirSync(dirname(STACK_FILE), { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify(info, null, 2));
  // The children must not keep jest's parent alive, and must not die with its stdio.
  server.process.unref();
  endpoint.process.unref();
}
