import { documentFonts, FONT_BOLD, FONT_REGULAR } from "./fonts";

/*
 * The shared page layout of every document: DejaVu Sans (see fonts.ts), a running header and footer,
 * and block helpers that also build the tag tree (H1/H2/P/L/Table) so the PDF is readable by
 * assistive technology, not only printable.
 */

export const AFZENDER_REGIO = "Regio Midden-Holland — Inkoop Jeugd en Wmo";

export const PAGE_MARGINS = { top: 92, bottom: 76, left: 64, right: 64 };

const COLOR_TEXT = "#1a1a1a";
const COLOR_MUTED = "#555555";
const COLOR_ACCENT = "#1f3a5f";
const COLOR_RULE = "#9aa5b1";
const COLOR_HEADER_FILL = "#e8edf2";

const SIZE_BODY = 10;
const SIZE_SMALL = 8.5;
const SIZE_TABLE = 9;
const CELL_PADDING = 4;

export interface Column {
  header: string;
  /** Relative width; the columns share the content width in proportion. */
  weight: number;
  align?: "left" | "right";
}

type RowKind = "header" | "body";

interface TableOptions {
  /** Show the column headers (repeated on every page the table continues on). */
  header: boolean;
  /** Lines between rows and a shaded header row. */
  ruled: boolean;
  /** The first column labels its row (a key-value table). */
  rowHeaders: boolean;
  /** Body text size; dense tables go smaller than running text. */
  size: number;
}

export class Layout {
  private readonly root: PDFKit.PDFStructureElement;
  private readonly hasGlyph: (codePoint: number) => boolean;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
    // Bold, then regular: the starting state of every page stream, as the files stored so far have it.
    this.bold().regular();
    const { regular, bold } = documentFonts();
    this.hasGlyph = (cp) => regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp);
  }

  /**
   * PDF/A forbids drawing the .notdef glyph, which is what a character missing from DejaVu (CJK, for
   * one) would become; such a character is shown as U+FFFD instead, and control characters go.
   */
  private printable(text: string): string {
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (ch === "\n") out += ch;
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += cp === 0x09 ? " " : "";
      else out += this.hasGlyph(cp) ? ch : "\ufffd";
    }
    return out;
  }

  get contentWidth(): number {
    const page = this.doc.page;
    return page.width - page.margins.left - page.margins.right;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  regular(size = SIZE_BODY): this {
    this.doc.font(FONT_REGULAR).fontSize(size).fillColor(COLOR_TEXT);
    return this;
  }

  bold(size = SIZE_BODY): this {
    this.doc.font(FONT_BOLD).fontSize(size).fillColor(COLOR_TEXT);
    return this;
  }

  space(points = 6): this {
    this.doc.y += points;
    return this;
  }

  /** Starts a new page when fewer than `points` remain, so a block is not split from what it introduces. */
  keepSpace(points: number): this {
    if (this.doc.y + points > this.doc.page.maxY()) this.doc.addPage();
    return this;
  }

  /** Height of `text` as a body paragraph, to keep a heading with the start of what it introduces. */
  paragraphHeight(text: string): number {
    this.regular();
    return this.doc.heightOfString(this.printable(text), { width: this.contentWidth, lineGap: 1.5 });
  }

  title(title: string, subtitle?: string): this {
    const text = this.printable(title);
    this.block("H1", () => {
      this.bold(17).doc.fillColor(COLOR_ACCENT).text(text, this.left, this.doc.y, { width: this.contentWidth });
    });
    if (subtitle !== undefined) {
      this.block("P", () => {
        this.regular(11).doc.fillColor(COLOR_MUTED).text(this.printable(subtitle), this.left, this.doc.y + 2, { width: this.contentWidth });
      });
    }
    this.regular();
    return this.space(10);
  }

  heading(heading: string): this {
    const text = this.printable(heading);
    // A heading with less than a few lines of its section under it would be stranded at the page foot.
    this.space(8).keepSpace(100);
    this.block("H2", () => {
      this.bold(11.5).doc.fillColor(COLOR_ACCENT).text(text, this.left, this.doc.y, { width: this.contentWidth });
    });
    this.regular();
    return this.space(3);
  }

  subheading(heading: string): this {
    const text = this.printable(heading);
    this.space(4).keepSpace(40);
    this.block("H3", () => {
      this.bold(10).doc.text(text, this.left, this.doc.y, { width: this.contentWidth });
    });
    this.regular();
    return this.space(2);
  }

  /** `keepWithNext`: points of what follows (a list, a table) that must fit on the same page. */
  paragraph(paragraph: string, opts: { muted?: boolean; bold?: boolean; keepWithNext?: number } = {}): this {
    const text = this.printable(paragraph);
    const keep = opts.keepWithNext === undefined ? 0 : this.doc.heightOfString(text, { width: this.contentWidth }) + opts.keepWithNext;
    this.keepSpace(Math.max(keep, this.doc.currentLineHeight(true) * 2));
    this.block("P", () => {
      if (opts.bold === true) this.bold();
      else this.regular();
      if (opts.muted === true) this.doc.fillColor(COLOR_MUTED);
      this.doc.text(text, this.left, this.doc.y, { width: this.contentWidth, lineGap: 1.5 });
    });
    this.regular();
    return this.space(5);
  }

  /** A few lines kept together, such as an address block or a date line. */
  lines(lines: string[]): this {
    return this.paragraph(lines.join("\n"));
  }

  bullets(items: string[]): this {
    if (items.length === 0) return this;
    const list = this.doc.struct("L");
    this.root.add(list);
    const indent = 14;
    for (const item of items) {
      this.keepSpace(this.doc.currentLineHeight(true) * 2);
      const y = this.doc.y;
      const li = this.doc.struct("LI");
      list.add(li);
      li.add(this.doc.struct("Lbl", {}, () => this.regular().doc.text("•", this.left + 3, y, { lineBreak: false })));
      li.add(
        this.doc.struct("LBody", {}, () =>
          this.regular().doc.text(this.printable(item), this.left + indent, y, { width: this.contentWidth - indent, lineGap: 1.5 }),
        ),
      );
      li.end();
      this.space(3);
    }
    list.end();
    this.doc.x = this.left;
    return this.space(3);
  }

  keyValues(rows: [string, string][]): this {
    const cols: Column[] = [
      { header: "", weight: 0.32 },
      { header: "", weight: 0.68 },
    ];
    return this.table(cols, rows, { header: false, ruled: false, rowHeaders: true, size: SIZE_BODY });
  }

  /** A table whose cells wrap; rows never split, and the header row repeats after a page break. */
  table(columns: Column[], cellTexts: string[][], options: Partial<TableOptions> = {}): this {
    const rows = cellTexts.map((cells) => cells.map((c) => this.printable(c)));
    const opts: TableOptions = { header: true, ruled: true, rowHeaders: false, size: SIZE_TABLE, ...options };
    const total = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.contentWidth);
    const table = this.doc.struct("Table");
    this.root.add(table);
    const drawHeader = (): void => {
      if (opts.header) this.row(table, columns.map((c) => c.header), widths, columns, "header", opts);
    };
    const headerHeight = opts.header ? this.rowHeight(columns.map((c) => c.header), widths, "header", opts) : 0;
    this.keepSpace(headerHeight + Math.min(this.rowHeight(rows[0] ?? [], widths, "body", opts), 60));
    drawHeader();
    const pageRoom = this.doc.page.maxY() - this.doc.page.margins.top;
    for (const [index, cells] of rows.entries()) {
      const height = this.rowHeight(cells, widths, "body", opts);
      if (height > pageRoom) {
        // A row taller than a page cannot stay a row: its cells continue as running text.
        cells.forEach((text, i) => this.paragraph(columns[i]?.header ? `${columns[i]?.header ?? ""}: ${text}` : text));
        if (index < rows.length - 1) {
          this.keepSpace(headerHeight + 30);
          drawHeader();
        }
        continue;
      }
      if (this.doc.y + height > this.doc.page.maxY()) {
        this.doc.addPage();
        drawHeader();
      }
      this.row(table, cells, widths, columns, "body", opts);
    }
    table.end();
    this.doc.x = this.left;
    this.regular();
    return this.space(8);
  }

  private rowHeight(cells: string[], widths: number[], kind: RowKind, opts: TableOptions): number {
    const heights = cells.map((text, i) => {
      this.cellFont(kind, opts.rowHeaders && i === 0, opts.size);
      return this.doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * CELL_PADDING, lineGap: 1 });
    });
    return Math.max(0, ...heights) + 2 * CELL_PADDING;
  }

  /** Measuring and drawing must use the same font, or a wrapped bold label overflows its row. */
  private cellFont(kind: RowKind, rowHeader: boolean, size: number): void {
    if (kind === "header") this.bold(SIZE_SMALL);
    else if (rowHeader) this.bold(size).doc.fillColor(COLOR_MUTED);
    else this.regular(size);
  }

  private row(
    table: PDFKit.PDFStructureElement,
    cells: string[],
    widths: number[],
    columns: Column[],
    kind: RowKind,
    opts: TableOptions,
  ): void {
    const height = this.rowHeight(cells, widths, kind, opts);
    const y = this.doc.y;
    if (kind === "header" && opts.ruled) {
      this.artifact(() => this.doc.rect(this.left, y, this.contentWidth, height).fill(COLOR_HEADER_FILL));
    }
    const tr = this.doc.struct("TR");
    table.add(tr);
    let x = this.left;
    cells.forEach((text, i) => {
      const width = widths[i] ?? 0;
      const isHeader = kind === "header" || (opts.rowHeaders && i === 0);
      const cellX = x;
      tr.add(
        this.doc.struct(isHeader ? "TH" : "TD", {}, () => {
          this.cellFont(kind, opts.rowHeaders && i === 0, opts.size);
          this.doc.text(text, cellX + CELL_PADDING, y + CELL_PADDING, {
            width: width - 2 * CELL_PADDING,
            align: columns[i]?.align ?? "left",
            lineGap: 1,
          });
        }),
      );
      x += width;
    });
    tr.end();
    if (opts.ruled) {
      const bottom = y + height;
      this.artifact(() =>
        this.doc
          .moveTo(this.left, bottom)
          .lineTo(this.left + this.contentWidth, bottom)
          .lineWidth(kind === "header" ? 0.8 : 0.4)
          .stroke(COLOR_RULE),
      );
    }
    this.doc.x = this.left;
    this.doc.y = y + height;
  }

  /** Empty ruled lines to write on by hand. */
  writingLines(count: number): this {
    const gap = 22;
    this.keepSpace(gap * count + 6);
    for (let i = 1; i <= count; i++) {
      const y = this.doc.y + gap * i;
      this.artifact(() => this.doc.moveTo(this.left, y).lineTo(this.left + this.contentWidth, y).lineWidth(0.4).stroke(COLOR_RULE));
    }
    this.doc.y += gap * count + 8;
    return this;
  }

  /** Lines for a handwritten entry (date, signature) with a label under each. */
  signatureLines(labels: string[]): this {
    const gap = 24;
    const width = (this.contentWidth - gap * (labels.length - 1)) / labels.length;
    this.keepSpace(70);
    const lineY = this.doc.y + 36;
    labels.forEach((label, i) => {
      const x = this.left + i * (width + gap);
      this.artifact(() => this.doc.moveTo(x, lineY).lineTo(x + width, lineY).lineWidth(0.6).stroke(COLOR_TEXT));
      this.block("P", () => this.regular(SIZE_SMALL).doc.fillColor(COLOR_MUTED).text(this.printable(label), x, lineY + 4, { width, lineBreak: false }));
    });
    this.doc.x = this.left;
    this.doc.y = lineY + 20;
    return this.regular();
  }

  private block(tag: string, draw: () => void): void {
    this.root.add(this.doc.struct(tag, {}, draw));
  }

  /** Decoration outside the tag tree (PDF/UA: rules and fills are artifacts, not content). */
  private artifact(draw: () => void): void {
    this.doc.save();
    this.doc.markContent("Artifact", { type: "Layout" });
    draw();
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  /** Draws header and footer on every buffered page, once the page count is known. */
  finish(title: string, kenmerk: string): void {
    const documentTitle = this.printable(title);
    const reference = this.printable(kenmerk);
    this.root.end();
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      this.pageFurniture(documentTitle, reference, i - start + 1, count);
    }
  }

  private pageFurniture(documentTitle: string, kenmerk: string, pageNo: number, pages: number): void {
    const doc = this.doc;
    const page = doc.page;
    const width = this.contentWidth;
    // Furniture sits in the margins: without lifting the bottom margin pdfkit would start a new page.
    const bottomMargin = page.margins.bottom;
    page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    const headerY = 38;
    doc.font(FONT_BOLD).fontSize(SIZE_SMALL).fillColor(COLOR_ACCENT).text(AFZENDER_REGIO, this.left, headerY, { width, lineBreak: false });
    doc.font(FONT_REGULAR).fontSize(SIZE_SMALL).fillColor(COLOR_MUTED).text(documentTitle, this.left, headerY + 12, { width, height: 11, ellipsis: true });
    doc.moveTo(this.left, headerY + 28).lineTo(this.left + width, headerY + 28).lineWidth(0.6).stroke(COLOR_RULE);
    const footerY = page.height - 50;
    doc.moveTo(this.left, footerY - 6).lineTo(this.left + width, footerY - 6).lineWidth(0.4).stroke(COLOR_RULE);
    const pagina = `pagina ${pageNo} van ${pages}`;
    const paginaWidth = doc.widthOfString(pagina) + 2;
    doc.text(`Kenmerk: ${kenmerk}`, this.left, footerY, { width: width - paginaWidth - 12, height: 11, ellipsis: true });
    doc.text(pagina, this.left + width - paginaWidth, footerY, { width: paginaWidth, align: "right", lineBreak: false });
    doc.endMarkedContent();
    page.margins.bottom = bottomMargin;
  }
}

/** What render.ts needs besides the content: PDF metadata and the footer's kenmerk. */
export interface DocumentMeta {
  /** Shown in the viewer's title bar and in the running header. */
  title: string;
  subject: string;
  keywords: string[];
  kenmerk: string;
  /** The document's own date (calendar date or instant): the PDF's creation date, never the clock. */
  datum: string;
}

export interface Template<D> {
  meta(data: D): DocumentMeta;
  render(l: Layout, data: D): void;
}
