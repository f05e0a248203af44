import { spawn } from "node:child_process";

/*
 * Reads rendered PDFs back for assertions with pdf-parse v2. Its bundled pdf.js sets up a "fake
 * worker" with a dynamic import(), which jest's CommonJS sandbox refuses ("A dynamic import callback
 * was invoked without --experimental-vm-modules"); pdfjs-dist's own builds are ES modules and hit the
 * same wall. So the parse runs in a plain Node child process, which loads the same package natively.
 */

export interface PdfInfo {
  pages: number;
  /** The document information dictionary as pdf.js reports it (Title, Author, CreationDate, ...). */
  info: Record<string, unknown>;
}

interface Parsed extends PdfInfo {
  text: string;
}

const CHILD = `
const { PDFParse } = require(process.argv[1]);
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const text = (await parser.getText({ pageJoiner: "" })).text;
    const meta = await parser.getInfo();
    process.stdout.write(JSON.stringify({ text, pages: meta.total, info: meta.info ?? {} }));
  } finally {
    await parser.destroy();
  }
});
`;

function parse(buf: Buffer): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CHILD, require.resolve("pdf-parse")], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`pdf-parse gaf code ${String(code)}: ${Buffer.concat(err).toString("utf8")}`));
        return;
      }
      resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as Parsed);
    });
    child.stdin.end(buf);
  });
}

export async function pdfText(buf: Buffer): Promise<string> {
  return (await parse(buf)).text;
}

export async function pdfInfo(buf: Buffer): Promise<PdfInfo> {
  const { pages, info } = await parse(buf);
  return { pages, info };
}

/** Text and info from one parse, for specs that need both. */
export function pdfTextAndInfo(buf: Buffer): Promise<Parsed> {
  return parse(buf);
}
