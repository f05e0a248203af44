import { renderPdf } from "../templates/pdf/render";
import { samples } from "../templates/pdf/samples";
import type { DocumentKind } from "../templates/types";
import { RenderThreads } from "./render-threads";

describe("renderthreads", () => {
  let threads: RenderThreads;
  beforeAll(() => {
    threads = new RenderThreads(2);
  });
  afterAll(async () => {
    await threads.stop();
  });

  it("maken dezelfde bytes als renderen in de eigen thread, ook met meer documenten tegelijk", async () => {
    const kinds: DocumentKind[] = ["toelatingsbesluit", "afwijzingsbesluit", "proces-verbaal", "hoorbrief"];
    const inThreads = await Promise.all(kinds.map((k) => threads.render(k, samples[k] as never)));
    for (const [i, k] of kinds.entries()) expect(inThreads[i]!.equals(await renderPdf(k, samples[k] as never))).toBe(true);
  }, 60_000);

  it("geven een fout van de template terug als afgewezen belofte, en renderen daarna gewoon door", async () => {
    await expect(threads.render("bestaat-niet" as DocumentKind, {} as never)).rejects.toThrow();
    const pdf = await threads.render("toelatingsbesluit", samples.toelatingsbesluit);
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
  }, 60_000);

  it("vervangen een thread die stopt: wat er liep faalt met een melding, het volgende document lukt", async () => {
    const eigen = new RenderThreads(1);
    try {
      const bezig = eigen.render("proces-verbaal", samples["proces-verbaal"]);
      await (eigen as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads[0]!.worker.terminate();
      await expect(bezig).rejects.toThrow(/renderthread stopte/);
      const pdf = await eigen.render("toelatingsbesluit", samples.toelatingsbesluit);
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      await eigen.stop();
    }
  }, 60_000);

  it("weigeren werk na stop", async () => {
    const eigen = new RenderThreads(1);
    await eigen.stop();
    await expect(eigen.render("toelatingsbesluit", samples.toelatingsbesluit)).rejects.toThrow(/gestopt/);
  });
});
