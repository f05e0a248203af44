import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { samples } from "../templates/pdf/samples";
import { dataDir } from "./config";
import { readDocument, renderAndStore } from "./documents";

const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

describe("content-addressed documentopslag", () => {
  const previous = process.env.INKOOP_DATA_DIR;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "inkoop-docs-"));
    process.env.INKOOP_DATA_DIR = dir;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(() => {
    if (previous === undefined) delete process.env.INKOOP_DATA_DIR;
    else process.env.INKOOP_DATA_DIR = previous;
  });

  const store = () => renderAndStore("toelatingsbesluit", samples.toelatingsbesluit, "toelatingsbesluit.pdf", "2027-03-12T10:00:00+01:00");

  it("slaat de PDF op onder zijn SHA-256 en geeft id = doc-<sha256>", async () => {
    const stored = await store();
    const file = join(dir, "documents", `${stored.sha256}.pdf`);
    const bytes = readFileSync(file);
    expect(stored).toEqual({
      id: `doc-${sha256(bytes)}`,
      sha256: sha256(bytes),
      bytes: bytes.length,
      kind: "toelatingsbesluit",
      bestandsnaam: "toelatingsbesluit.pdf",
      mediaType: "application/pdf",
      gemaaktOp: "2027-03-12T10:00:00+01:00",
    });
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
  });

  it("laat opnieuw opslaan van dezelfde data het bestand ongemoeid", async () => {
    const first = await store();
    const file = join(dir, "documents", `${first.sha256}.pdf`);
    const before = statSync(file);
    const second = await store();
    expect(second).toEqual(first);
    const after = statSync(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    expect(readdirSync(join(dir, "documents"))).toEqual([`${first.sha256}.pdf`]);
  });

  it("houdt bij gelijktijdig opslaan één bestand en geen tijdelijke bestanden over", async () => {
    const results = await Promise.all([store(), store(), store(), store()]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(readdirSync(join(dir, "documents"))).toEqual([`${results[0]?.sha256 ?? ""}.pdf`]);
  });

  it("leest de opgeslagen bytes terug", async () => {
    const stored = await store();
    const bytes = await readDocument(stored.id);
    expect(bytes).not.toBeNull();
    expect(sha256(bytes ?? Buffer.alloc(0))).toBe(stored.sha256);
    expect(bytes?.length).toBe(stored.bytes);
  });

  it.each([
    ["geen doc-voorvoegsel", "0".repeat(64)],
    ["te kort", `doc-${"a".repeat(63)}`],
    ["hoofdletters", `doc-${"A".repeat(64)}`],
    ["padtraversal", "doc-../../etc/passwd"],
    ["onbekend maar geldig", `doc-${"0".repeat(64)}`],
  ])("geeft null voor een id dat %s is", async (_label, id) => {
    await store();
    expect(await readDocument(id)).toBeNull();
  });

  it("geeft null als de inhoud niet meer bij het id past", async () => {
    const stored = await store();
    const file = join(dir, "documents", `${stored.sha256}.pdf`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = 0x20 ^ (bytes[bytes.length - 10] ?? 0);
    writeFileSync(file, bytes);
    expect(await readDocument(stored.id)).toBeNull();
  });
});

describe("dataDir", () => {
  const previous = process.env.INKOOP_DATA_DIR;
  afterEach(() => {
    if (previous === undefined) delete process.env.INKOOP_DATA_DIR;
    else process.env.INKOOP_DATA_DIR = previous;
  });

  it("leest INKOOP_DATA_DIR bij elke aanroep en maakt het pad absoluut", () => {
    process.env.INKOOP_DATA_DIR = "/tmp/een";
    expect(dataDir()).toBe("/tmp/een");
    process.env.INKOOP_DATA_DIR = "relatief/pad";
    expect(isAbsolute(dataDir())).toBe(true);
    expect(dataDir()).toBe(join(process.cwd(), "relatief", "pad"));
    delete process.env.INKOOP_DATA_DIR;
    expect(dataDir()).toBe(join(process.cwd(), "data"));
  });
});
