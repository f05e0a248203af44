import { renderPdf } from "../templates/pdf/render";
import { samples } from "../templates/pdf/samples";
import { renderDocument, renderThreads, startRenderPool, stopRenderPool } from "./render-pool";

describe("the render pool of the worker", () => {
  afterAll(stopRenderPool);

  it("renders in threads, side by side, the same bytes as on the calling thread", async () => {
    const hier = await renderPdf("toelatingsbesluit", samples.toelatingsbesluit);
    startRenderPool(2);
    const inThreads = await Promise.all([1, 2, 3, 4].map(() => renderDocument("toelatingsbesluit", samples.toelatingsbesluit)));
    for (const pdf of inThreads) expect(pdf.equals(hier)).toBe(true);
    const andere = await renderDocument("afwijzingsbesluit", samples.afwijzingsbesluit);
    expect(andere.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("reads INKOOP_RENDER_THREADS", () => {
    expect(renderThreads("0")).toBe(0);
    expect(renderThreads("3")).toBe(3);
    expect(renderThreads(undefined)).toBeGreaterThan(0);
    expect(() => renderThreads("veel")).toThrow("INKOOP_RENDER_THREADS");
  });
});
