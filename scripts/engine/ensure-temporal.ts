import { statSync } from "node:fs";
import { ensureTemporalBinary, TEMPORAL_CLI_VERSION } from "./temporal-binary";

/**
 * `npm run engine:build`: gets the Temporal CLI ready ahead of time, so the first `npm start` or
 * test run does not spend minutes building it.
 */
async function main(): Promise<void> {
  const t0 = performance.now();
  const binary = await ensureTemporalBinary();
  if (binary.kind === "download") {
    console.log(
      `Geen Temporal CLI gevonden en geen Go om hem te bouwen.\n` +
        `De dev server wordt bij het starten gedownload door @temporalio/testing (vereist internet).\n` +
        `Of installeer Go en draai dit opnieuw, of zet INKOOP_TEMPORAL_BIN op een temporal-binary (versie ${TEMPORAL_CLI_VERSION}).`,
    );
    return;
  }
  console.log(`Temporal CLI: ${binary.path}`);
  console.log(`Herkomst:     ${describe(binary.source)}`);
  if (binary.source === "built") {
    const seconds = ((performance.now() - t0) / 1000).toFixed(0);
    const mb = (statSync(binary.path).size / 1e6).toFixed(0);
    console.log(`Gebouwd in:   ${seconds} s, ${mb} MB`);
  }
}

function describe(source: "env" | "path" | "cache" | "built"): string {
  switch (source) {
    case "env":
      return "INKOOP_TEMPORAL_BIN / TEMPORAL_CLI_PATH";
    case "path":
      return "temporal op PATH";
    case "cache":
      return "projectcache (eerder gebouwd)";
    case "built":
      return "zojuist gebouwd uit tools/temporal-cli";
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
