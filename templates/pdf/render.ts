import PDFDocument from "pdfkit";
import type { DocumentKind, DocumentTypes } from "../types";
import * as afwijzingsbesluit from "./afwijzingsbesluit";
import * as algemeenBesluit from "./algemeen-besluit";
import { metadataDate } from "./besluit";
import * as besluitvoorstel from "./besluitvoorstel";
import * as hoorbrief from "./hoorbrief";
import { useDocumentFonts } from "./fonts";
import { Layout, PAGE_MARGINS, type Template } from "./layout";
import * as notaVanInlichtingen from "./nota-van-inlichtingen";
import * as notaVanWijzigingen from "./nota-van-wijzigingen";
import * as procesVerbaal from "./proces-verbaal";
import * as sasBeslissing from "./sas-beslissing";
import * as sasVoorstel from "./sas-voorstel";
import * as toelatingsbesluit from "./toelatingsbesluit";

const TEMPLATES: { [K in DocumentKind]: Template<DocumentTypes[K]> } = {
  "proces-verbaal": procesVerbaal,
  "nota-van-inlichtingen": notaVanInlichtingen,
  hoorbrief,
  toelatingsbesluit,
  afwijzingsbesluit,
  besluitvoorstel,
  "algemeen-besluit": algemeenBesluit,
  "nota-van-wijzigingen": notaVanWijzigingen,
  "sas-voorstel": sasVoorstel,
  "sas-beslissing": sasBeslissing,
};

/** pdfkit copies Info strings into the XMP packet unescaped, so markup characters would break PDF/A. */
function xmpSafe(text: string): string {
  return text.replace(/&/g, "en").replace(/[<>]/g, "");
}

/** pdfkit writes xmp:CreateDate but not xmp:ModifyDate; PDF/A wants every Info date mirrored in XMP. */
function xmpModifyDate(date: Date): string {
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${date.toISOString().split(".")[0] ?? ""}Z</xmp:ModifyDate>
        </rdf:Description>
        `;
}

/**
 * Renders one document as PDF/A-2b. The output depends on the data alone: the dates in the metadata
 * come from the document's own date, and pdfkit derives the file ID from that metadata, so the same
 * data always gives the same bytes (the document store addresses files by their SHA-256).
 */
export async function renderPdf<K extends DocumentKind>(kind: K, data: DocumentTypes[K]): Promise<Buffer> {
  const template: Template<DocumentTypes[K]> = TEMPLATES[kind];
  const meta = template.meta(data);
  const datum = metadataDate(meta.datum);
  const doc = new PDFDocument({
    size: "A4",
    margins: PAGE_MARGINS,
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    tagged: true,
    lang: "nl-NL",
    displayTitle: true,
    bufferPages: true,
    // No starting font: pdfkit would load Helvetica (PDF/A allows only embedded fonts) or parse
    // DejaVu again; useDocumentFonts below sets the parsed one before anything is written.
    font: null as unknown as string,
    info: {
      Title: xmpSafe(meta.title),
      Author: "Regio Midden-Holland",
      Subject: xmpSafe(meta.subject),
      Keywords: xmpSafe(meta.keywords.join(", ")),
      Creator: "inkoop",
      CreationDate: datum,
      ModDate: datum,
    },
  });
  useDocumentFonts(doc);
  doc.appendXML(xmpModifyDate(datum));

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const layout = new Layout(doc);
  template.render(layout, data);
  layout.finish(meta.title, meta.kenmerk);
  doc.end();
  return done;
}

/** A function that renders as renderPdf does: renderPdf itself, or the worker's render threads. */
export type PdfRenderer = typeof renderPdf;
