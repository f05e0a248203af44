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

/**
 * pdfkit lays out every word once per document and keeps the result per font of that document. The
 * result depends on the word and the font alone (pdfkit copies a position before it changes one), so
 * the documents share it: most words of one besluit are the words of the previous one. Bounded: after
 * this many words the cache starts again.
 */
const LAYOUTS_KEPT = 20_000;

/** One font's shared layouts, with the number of words pdfkit stored in them (it stores a word only once). */
interface WordLayouts {
  words: Record<string, unknown>;
  count: number;
}
const layouts = new Map<string, WordLayouts>();

/** Counts as pdfkit stores, so keeping the bound costs nothing per document (counting the keys of 20 000 words took 3 ms, twice per document). */
function newLayouts(): WordLayouts {
  const entry: WordLayouts = { words: {}, count: 0 };
  entry.words = new Proxy(Object.create(null) as Record<string, unknown>, {
    set(target, word: string, layout: unknown) {
      entry.count++;
      target[word] = layout;
      return true;
    },
  });
  return entry;
}

/** The part of pdfkit's embedded font this module touches; pdfkit's typings leave it out. */
interface EmbeddedFont {
  layoutCache?: Record<string, unknown>;
}

function sharedLayouts(file: string): Record<string, unknown> {
  let entry = layouts.get(file);
  if (!entry || entry.count > LAYOUTS_KEPT) {
    entry = newLayouts();
    layouts.set(file, entry);
  }
  return entry.words;
}

/** Registers both fonts on a document, lets them share the word layouts of earlier documents, and makes the regular one current. */
export function useDocumentFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = documentFonts();
  // pdfkit takes a parsed fontkit font wherever it takes a file; its typings only name the file forms.
  doc.registerFont(FONT_REGULAR, regular as unknown as Buffer);
  doc.registerFont(FONT_BOLD, bold as unknown as Buffer);
  // Regular first, then bold: the order gives the fonts their names in the file (F1, F2).
  for (const file of [FONT_REGULAR, FONT_BOLD]) {
    const font = (doc.font(file) as unknown as { _font?: EmbeddedFont })._font;
    if (font?.layoutCache) font.layoutCache = sharedLayouts(file);
  }
  doc.font(FONT_REGULAR);
}
