// Generator of domain/catalogue/products.generated.json from the productenboek and the oplegger.
// `npm run catalogue:generate` reads catalogue-sources/ (or $SEEDS_DIR) and writes the JSON. Everything but
// `main` is pure, so the test can re-run it on the same text and compare with the committed file.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type CatalogueAnomaly,
  type ContractId,
  type Eenheid,
  type GeneratedProductsFile,
  GeneratedProductsFileSchema,
  type Product,
} from "../../domain/catalogue/schema";
import { type OpleggerRij, parseOplegger } from "./parse-oplegger";
import { type ProductenboekEntry, compact, parseProductenboek, similarity, slugify } from "./parse-productenboek";

export const PRODUCTENBOEK_BESTAND = "concept-productenboek-2025.txt";
export const OPLEGGER_BESTAND = "oplegger-productenboek-2025.txt";

/** Minimum name similarity to join a productenboek product and an oplegger row by name. */
const NAAM_DREMPEL = 0.6;

const fmt = (n: number): string => n.toFixed(2).replace(".", ",");

/** Pairs productenboek entries with oplegger rows of the same contract: by code, then exact name, then similar name. */
export function joinOplegger(
  entries: readonly ProductenboekEntry[],
  rows: readonly OpleggerRij[],
): Map<ProductenboekEntry, { rij: OpleggerRij; wijze: "code" | "naam" | "gelijkende-naam"; score: number }> {
  const result = new Map<ProductenboekEntry, { rij: OpleggerRij; wijze: "code" | "naam" | "gelijkende-naam"; score: number }>();
  const used = new Set<OpleggerRij>();

  const pairs = (ok: (e: ProductenboekEntry, r: OpleggerRij) => boolean) =>
    entries
      .filter((e) => !result.has(e))
      .flatMap((e) =>
        rows
          .filter((r) => !used.has(r) && r.contractId === e.contractId && ok(e, r))
          .map((r) => ({ e, r, score: similarity(e.naam, r.naam) })),
      )
      .sort((a, b) => b.score - a.score || a.e.volgnummer - b.e.volgnummer || a.r.volgnummer - b.r.volgnummer);

  const take = (wijze: "code" | "naam" | "gelijkende-naam", list: ReturnType<typeof pairs>, min: number) => {
    for (const p of list) {
      if (p.score < min || result.has(p.e) || used.has(p.r)) continue;
      result.set(p.e, { rij: p.r, wijze, score: p.score });
      used.add(p.r);
    }
  };

  // 1. Same code (when a code is used twice in a contract, the closest name wins the row).
  take("code", pairs((e, r) => e.code !== null && e.code === r.code), 0);
  // 2. The same name (letters and digits only), unless both have different codes.
  const codesAgree = (e: ProductenboekEntry, r: OpleggerRij) => e.code === null || r.code === null || e.code === r.code;
  take("naam", pairs((e, r) => codesAgree(e, r) && compact(e.naam) === compact(r.naam)), 0);
  // 3. A similar name, only when one side has no code.
  take("gelijkende-naam", pairs((e, r) => e.code === null || r.code === null), NAAM_DREMPEL);
  return result;
}

interface EenheidUitTekst {
  eenheid: Eenheid;
  bron: string;
}

/** The unit, only where the oplegger or the productenboek text gives one. */
export function eenheidUitTekst(entry: ProductenboekEntry | null, rij: OpleggerRij | null): EenheidUitTekst | null {
  const opl = rij?.bijzonderheden ?? "";
  const oplRules: [RegExp, Eenheid][] = [
    [/^Gaat naar uurtarief[^.]*/u, "uur"],
    [/^Blijft dagdeel/u, "dagdeel"],
    [/^Tarief per minuut/u, "minuut"],
  ];
  for (const [re, eenheid] of oplRules) {
    const m = re.exec(opl);
    if (m) return { eenheid, bron: `Oplegger, was-wordt-lijst: "${m[0]}"` };
  }
  if (entry === null) return null;
  if (/\(dagtarief\)/u.test(entry.naam)) return { eenheid: "dag", bron: `Productenboek, productnaam: "(dagtarief)"` };
  const declared = /[^.]*gerealiseerde etmalen gedeclareerd/u.exec(entry.omschrijving ?? "");
  if (declared) return { eenheid: "etmaal", bron: `Productenboek, omschrijving: "${declared[0].trim()}"` };
  const perWeek = /[^.,]*etmalen per week/iu.exec(entry.bijzonderheden.duurTraject ?? "");
  if (perWeek) return { eenheid: "etmaal", bron: `Productenboek, duur traject: "${perWeek[0].trim()}"` };
  return null;
}

const isNieuwLabel = (label: string | null): boolean => label !== null && /^nieuw\b/iu.test(label);

/** Builds the products and their anomalies from the two texts. Pure. */
export function buildCatalogueFile(productenboekText: string, opleggerText: string): GeneratedProductsFile {
  const entries = parseProductenboek(productenboekText);
  const bekendeNamen: Partial<Record<ContractId, string[]>> = {};
  for (const e of entries) (bekendeNamen[e.contractId] ??= []).push(e.naam);
  const rows = parseOplegger(opleggerText, { bekendeNamen });
  const joined = joinOplegger(entries, rows);
  const usedRows = new Set([...joined.values()].map((j) => j.rij));

  // Codes across and within contracts (productenboek only).
  const contractsPerCode = new Map<string, ContractId[]>();
  const perContractCode = new Map<string, ProductenboekEntry[]>();
  for (const e of entries) {
    if (e.code === null) continue;
    const cs = contractsPerCode.get(e.code) ?? [];
    if (!cs.includes(e.contractId)) cs.push(e.contractId);
    contractsPerCode.set(e.code, cs);
    const key = `${e.contractId}/${e.code}`;
    perContractCode.set(key, [...(perContractCode.get(key) ?? []), e]);
  }

  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };

  const products: Product[] = [];
  for (const e of entries) {
    const j = joined.get(e) ?? null;
    const rij = j?.rij ?? null;
    const anomalieen: string[] = [];
    const id = uniqueId(e.code !== null ? `${e.contractId}/${e.code}` : `${e.contractId}/nieuw-${slugify(e.naam)}`);

    if (e.code !== null) {
      const cs = contractsPerCode.get(e.code) ?? [];
      if (cs.length > 1) anomalieen.push(`Productcode ${e.code} komt in ${cs.length} contracten voor: ${cs.join(", ")}.`);
      const same = perContractCode.get(`${e.contractId}/${e.code}`) ?? [];
      if (same.length > 1) {
        const others = same.filter((x) => x !== e).map((x) => x.naam);
        anomalieen.push(
          `Productcode ${e.code} staat ${same.length} keer in contract ${e.contractId} (ook bij: ${others.join(", ")}).`,
        );
      }
    } else if (isNieuwLabel(e.codeLabel)) {
      anomalieen.push(`Productenboek geeft geen productcode maar "${e.codeLabel ?? ""}".`);
    } else {
      anomalieen.push(`Productenboek geeft geen bruikbare productcode ("${e.codeLabel ?? ""}").`);
    }

    let opleggerStatus: Product["opleggerStatus"] = rij?.status ?? "onbekend";
    if (rij === null) {
      if (e.hs !== null && /^houden$/iu.test(e.hs)) {
        opleggerStatus = "houden";
        anomalieen.push(
          `Geen rij in de was-wordt-lijst van de oplegger; status "Houden" komt uit het H/S-veld dat alleen bij dit product in het productenboek staat.`,
        );
      } else {
        anomalieen.push("Geen rij in de was-wordt-lijst van de oplegger: status onbekend.");
      }
    } else {
      if (rij.status === "stoppen")
        anomalieen.push(`Staat in het productenboek, maar de oplegger zegt "${rij.statusLabel}" (${rij.bijzonderheden ?? "zonder toelichting"}).`);
      if (rij.status === "nieuw" && e.code !== null)
        anomalieen.push(`Oplegger noemt dit product nieuw zonder code; het productenboek geeft code ${e.code}.`);
      if (rij.onzeker) anomalieen.push(`Oplegger: "${rij.statusLabel}" (met vraagteken): stoppen is nog niet zeker.`);
      if (j !== null && j.wijze === "gelijkende-naam")
        anomalieen.push(`Naam in de oplegger wijkt af: "${rij.naam}" (gekoppeld op gelijkende naam, score ${fmt(j.score)}).`);
    }
    for (const v of e.dubbeleVelden) anomalieen.push(`Veld ${v} staat meer dan eens in het productenboek; de teksten zijn samengevoegd.`);
    for (const v of e.ontbrekendeVelden) anomalieen.push(`Veld ${v} ontbreekt in het productenboek.`);
    for (const v of e.legeVelden) anomalieen.push(`Veld ${v} staat in het productenboek, maar zonder tekst.`);

    const eenheid = eenheidUitTekst(e, rij);
    products.push({
      id,
      code: e.code,
      codeLabel: e.codeLabel,
      naam: e.naam,
      contractId: e.contractId,
      bron: "productenboek",
      volgnummer: e.volgnummer,
      omschrijving: e.omschrijving,
      beoogdResultaat: e.beoogdResultaat,
      doelgroep: e.doelgroep,
      bijzonderheden: e.bijzonderheden,
      opleiding: e.opleiding,
      eenheid: eenheid?.eenheid ?? null,
      eenheidBron: eenheid?.bron ?? null,
      opleggerStatus,
      opleggerOnzeker: rij?.onzeker ?? false,
      opleggerNaam: rij?.naam ?? null,
      opleggerCode: rij?.code ?? null,
      opleggerBijzonderheden: rij?.bijzonderheden ?? null,
      anomalieen,
    });
  }

  // Oplegger rows without a productenboek product.
  for (const r of rows) {
    if (usedRows.has(r)) continue;
    const base =
      r.code !== null
        ? `${r.contractId}/${r.code}`
        : r.status === "nieuw"
          ? `${r.contractId}/nieuw-${slugify(r.naam)}`
          : `${r.contractId}/zonder-code-${slugify(r.naam)}`;
    const anomalieen = [
      r.status === "stoppen"
        ? `Staat alleen in de was-wordt-lijst van de oplegger ("${r.statusLabel}"), niet in het productenboek.`
        : `Staat alleen in de was-wordt-lijst van de oplegger (status ${r.status}), maar ontbreekt in het productenboek.`,
    ];
    if (r.code === null) anomalieen.push("Oplegger geeft geen productcode.");
    if (r.onzeker) anomalieen.push(`Oplegger: "${r.statusLabel}" (met vraagteken): stoppen is nog niet zeker.`);
    const eenheid = eenheidUitTekst(null, r);
    products.push({
      id: uniqueId(base),
      code: r.code,
      codeLabel: r.code,
      naam: r.naam,
      contractId: r.contractId,
      bron: "alleen-oplegger",
      volgnummer: null,
      omschrijving: null,
      beoogdResultaat: null,
      doelgroep: null,
      bijzonderheden: { groepsgrootte: null, duurTraject: null, toegang: null, aanvullendeEisen: null, overig: null },
      opleiding: null,
      eenheid: eenheid?.eenheid ?? null,
      eenheidBron: eenheid?.bron ?? null,
      opleggerStatus: r.status,
      opleggerOnzeker: r.onzeker,
      opleggerNaam: r.naam,
      opleggerCode: r.code,
      opleggerBijzonderheden: r.bijzonderheden,
      anomalieen,
    });
  }

  const pb = products.filter((p) => p.bron === "productenboek");
  const perContract: Record<string, number> = {};
  for (const p of pb) perContract[p.contractId] = (perContract[p.contractId] ?? 0) + 1;

  const file: GeneratedProductsFile = {
    bronbestanden: [`catalogue-sources/${PRODUCTENBOEK_BESTAND}`, `catalogue-sources/${OPLEGGER_BESTAND}`],
    aantallen: {
      productenboek: pb.length,
      alleenOplegger: products.length - pb.length,
      productenboekPerContract: perContract,
    },
    products,
    anomalies: productAnomalies(products, entries),
  };
  return GeneratedProductsFileSchema.parse(file);
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const lijst = (ps: readonly Product[]): string => ps.map((p) => `${p.naam} (${p.codeLabel ?? "zonder code"})`).join(", ");

/** The catalogue-level anomalies that follow from the products (document-level ones are hand-written in domain/). */
export function productAnomalies(products: readonly Product[], entries: readonly ProductenboekEntry[]): CatalogueAnomaly[] {
  const out: CatalogueAnomaly[] = [];
  const pb = products.filter((p) => p.bron === "productenboek");
  const add = (a: Omit<CatalogueAnomaly, "contractIds"> & { contractIds?: ContractId[] }, ps: readonly Product[]) =>
    out.push({ ...a, contractIds: a.contractIds ?? uniq(ps.map((p) => p.contractId)) });

  const byCode = new Map<string, Product[]>();
  for (const p of pb) if (p.code !== null) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  for (const [code, ps] of byCode) {
    const contracts = uniq(ps.map((p) => p.contractId));
    if (contracts.length > 1)
      add(
        {
          id: `productcode-${code.toLowerCase()}-in-${contracts.length}-contracten`,
          soort: "productcode-in-meerdere-contracten",
          beschrijving: `Productcode ${code} (${uniq(ps.map((p) => p.naam)).join(" / ")}) staat in ${contracts.length} contracten: ${contracts.join(", ")}. Het inkoopplan (5.1) zegt "In principe is elk product in één contract ondergebracht". De catalogus houdt ze als aparte producten met elk een eigen id.`,
          bronnen: ["Productenboek", "Oplegger, was-wordt-lijsten", "Inkoopplan 5.1"],
          productIds: ps.map((p) => p.id),
        },
        ps,
      );
    for (const c of contracts) {
      const inC = ps.filter((p) => p.contractId === c);
      if (inC.length > 1)
        add(
          {
            id: `productcode-${code.toLowerCase()}-dubbel-in-${c}`,
            soort: "productcode-dubbel-in-contract",
            beschrijving: `Productcode ${code} staat ${inC.length} keer in contract ${c}: ${inC.map((p) => p.naam).join(", ")}. De oplegger geeft de code alleen aan ${inC.filter((p) => p.opleggerCode === code).map((p) => p.naam).join(", ") || "geen van beide"}; de catalogus geeft het tweede product id ${inC[1]?.id ?? ""}.`,
            bronnen: ["Productenboek", "Oplegger, was-wordt-lijst"],
            productIds: inC.map((p) => p.id),
          },
          inC,
        );
    }
  }

  const nieuw = pb.filter((p) => p.code === null);
  if (nieuw.length > 0)
    add(
      {
        id: "productcode-nieuw",
        soort: "productcode-nieuw",
        beschrijving: `${nieuw.length} producten in het productenboek hebben geen productcode maar "NIEUW" (of "Nieuw", "NIEUW PRODUCT"): ${lijst(nieuw)}. In de catalogus is de code leeg en het id <contract>/nieuw-<naam>.`,
        bronnen: ["Productenboek"],
        productIds: nieuw.map((p) => p.id),
      },
      nieuw,
    );

  for (const p of pb.filter((x) => x.opleggerStatus === "stoppen"))
    add(
      {
        id: `productenboek-maar-stoppen-${slugify(p.code ?? p.naam)}`,
        soort: "productenboek-en-oplegger-oneens",
        beschrijving: `${p.naam} (${p.codeLabel ?? "zonder code"}) staat in het productenboek (contract ${p.contractId}), maar de oplegger zegt "Stoppen": ${p.opleggerBijzonderheden ?? "zonder toelichting"}`,
        bronnen: ["Productenboek", "Oplegger, was-wordt-lijst"],
        productIds: [p.id],
      },
      [p],
    );
  for (const p of pb.filter((x) => x.opleggerStatus === "nieuw" && x.code !== null))
    add(
      {
        id: `oplegger-nieuw-maar-code-${slugify(p.id)}`,
        soort: "productenboek-en-oplegger-oneens",
        beschrijving: `${p.naam}: de oplegger noemt dit product nieuw zonder code, het productenboek geeft code ${p.code ?? ""}.`,
        bronnen: ["Productenboek", "Oplegger, was-wordt-lijst"],
        productIds: [p.id],
      },
      [p],
    );

  const alleenOplegger = products.filter((p) => p.bron === "alleen-oplegger");
  for (const p of alleenOplegger.filter((x) => x.opleggerStatus !== "stoppen"))
    add(
      {
        id: `alleen-in-oplegger-${slugify(p.naam)}`,
        soort: "alleen-in-oplegger",
        beschrijving: `De oplegger noemt "${p.naam}" (${p.opleggerStatus}${p.code === null ? ", zonder code" : `, ${p.code}`}) in contract ${p.contractId}: ${p.opleggerBijzonderheden ?? ""} Het productenboek beschrijft dit product niet. De catalogus neemt het op met bron "alleen-oplegger".`,
        bronnen: ["Oplegger, was-wordt-lijst", "Productenboek"],
        productIds: [p.id],
      },
      [p],
    );
  const gestopt = alleenOplegger.filter((x) => x.opleggerStatus === "stoppen");
  if (gestopt.length > 0)
    add(
      {
        id: "alleen-in-oplegger-gestopt",
        soort: "alleen-in-oplegger",
        beschrijving: `${gestopt.length} rijen van de was-wordt-lijsten zijn producten die stoppen en niet in het productenboek staan; de catalogus neemt ze op met bron "alleen-oplegger" en status stoppen: ${lijst(gestopt)}.`,
        bronnen: ["Oplegger, was-wordt-lijsten"],
        productIds: gestopt.map((p) => p.id),
      },
      gestopt,
    );

  const onzeker = products.filter((p) => p.opleggerOnzeker);
  if (onzeker.length > 0)
    add(
      {
        id: "oplegger-stoppen-met-vraagteken",
        soort: "status-onzeker",
        beschrijving: `De oplegger schrijft "Stoppen?" (met vraagteken) bij ${lijst(onzeker)}. De catalogus geeft status stoppen met opleggerOnzeker = true.`,
        bronnen: ["Oplegger, was-wordt-lijst Hoog-specialistische jeugdhulp"],
        productIds: onzeker.map((p) => p.id),
      },
      onzeker,
    );

  for (const p of pb.filter((x) => x.anomalieen.some((a) => a.startsWith("Geen rij in de was-wordt-lijst"))))
    add(
      {
        id: `niet-in-oplegger-${slugify(p.id)}`,
        soort: "niet-in-oplegger",
        beschrijving: `${p.naam} (${p.codeLabel ?? "zonder code"}) heeft geen rij in een was-wordt-lijst van de oplegger. ${p.anomalieen.find((a) => a.startsWith("Geen rij")) ?? ""}`,
        bronnen: ["Oplegger", "Productenboek"],
        productIds: [p.id],
      },
      [p],
    );

  for (const p of pb.filter((x) => x.anomalieen.some((a) => a.startsWith("Naam in de oplegger wijkt af"))))
    add(
      {
        id: `naam-wijkt-af-${slugify(p.id)}`,
        soort: "naam-wijkt-af",
        beschrijving: `Productenboek "${p.naam}", oplegger "${p.opleggerNaam ?? ""}": zonder gemeenschappelijke code gekoppeld op gelijkende naam.`,
        bronnen: ["Productenboek", "Oplegger, was-wordt-lijst"],
        productIds: [p.id],
      },
      [p],
    );

  const idOf = new Map(pb.map((p) => [p.volgnummer, p]));
  const dubbel = entries.filter((e) => e.dubbeleVelden.length > 0);
  for (const e of dubbel) {
    const p = idOf.get(e.volgnummer);
    if (p !== undefined)
      add(
        {
          id: `veld-dubbel-${slugify(p.id)}`,
          soort: "veld-dubbel",
          beschrijving: `${p.naam} (${p.codeLabel ?? ""}): veld ${e.dubbeleVelden.join(", ")} staat meer dan eens in het productenboek; de teksten zijn samengevoegd.`,
          bronnen: ["Productenboek"],
          productIds: [p.id],
        },
        [p],
      );
  }
  const velden = uniq(entries.flatMap((e) => e.ontbrekendeVelden));
  for (const v of velden) {
    const ps = entries
      .filter((e) => e.ontbrekendeVelden.includes(v))
      .map((e) => idOf.get(e.volgnummer))
      .filter((p): p is Product => p !== undefined);
    add(
      {
        id: `veld-ontbreekt-${slugify(v)}`,
        soort: "veld-ontbreekt",
        beschrijving: `Het veld ${v} ontbreekt in het productenboek bij ${lijst(ps)}.`,
        bronnen: ["Productenboek"],
        productIds: ps.map((p) => p.id),
      },
      ps,
    );
  }

  for (const v of uniq(entries.flatMap((e) => e.legeVelden))) {
    const ps = entries
      .filter((e) => e.legeVelden.includes(v))
      .map((e) => idOf.get(e.volgnummer))
      .filter((p): p is Product => p !== undefined);
    add(
      {
        id: `veld-leeg-${slugify(v)}`,
        soort: "veld-ontbreekt",
        beschrijving: `Het veld ${v} staat in het productenboek maar heeft geen tekst bij ${lijst(ps)}.`,
        bronnen: ["Productenboek"],
        productIds: ps.map((p) => p.id),
      },
      ps,
    );
  }

  const metEenheid = pb.filter((p) => p.eenheid !== null);
  const zonder = pb.filter((p) => p.eenheid === null);
  add(
    {
      id: "eenheid-ontbreekt",
      soort: "eenheid-ontbreekt",
      beschrijving: `Het productenboek heeft geen veld voor de eenheid. Alleen waar de oplegger of de producttekst er een noemt, vult de catalogus die in (${metEenheid.length} van de ${pb.length} producten: ${metEenheid.map((p) => `${p.code ?? p.naam}: ${p.eenheid ?? ""}`).join(", ")}); bij ${zonder.length} producten is de eenheid leeg.`,
      bronnen: ["Productenboek", "Oplegger", "Inkoopplan 5.3 en 6.8.3"],
      productIds: zonder.map((p) => p.id),
    },
    zonder,
  );

  const zonderKop = entries.filter((e) => e.contractKop === null);
  if (zonderKop.length > 0) {
    const ps = zonderKop.map((e) => idOf.get(e.volgnummer)).filter((p): p is Product => p !== undefined);
    add(
      {
        id: "productenboek-sectiekop-ontbreekt",
        soort: "sectiekop-ontbreekt",
        beschrijving: `De eerste ${ps.length} producten van het productenboek staan onder geen contractkop (de kop voor Hoog-specialistisch ontbreekt in de tekst). De catalogus rekent ze tot ${uniq(ps.map((p) => p.contractId)).join(", ")}: de oplegger zet dezelfde producten in de was-wordt-lijst van "Contract Hoog-specialistische jeugdhulp".`,
        bronnen: ["Productenboek", "Oplegger, was-wordt-lijst Hoog-specialistische jeugdhulp"],
        productIds: ps.map((p) => p.id),
      },
      ps,
    );
  }
  return out;
}

/** Reads the sources (catalogue-sources/ or $SEEDS_DIR) and writes the JSON. */
function main(): void {
  const root = resolve(__dirname, "..", "..");
  const dir = process.env["SEEDS_DIR"] ?? join(root, "catalogue-sources");
  const files = readdirSync(dir);
  // In catalogue-sources/ the files have readable names; in the original seeds folder they are 003_*.txt / 000_*.txt.
  const pick = (name: string, prefix: string): string => {
    const found = files.includes(name) ? name : files.find((f) => f.startsWith(prefix) && f.endsWith(".txt"));
    if (found === undefined) throw new Error(`${dir}: ${name} (of ${prefix}*.txt) ontbreekt`);
    return join(dir, found);
  };
  const pbText = readFileSync(pick(PRODUCTENBOEK_BESTAND, "003_"), "utf8");
  const oplText = readFileSync(pick(OPLEGGER_BESTAND, "000_"), "utf8");
  const file = buildCatalogueFile(pbText, oplText);
  const out = join(root, "domain", "catalogue", "products.generated.json");
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, "utf8");
  console.log(
    `${out}: ${file.aantallen.productenboek} producten uit het productenboek, ${file.aantallen.alleenOplegger} alleen uit de oplegger, ${file.anomalies.length} anomalieën.`,
  );
}

if (require.main === module) main();
