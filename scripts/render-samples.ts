// Renders every document kind from the sample data into test-output/samples/, to look at the layout.
// Run with: npx tsx scripts/render-samples.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderPdf } from "../templates/pdf/render";
import { documentKinds, samples, stressSamples, variantSamples } from "../templates/pdf/samples";
import type { DocumentKind, DocumentTypes } from "../templates/types";

async function main(): Promise<void> {
  const dir = join(__dirname, "..", "test-output", "samples");
  mkdirSync(dir, { recursive: true });
  const write = async <K extends DocumentKind>(name: string, kind: K, data: DocumentTypes[K]): Promise<void> => {
    const bytes = await renderPdf(kind, data);
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, bytes);
    console.log(`${file}  ${bytes.length} bytes`);
  };
  for (const kind of documentKinds) await write(kind, kind, samples[kind]);
  // The other soorten and cases of one kind (SAS selectie/gunning, knock-out, kernpartner, four-eyes opening).
  for (const v of variantSamples) await write(v.naam, v.kind, v.data);
  // Page breaks in long tables and lists, to check by eye that headers repeat and nothing is cut off.
  for (const kind of documentKinds) {
    const data = stressSamples[kind];
    if (data !== undefined) await write(`${kind}-lang`, kind, data);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
