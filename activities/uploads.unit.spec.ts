import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readUpload, storeUpload, uploadedBy } from "./uploads";

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);

describe("eigenaarschap van uploads", () => {
  const previous = process.env.INKOOP_DATA_DIR;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "inkoop-uploads-"));
    process.env.INKOOP_DATA_DIR = dir;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(() => {
    if (previous === undefined) delete process.env.INKOOP_DATA_DIR;
    else process.env.INKOOP_DATA_DIR = previous;
  });

  it("legt vast wie de bytes uploadde; wie alleen de hash kent is geen eigenaar", async () => {
    const s = await storeUpload(pdf("b"), "b.pdf", "application/pdf", "22222222");
    expect(await uploadedBy(s.id, "22222222")).toBe(true);
    expect(await uploadedBy(s.id, "11111111")).toBe(false);
    expect(await uploadedBy(s.id, "")).toBe(false);
    expect(await uploadedBy(s.id, undefined)).toBe(false);
    expect(await uploadedBy("upl-niet-bestaand", "22222222")).toBe(false);
    expect(await uploadedBy(`upl-${"0".repeat(64)}`, "22222222")).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "uploads", `${s.sha256}.owners.json`), "utf8"))).toEqual(["22222222"]);
    // The owner record is no upload: the bytes are still read as before.
    expect((await readUpload(s.id))?.inhoud.equals(pdf("b"))).toBe(true);
  });

  it("dezelfde bytes van twee aanbieders, ook tegelijk, horen bij beide", async () => {
    const bytes = pdf("gedeeld");
    const all = await Promise.all(["33333333", "11111111", "22222222", "11111111"].map((kvk) => storeUpload(bytes, "x.pdf", "application/pdf", kvk)));
    const id = all[0]!.id;
    expect(new Set(all.map((s) => s.id)).size).toBe(1);
    for (const kvk of ["11111111", "22222222", "33333333"]) expect(await uploadedBy(id, kvk)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "uploads", `${all[0]!.sha256}.owners.json`), "utf8"))).toEqual(["11111111", "22222222", "33333333"]);
    // No temporary files left behind.
    expect(readdirSync(join(dir, "uploads")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("weigert een upload zonder geldig KvK-nummer", async () => {
    await expect(storeUpload(pdf("c"), "c.pdf", "application/pdf", "")).rejects.toThrow(/KvK-nummer/);
    await expect(storeUpload(pdf("c"), "c.pdf", "application/pdf", "../../x")).rejects.toThrow(/KvK-nummer/);
  });
});
