/** The part of fontkit (pdfkit's own font parser) this project uses; fontkit ships no typings. */
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
