import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { inkoopCacheDir } from "./temporal-binary";

const run = promisify(execFile);
export const TEST_SERVER_VERSION = "1.31.0";
const POM = join(__dirname, "..", "..", "tools", "temporal-test-server", "pom.xml");

/**
 * Temporal's time-skipping test server, from Maven Central (the native build is a download these
 * machines cannot make). Resolves the pinned classpath once into the cache and answers the path of a
 * launcher that @temporalio/testing starts as an existing executable with `<port> --enable-time-skipping`.
 */
export async function ensureTimeSkippingServer(): Promise<string> {
  const dir = join(inkoopCacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}`);
  const classpath = join(dir, "classpath.txt");
  const launcher = join(dir, "temporal-test-server");
  const complete = () => existsSync(launcher) && existsSync(classpath) && readFileSync(classpath, "utf8").split(":").every((jar) => existsSync(jar.trim()));
  if (complete()) return launcher;
  mkdirSync(dir, { recursive: true });
  try {
    await run("mvn", ["-q", "-f", POM, "dependency:build-classpath", `-Dmdep.outputFile=${classpath}`], { maxBuffer: 10 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`De tijd-overslaande testserver van Temporal kon niet worden opgehaald met Maven (java en mvn zijn nodig): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  writeFileSync(launcher, `#!/bin/sh\nexec java -cp "$(cat '${classpath}')" io.temporal.testserver.TestServer "$@"\n`);
  chmodSync(launcher, 0o755);
  return launcher;
}
