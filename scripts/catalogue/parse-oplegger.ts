// Parser for the "Oplegger productenboek" (plain text extracted from PDF): the per-contract "Was-wordt lijst
// producten" tables with columns Product | Productcode | H/S/N | Bijzonderheden. Pure: takes the text.
//
// The PDF extraction flattened the tables: a cell can run over several lines and the lines between one row's
// status (Houden/Stoppen/Nieuw) and the next row's status hold the tail of one row's Bijzonderheden followed
// by the next row's product name. Where that split is, is decided (1) by the productenboek names of the same
// contract when one matches well, else (2) by the layout rules in `isContinuation`.
import type { ContractId } from "../../domain/catalogue/schema";
import { cleanLines, compact, joinLines, similarity } from "./parse-productenboek";

export type OpleggerStatusLabel = "houden" | "stoppen" | "nieuw";

export interface OpleggerRij {
  contractId: ContractId;
  /** The table or sub-table heading the row stands under, e.g. "Ambulant Jeugd". */
  tabel: string;
  /** 1-based position within the contract's table. */
  volgnummer: number;
  naam: string;
  code: string | null;
  status: OpleggerStatusLabel;
  /** The status as written, e.g. "Stoppen?", "stoppen", "nieuw". */
  statusLabel: string;
  /** "Stoppen?": the oplegger itself is not sure. */
  onzeker: boolean;
  bijzonderheden: string | null;
}

export interface ParseOpleggerOptions {
  /** Product names per contract (from the productenboek), used to find where a row's name starts. */
  bekendeNamen?: Partial<Record<ContractId, readonly string[]>>;
}

/** Headings in the oplegger (compacted) -> the contract whose was-wordt table follows, or null (no table). */
const OPL_HEADINGS: Record<string, ContractId | null> = {
  [compact("Contract Jeugdbescherming/ jeugdreclassering")]: "jb-jr",
  [compact("Contract JeugdzorgPlus")]: "jeugdzorgplus",
  [compact("Contract Forensische GGZ")]: "forensische-ggz",
  [compact("Contract Crisisdienst jeugd")]: "crisisdienst",
  [compact("Contract Hoog-specialistische jeugdhulp")]: "hoog-specialistisch-jeugd",
  [compact("Contract Wonen Jeugd & jongvolwassenen")]: "wonen-jeugd",
  [compact("Contract Wonen Wmo")]: "wonen-wmo",
  [compact("Contracten Ambulant Jeugd en Wmo")]: null,
  [compact("Ambulant Wmo")]: "ambulant-wmo",
  [compact("Ambulant Jeugd")]: "ambulant-jeugd",
  [compact("Contracten Dagbesteding Jeugd en Wmo")]: null,
  [compact("Contract dagbesteding jeugd")]: "dagbesteding-jeugd",
  [compact("Contract dagbesteding en logeren Wmo")]: "dagbesteding-logeren-wmo",
  [compact("Contract Hulp bij huishouden")]: "hulp-bij-huishouden",
};

const CODE = "[0-9]{2}[0-9A-Z][0-9]{2}";
const STATUS = "(Houden|Stoppen\\??|Nieuw)";
const STATUS_FIRST = new RegExp(`^${STATUS}(?:\\s+(.*))?$`, "iu");
const WITH_CODE = new RegExp(`^(?:(.*?)\\s+)?(${CODE})\\s+${STATUS}(?:\\s+(.*))?$`, "iu");
const NAME_DOUBLE_SPACE = new RegExp(`^(.*?\\S)\\s{2,}${STATUS}(?:\\s+(.*))?$`, "iu");
const CODE_ONLY = new RegExp(`^${CODE}$`, "u");

interface StatusLine {
  namePart: string;
  code: string | null;
  statusLabel: string;
  rest: string;
}

function matchStatusLine(line: string): StatusLine | null {
  const a = STATUS_FIRST.exec(line);
  if (a?.[1] !== undefined) return { namePart: "", code: null, statusLabel: a[1], rest: (a[2] ?? "").trim() };
  const b = WITH_CODE.exec(line);
  if (b?.[2] !== undefined && b[3] !== undefined)
    return { namePart: (b[1] ?? "").trim(), code: b[2], statusLabel: b[3], rest: (b[4] ?? "").trim() };
  const c = NAME_DOUBLE_SPACE.exec(line);
  if (c?.[1] !== undefined && c[2] !== undefined)
    return { namePart: c[1].trim(), code: null, statusLabel: c[2], rest: (c[3] ?? "").trim() };
  return null;
}

/** Layout rule: does `line` continue the product name that `prev` started (rather than start a new one)? */
function isContinuation(prev: string, line: string): boolean {
  if (/[-‐]$/u.test(prev) || /–$/u.test(prev)) return true;
  if (/^[a-zà-ÿ(–-]/u.test(line)) return true;
  if (/^[A-Z][\p{L}’']*$/u.test(line) && !/[.),]$/u.test(prev)) return true;
  // A one-word line that ends no sentence ("Afschaalproduct/tussenproduct") is a name fragment, not a remark.
  if (!/\s/u.test(prev) && !/[.),]$/u.test(prev)) return true;
  return false;
}

/** Joins the lines of a product name ("Hoog-" + "Specialistisch" -> "Hoog-Specialistisch"). */
function joinName(lines: readonly string[]): string {
  let out = "";
  for (const l of lines) {
    const line = l.replace(/\s+/gu, " ").trim();
    if (line.length === 0) continue;
    if (out.length === 0) out = line;
    else if (/[a-zA-Z]-$/u.test(out)) out += line;
    else out += ` ${line}`;
  }
  return out;
}

/**
 * Where the name of the next row starts in `pending` (the lines between two status lines). Lines before the
 * returned index belong to the previous row's Bijzonderheden.
 */
function splitPoint(
  pending: readonly string[],
  namePart: string,
  known: readonly string[],
): number {
  const n = pending.length;
  if (n === 0) return 0;
  const maxK = namePart.length > 0 ? n : n - 1;

  let best = { k: -1, score: 0 };
  for (let k = 0; k <= maxK; k++) {
    const name = joinName([...pending.slice(k), namePart]);
    for (const kn of known) {
      const score = similarity(name, kn);
      if (score > best.score || (score === best.score && k > best.k)) best = { k, score };
    }
  }
  if (best.k >= 0 && best.score >= 0.8) return best.k;

  let k = maxK;
  while (k > 0) {
    const first = k < n ? (pending[k] ?? "") : namePart;
    if (!isContinuation(pending[k - 1] ?? "", first)) break;
    k--;
  }
  return k;
}

interface RowDraft {
  nameLines: string[];
  code: string | null;
  statusLabel: string;
  bijz: string[];
}

function parseTable(lines: readonly string[], known: readonly string[]): RowDraft[] {
  const rows: RowDraft[] = [];
  let pending: string[] = [];
  for (const line of lines) {
    const st = matchStatusLine(line);
    if (st === null) {
      pending.push(line);
      continue;
    }
    let code = st.code;
    let lines2 = pending;
    const last = lines2.at(-1);
    if (code === null && last !== undefined && CODE_ONLY.test(last)) {
      code = last;
      lines2 = lines2.slice(0, -1);
    }
    const prev = rows.at(-1);
    const k = prev === undefined ? 0 : splitPoint(lines2, st.namePart, known);
    prev?.bijz.push(...lines2.slice(0, k));
    const nameLines = [...lines2.slice(k), ...(st.namePart.length > 0 ? [st.namePart] : [])];
    if (nameLines.length === 0) throw new Error(`Oplegger: rij zonder productnaam bij "${line}"`);
    rows.push({ nameLines, code, statusLabel: st.statusLabel, bijz: st.rest.length > 0 ? [st.rest] : [] });
    pending = [];
  }
  const prev = rows.at(-1);
  if (prev !== undefined) prev.bijz.push(...pending);
  else if (pending.length > 0) throw new Error(`Oplegger: tabel zonder statuskolom: "${pending[0] ?? ""}"`);
  return rows;
}

function toStatus(label: string): OpleggerStatusLabel {
  const l = label.toLowerCase().replace(/\?$/u, "");
  if (l === "houden" || l === "stoppen" || l === "nieuw") return l;
  throw new Error(`Oplegger: onbekende status "${label}"`);
}

/** Parses all was-wordt tables of the oplegger, in document order. */
export function parseOplegger(text: string, options: ParseOpleggerOptions = {}): OpleggerRij[] {
  const lines = cleanLines(text);
  const out: OpleggerRij[] = [];
  let contractId: ContractId | null = null;
  let tabel = "";
  let inTable = false;
  let tableLines: string[] = [];

  const flush = (): void => {
    if (inTable && contractId !== null) {
      const cid: ContractId = contractId;
      const rows = parseTable(tableLines, options.bekendeNamen?.[cid] ?? []);
      let nr = out.filter((r) => r.contractId === cid).length;
      for (const r of rows) {
        out.push({
          contractId: cid,
          tabel,
          volgnummer: ++nr,
          naam: joinName(r.nameLines),
          code: r.code,
          status: toStatus(r.statusLabel),
          statusLabel: r.statusLabel,
          onzeker: r.statusLabel.endsWith("?"),
          bijzonderheden: joinLines(r.bijz),
        });
      }
    }
    inTable = false;
    tableLines = [];
  };

  for (const line of lines) {
    const key = compact(line);
    if (key in OPL_HEADINGS) {
      flush();
      contractId = OPL_HEADINGS[key] ?? null;
      tabel = line.replace(/^Contract(en)?\s+/u, "");
      continue;
    }
    if (/^Contract(en)?\s/u.test(line) && line.length < 60 && !line.includes(":"))
      throw new Error(`Oplegger: onbekende contractkop "${line}"`);
    if (line === "Hoofdlijn contract") {
      flush();
      continue;
    }
    if (/^Product\s+Product/u.test(line)) {
      flush();
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    if (line === "code" || /^H\/S\/[NS]\s+Bijzonderheden$/u.test(line)) continue; // rest of a wrapped header
    tableLines.push(line);
  }
  flush();
  return out;
}
