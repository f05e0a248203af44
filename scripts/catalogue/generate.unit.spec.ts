import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OPLEGGER_BESTAND, PRODUCTENBOEK_BESTAND, buildCatalogueFile } from "./generate";
import { parseOplegger } from "./parse-oplegger";
import { cleanLines, joinLines, normalizeLine, parseProductenboek } from "./parse-productenboek";

const root = join(__dirname, "..", "..");
const pbText = readFileSync(join(root, "catalogue-sources", PRODUCTENBOEK_BESTAND), "utf8");
const oplText = readFileSync(join(root, "catalogue-sources", OPLEGGER_BESTAND), "utf8");

describe("catalogue generator", () => {
  it("reproduces the committed products.generated.json (run `npm run catalogue:generate` when this fails)", () => {
    const committed: unknown = JSON.parse(readFileSync(join(root, "domain", "catalogue", "products.generated.json"), "utf8"));
    expect(buildCatalogueFile(pbText, oplText)).toEqual(committed);
  });
});

describe("parseProductenboek", () => {
  const entries = parseProductenboek(pbText);

  it("finds the 58 entries under their contract headings", () => {
    expect(entries).toHaveLength(58);
    expect(entries.filter((e) => e.contractKop === null)).toHaveLength(12);
    expect(entries[0]).toMatchObject({ naam: "Jeugd-ggz Crisis Behandeling", code: "54016", contractId: "hoog-specialistisch-jeugd" });
    expect(entries.at(-1)).toMatchObject({ naam: "Hulp bij huishouden", code: "01A04", hs: "Houden" });
  });

  it("reads the Bijzonderheden sub-headings and notices duplicate fields", () => {
    const crisis = entries.find((e) => e.code === "46A03");
    expect(crisis?.bijzonderheden.groepsgrootte).toBe("n.t.b.");
    expect(crisis?.dubbeleVelden).toEqual(["Doelgroep"]);
    expect(entries.find((e) => e.code === "15R42")?.ontbrekendeVelden).toEqual(["Bijzonderheden", "Opleiding"]);
  });

  it("parses a small productenboek", () => {
    const text = [
      "Inleiding",
      "Tekst.",
      " Product Eerste product ",
      "Productcode 12A34 ",
      "Omschrijving ",
      "Regel een en hbo-",
      "niveau.",
      "- Een punt",
      "Doelgroep",
      "Volgt nog",
      "Bijzonderheden",
      "- Groepsgrootte: ntb",
      "- Aanvullende eisen",
      "o Eis",
      "Opleiding",
      "Volgt nog",
      "7",
      " Contract Ambulant Wmo",
      " Product Tweede",
      "Productcode NIEUW",
      "Omschrijving",
      "X",
    ].join("\n\n");
    const [a, b, ...rest] = parseProductenboek(text);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      naam: "Eerste product",
      code: "12A34",
      contractId: "hoog-specialistisch-jeugd",
      contractKop: null,
      omschrijving: "Regel een en hbo-niveau.\n- Een punt",
      doelgroep: "Volgt nog",
      beoogdResultaat: null,
      bijzonderheden: { groepsgrootte: "ntb", duurTraject: null, toegang: null, aanvullendeEisen: "- Eis", overig: null },
      opleiding: "Volgt nog",
      ontbrekendeVelden: ["Beoogd resultaat"],
    });
    expect(b).toMatchObject({ naam: "Tweede", code: null, codeLabel: "NIEUW", contractId: "ambulant-wmo", contractKop: "Ambulant Wmo" });
  });

  it("repairs the extraction's ti ligature and bullets", () => {
    expect(normalizeLine("Hoog-specialis\u7400\u6900sche")).toBe("Hoog-specialistische");
    expect(joinLines(cleanLines("\uf0b7 Bed, bad, brood;  \n\n\uf0b7 Toezicht;"))).toBe("- Bed, bad, brood;\n- Toezicht;");
  });
});

describe("parseOplegger", () => {
  const names = parseProductenboek(pbText).reduce<Record<string, string[]>>((acc, e) => {
    (acc[e.contractId] ??= []).push(e.naam);
    return acc;
  }, {});
  const rows = parseOplegger(oplText, { bekendeNamen: names });
  const row = (naam: string) => rows.find((r) => r.naam === naam);

  it("finds the was-wordt rows of the seven tables", () => {
    const per: Record<string, number> = {};
    for (const r of rows) per[r.contractId] = (per[r.contractId] ?? 0) + 1;
    expect(per).toEqual({
      "hoog-specialistisch-jeugd": 21,
      "wonen-jeugd": 9,
      "wonen-wmo": 14,
      "ambulant-wmo": 3,
      "ambulant-jeugd": 27,
      "dagbesteding-jeugd": 6,
      "dagbesteding-logeren-wmo": 9,
    });
  });

  it("splits flattened cells into name and remark", () => {
    expect(row("Jeugd-ggz behandeling Hoog-Specialistisch via onderaannemerschap JenO")).toMatchObject({
      status: "stoppen",
      bijzonderheden: "Kan via de reguliere diensten",
    });
    expect(row("trajectprijs In Verbinding")).toMatchObject({ status: "nieuw", code: null });
    expect(row("Afschaalproduct/tussenproduct Behandeling - Begeleiding")).toMatchObject({ code: "45F69", status: "stoppen" });
    expect(row("BW verzilverd als Gespecialiseerde begeleiding (psy)")).toMatchObject({
      code: "15R31",
      bijzonderheden: "Was voor overgangscliënten, is niet meer nodig.",
    });
    expect(row("Kamertraining doorstroomproduct Jeugd naar Wmo (18+)")?.status).toBe("nieuw");
    expect(row("Groepsbehandeling Kinderdagcentrum (KDC)")).toMatchObject({ code: "41K03", bijzonderheden: "Blijft dagdeel" });
    expect(row("Jeugd-ggz verblijf licht (Schakenbosch)")).toMatchObject({ status: "stoppen", statusLabel: "Stoppen?", onzeker: true });
  });

  it("finds 08A03 in three tables", () => {
    expect(rows.filter((r) => r.code === "08A03").map((r) => r.contractId)).toEqual([
      "ambulant-jeugd",
      "dagbesteding-jeugd",
      "dagbesteding-logeren-wmo",
    ]);
  });
});
