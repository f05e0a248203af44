import "../../scripts/polyfills";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
  const endpoint = await startEndpointProcess(endpointPort, join(baseDir, "endpoint.log"));
  await registerDeployment(server.adminUrl, endpoint.url);
  const info: StackInfo = {
    ingressUrl: server.ingressUrl,
    adminUrl: server.adminUrl,
    restatePid: server.pid,
    endpointPid: endpoint.pid,
    baseDir,
  };
  mkdirSync(dirname(STACK_FILE), { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify(info, null, 2));
  // The children must not keep jest's parent alive, and must not die with its stdio.
  server.process.unref();
  endpoint.process.unref();
}
