import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildWorkflowBundle } from "../../engine/worker";

/**
 * Bundles the workflow code into one file (argument: where). Run as its own short process, so webpack's
 * memory is given back at once and every worker, also one restarted after a crash, starts from the file.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("gebruik: build-bundle.ts <uitvoerbestand>");
  const { code } = await buildWorkflowBundle();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, code);
  renameSync(`${out}.tmp`, out);
}

main().catch((err: unknown) => {
  console.error("workflowbundel niet gebouwd:", err);
  process.exit(1);
});
