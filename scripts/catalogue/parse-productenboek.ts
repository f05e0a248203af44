// Parser for the "Concept productenboek 2025" (plain text extracted from PDF). Pure: takes the text,
// returns the entries. The file reading lives in generate.ts.
import type { Bijzonderheden, ContractId } from "../../domain/catalogue/schema";

// ---------------------------------------------------------------------------------------------------------
// Text helpers shared with parse-oplegger.ts

/**
 * Normalises one extracted line: non-breaking spaces, the "ti" ligature that the PDF extraction turned into
 * CJK characters (U+7400 U+6900 = "t" "i" in the high byte), private-use bullet glyphs.
 */
export function normalizeLine(line: string): string {
  let out = "";
  for (const ch of line) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xa0 || cp === 0x0c) out += " ";
    else if (cp >= 0x2100 && cp <= 0x7eff && (cp & 0xff) === 0) out += String.fromCharCode(cp >> 8);
    else if (cp === 0xf0b7 || cp === 0xf0a7) out += "•";
    else out += ch;
  }
  return out.replace(/\s+$/u, "");
}

/** Non-empty, normalised, trimmed lines; page numbers (a line with only 1-3 digits) are dropped. */
export function cleanLines(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((l) => normalizeLine(l).trim())
    .filter((l) => l.length > 0 && !/^\d{1,3}$/u.test(l));
}

const BULLET = /^(?:[-•–o])\s+/u;

/**
 * Joins the lines of one cell or field into readable text: bullets ("-", "•", "o") start a new line "- ...",
 * other lines continue the previous one; a word broken at a hyphen ("hbo-" + "niveau") is rejoined.
 */
export function joinLines(lines: readonly string[]): string | null {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0) continue;
    if (BULLET.test(line)) {
      out.push(`- ${line.replace(BULLET, "").trim()}`);
      continue;
    }
    const prev = out.pop();
    if (prev === undefined) out.push(line);
    else if (/[a-zë]-$/u.test(prev) && /^[a-zë]/u.test(line)) out.push(prev + line);
    else out.push(`${prev} ${line}`);
  }
  const text = out
    .map((l) => l.replace(/\s+/gu, " ").trim())
    .join("\n")
    .trim();
  return text.length > 0 ? text : null;
}

/** Lower-case letters and digits only: "Jeugd-ggz Verblijf (VZO)" -> "jeugdggzverblijfvzo". */
export function compact(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/gu, "");
}

/** Kebab slug for ids: "Kamertraining (KTC) instroom 18+" -> "kamertraining-ktc-instroom-18". */
export function slugify(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
}

/** Dice coefficient on character bigrams of the compacted strings (0..1). */
export function similarity(a: string, b: string): number {
  const x = compact(a);
  const y = compact(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length - 1 + (y.length - 1));
}

/** A product code as the documents write it: five characters with digits, e.g. 45A48, 54016, 41O23. */
export const PRODUCT_CODE = /^(?=.*\d)[0-9A-Z]{5}$/u;

// ---------------------------------------------------------------------------------------------------------
// Productenboek

/** Section headings of the productenboek ("Contract ...") mapped to contract ids (compacted heading text). */
const PB_HEADINGS: Record<string, ContractId> = {
  [compact("Wonen Jeugd & jongvolwassenen")]: "wonen-jeugd",
  [compact("Wonen Wmo")]: "wonen-wmo",
  [compact("Ambulant Jeugd")]: "ambulant-jeugd",
  [compact("Ambulant Wmo")]: "ambulant-wmo",
  [compact("Dagbesteding Jeugd")]: "dagbesteding-jeugd",
  [compact("Dagbesteding & logeren Wmo")]: "dagbesteding-logeren-wmo",
  [compact("Hulp bij huishouden")]: "hulp-bij-huishouden",
};

/**
 * The productenboek starts without a section heading: the first products (up to "Contract Wonen Jeugd &
 * jongvolwassenen") are those of Hoog-specialistisch Jeugd (the oplegger's was-wordt list for that contract
 * has the same products; inkoopplan 6.5 includes "crisiszorg").
 */
export const PB_CONTRACT_ZONDER_KOP: ContractId = "hoog-specialistisch-jeugd";

export type ProductenboekVeld = "Omschrijving" | "Beoogd resultaat" | "Doelgroep" | "Bijzonderheden" | "Opleiding";
const MAIN_FIELDS: readonly ProductenboekVeld[] = ["Omschrijving", "Beoogd resultaat", "Doelgroep", "Bijzonderheden", "Opleiding"];
type SubVeld = keyof Omit<Bijzonderheden, "overig">;
const SUB_FIELDS: Record<string, SubVeld> = {
  groepsgrootte: "groepsgrootte",
  "duur traject": "duurTraject",
  toegang: "toegang",
  "aanvullende eisen": "aanvullendeEisen",
};

export interface ProductenboekEntry {
  /** 1-based position in the productenboek. */
  volgnummer: number;
  contractId: ContractId;
  /** The "Contract ..." heading the product stands under; null for the first section, which has none. */
  contractKop: string | null;
  naam: string;
  /** The text after "Productcode" (e.g. "45A48", "NIEUW", "Nieuw", "NIEUW PRODUCT"). */
  codeLabel: string | null;
  /** The code when the label is a real code, else null. */
  code: string | null;
  omschrijving: string | null;
  beoogdResultaat: string | null;
  doelgroep: string | null;
  bijzonderheden: Bijzonderheden;
  opleiding: string | null;
  /** The "H/S" field, which only Hulp bij huishouden has. */
  hs: string | null;
  /** Main fields that occur more than once (their texts are joined). */
  dubbeleVelden: ProductenboekVeld[];
  /** Main fields that are absent. "Bijzonderheden" counts as present when one of its sub-headings is. */
  ontbrekendeVelden: ProductenboekVeld[];
  /** Main fields whose heading is there but without any text (the next heading follows at once). */
  legeVelden: ProductenboekVeld[];
}

type Slot =
  | { kind: "main"; veld: ProductenboekVeld }
  | { kind: "sub"; veld: SubVeld }
  | { kind: "hs" }
  | { kind: "none" };

interface Draft {
  naam: string;
  contractId: ContractId;
  contractKop: string | null;
  codeLabel: string | null;
  main: Map<ProductenboekVeld, string[][]>;
  sub: Map<SubVeld, string[]>;
  overig: string[];
  hs: string[];
  subSeen: boolean;
}

function isProductHeader(lines: readonly string[], i: number): string | null {
  const m = /^Product\s+(.+)$/u.exec(lines[i] ?? "");
  if (!m || m[1] === undefined || /^code\b/u.test(m[1])) return null;
  return /^Productcode\b/u.test(lines[i + 1] ?? "") ? m[1].trim() : null;
}

function matchSub(line: string): { veld: SubVeld; rest: string } | null {
  const stripped = line.replace(BULLET, "").trim();
  const m = /^(Groepsgrootte|Duur traject|Toegang|Aanvullende eisen)\s*(?::\s*(.*))?$/u.exec(stripped);
  if (!m || m[1] === undefined) return null;
  const veld = SUB_FIELDS[m[1].toLowerCase()];
  if (veld === undefined) return null;
  return { veld, rest: (m[2] ?? "").trim() };
}

function finish(d: Draft, volgnummer: number): ProductenboekEntry {
  const mainText = (v: ProductenboekVeld): string | null => {
    const parts = (d.main.get(v) ?? []).map((ls) => joinLines(ls)).filter((t): t is string => t !== null);
    return parts.length > 0 ? parts.join("\n") : null;
  };
  const sub = (v: SubVeld): string | null => joinLines(d.sub.get(v) ?? []);
  const dubbeleVelden = MAIN_FIELDS.filter((v) => (d.main.get(v)?.length ?? 0) > 1);
  const ontbrekendeVelden = MAIN_FIELDS.filter(
    (v) => !d.main.has(v) && !(v === "Bijzonderheden" && d.subSeen),
  );
  const legeVelden = MAIN_FIELDS.filter(
    (v) => v !== "Bijzonderheden" && d.main.has(v) && mainText(v) === null,
  );
  const label = d.codeLabel;
  return {
    volgnummer,
    contractId: d.contractId,
    contractKop: d.contractKop,
    naam: d.naam,
    codeLabel: label,
    code: label !== null && PRODUCT_CODE.test(label) ? label : null,
    omschrijving: mainText("Omschrijving"),
    beoogdResultaat: mainText("Beoogd resultaat"),
    doelgroep: mainText("Doelgroep"),
    bijzonderheden: {
      groepsgrootte: sub("groepsgrootte"),
      duurTraject: sub("duurTraject"),
      toegang: sub("toegang"),
      aanvullendeEisen: sub("aanvullendeEisen"),
      overig: joinLines(d.overig),
    },
    opleiding: mainText("Opleiding"),
    hs: joinLines(d.hs),
    dubbeleVelden,
    ontbrekendeVelden,
    legeVelden,
  };
}

/** Parses the productenboek text into its product entries, in document order. */
export function parseProductenboek(text: string): ProductenboekEntry[] {
  const lines = cleanLines(text);
  const entries: ProductenboekEntry[] = [];
  let contractId: ContractId = PB_CONTRACT_ZONDER_KOP;
  let contractKop: string | null = null;
  let draft: Draft | null = null;
  let slot: Slot = { kind: "none" };

  const flush = (): void => {
    if (draft !== null) entries.push(finish(draft, entries.length + 1));
    draft = null;
    slot = { kind: "none" };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";

    const kop = /^Contract\s+(.+)$/u.exec(line);
    if (kop?.[1] !== undefined && isProductHeader(lines, i + 1) !== null) {
      const id = PB_HEADINGS[compact(kop[1])];
      if (id === undefined) throw new Error(`Productenboek: onbekende contractkop "${line}"`);
      flush();
      contractId = id;
      contractKop = kop[1].trim();
      continue;
    }

    const naam = isProductHeader(lines, i);
    if (naam !== null) {
      flush();
      const codeLine = lines[i + 1] ?? "";
      const label = codeLine.replace(/^Productcode\s*/u, "").trim();
      draft = {
        naam,
        contractId,
        contractKop,
        codeLabel: label.length > 0 ? label : null,
        main: new Map(),
        sub: new Map(),
        overig: [],
        hs: [],
        subSeen: false,
      };
      i++; // the Productcode line
      continue;
    }

    const d: Draft | null = draft;
    if (d === null) continue; // the introduction before the first product

    const main = MAIN_FIELDS.find((v) => new RegExp(`^${v}\\s*:?$`, "u").test(line));
    if (main !== undefined) {
      const list = d.main.get(main) ?? [];
      list.push([]);
      d.main.set(main, list);
      slot = { kind: "main", veld: main };
      continue;
    }
    if (line === "H/S") {
      slot = { kind: "hs" };
      continue;
    }
    const sub = matchSub(line);
    if (sub !== null) {
      d.subSeen = true;
      const list = d.sub.get(sub.veld) ?? [];
      if (sub.rest.length > 0) list.push(sub.rest);
      d.sub.set(sub.veld, list);
      slot = { kind: "sub", veld: sub.veld };
      continue;
    }

    switch (slot.kind) {
      case "main": {
        if (slot.veld === "Bijzonderheden") d.overig.push(line);
        else d.main.get(slot.veld)?.at(-1)?.push(line);
        break;
      }
      case "sub":
        d.sub.get(slot.veld)?.push(line);
        break;
      case "hs":
        d.hs.push(line);
        break;
      case "none":
        throw new Error(`Productenboek: tekst buiten een veld bij product "${d.naam}": "${line}"`);
    }
  }
  flush();
  return entries;
}
