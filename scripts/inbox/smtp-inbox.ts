import { randomBytes } from "node:crypto";
import { link, mkdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

/** Large enough for a besluit with its PDFs attached; mail servers commonly stop at 25 MB too. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface SmtpInbox {
  port: number;
  close(): Promise<void>;
}

/**
 * A development and test SMTP server that keeps every message it receives as a raw .eml file in `dir`.
 * No authentication and no TLS: it binds to loopback by default and is not meant to face a network.
 */
export async function startSmtpInbox(opts: { port: number; host?: string; dir: string }): Promise<SmtpInbox> {
  await mkdir(opts.dir, { recursive: true });
  let counter = 0;

  const store = async (raw: Buffer): Promise<void> => {
    const tmp = join(opts.dir, `.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    await writeFile(tmp, raw);
    try {
      // Timestamp first so a plain name sort is arrival order, also across restarts of the inbox.
      // link() instead of rename(): readers never see half a file, and a name that another inbox process
      // on the same dir took in the same millisecond is not overwritten but skipped.
      for (;;) {
        counter += 1;
        const name = `${String(Date.now()).padStart(13, "0")}-${String(counter).padStart(6, "0")}.eml`;
        try {
          await link(tmp, join(opts.dir, name));
          return;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        }
      }
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    disableReverseLookup: true,
    // close() would otherwise wait up to 30 s for idle pooled client connections.
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        // Past the limit keep draining the stream (the protocol needs it) but stop holding the bytes.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("error", (err: Error) => callback(err));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          const err = Object.assign(new Error("Bericht is groter dan 25 MB"), { responseCode: 552 });
          callback(err);
          return;
        }
        store(Buffer.concat(chunks)).then(
          () => callback(),
          (err: unknown) => callback(Object.assign(new Error(`Opslaan mislukt: ${String(err)}`), { responseCode: 451 })),
        );
      });
    },
  });
  // smtp-server emits connection-level errors (a client hanging up mid-command) on the server; without a
  // listener Node would treat them as uncaught and stop the whole process.
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET" && err.code !== "EPIPE") console.error(`smtp-inbox: ${err.message}`);
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once("error", onError);
    server.listen(opts.port, host, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const addr = server.server.address();
  const port = addr !== null && typeof addr === "object" ? addr.port : opts.port;

  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
