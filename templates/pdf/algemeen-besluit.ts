import type { AlgemeenBesluitDocument } from "../types";
import { besluitKop, besluitMeta, besluitSlot } from "./besluit";
import type { DocumentMeta, Layout } from "./layout";

export function meta(data: AlgemeenBesluitDocument): DocumentMeta {
  return besluitMeta(data.kop, "besluit");
}

export function render(l: Layout, data: AlgemeenBesluitDocument): void {
  const { kop } = data;
  besluitKop(l, kop);
  l.heading("Besluit");
  l.paragraph(data.besluittekst);
  l.heading("Motivering");
  l.paragraph(data.motivering);
  if (data.gevolgen.length > 0) {
    l.heading("Gevolgen");
    l.bullets(data.gevolgen);
  }
  besluitSlot(l, kop, data.rechtsmiddelen);
}
