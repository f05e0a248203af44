import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { create, type Font } from "fontkit";

/*
 * DejaVu Sans, embedded in every document because PDF/A forbids relying on the viewer's fonts.
 * Parsed once per process: pdfkit parses a font file again for every document it is named in,
 * which was about a fifth of the time of a besluit. The parsed font is only read from; each
 * document builds its own subset of it.
 */

const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The names documents register the fonts under (their file paths, so a reader sees which file). */
export const FONT_REGULAR = join(FONT_DIR, "DejaVuSans.ttf");
export const FONT_BOLD = join(FONT_DIR, "DejaVuSans-Bold.ttf");

export interface DocumentFonts {
  regular: Font;
  bold: Font;
}

let parsed: DocumentFonts | undefined;

export function documentFonts(): DocumentFonts {
  parsed ??= { regular: create(readFileSync(FONT_REGULAR)), bold: create(readFileSync(FONT_BOLD)) };
  return parsed;
}

/** Registers both fonts on a document and makes the regular one current. */
export function useDocumentFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = documentFonts();
  // pdfkit takes a parsed fontkit font wherever it takes a file; its typings only name the file forms.
  doc.registerFont(FONT_REGULAR, regular as unknown as Buffer);
  doc.registerFont(FONT_BOLD, bold as unknown as Buffer);
  doc.font(FONT_REGULAR);
}
