import { createHash } from "node:crypto";
import { readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { writeOnce } from "./content-store";
import { dataDir } from "./config";
import { notify, type Notification } from "./notify";

/*
 * A transactional outbox between the workflows and SMTP. The worker's mail activity only writes the
 * message into the spool, named after its Message-ID: writing it again changes nothing, so a worker
 * killed at any moment, and its retried activity, never cause a second mail. A relay (in the process
 * that runs the API, or the test harness) sends what the spool holds, through the ledger in
 * activities/mail. Only the relay itself, killed between the SMTP server's "accepted" and its ledger
 * write, could send a message twice, with the same Message-ID (which mail systems deduplicate).
 */

function spoolDir(): string {
  return join(dataDir(), "outbox", "spool");
}

const fileOf = (messageId: string) => `${createHash("sha256").update(messageId, "utf8").digest("hex")}.json`;

/** Queues one mail; the same Message-ID queued twice is one mail. */
export async function spoolMail(n: Notification): Promise<void> {
  await writeOnce(spoolDir(), fileOf(n.messageId), Buffer.from(JSON.stringify(n)));
}

export interface MailRelay {
  /** Sends everything spooled so far (tests and shutdown use it to settle). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const CLAIM = ".sending-";
/** A claim older than this belongs to a relay that died mid-send; its message goes back in the queue. */
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Sends spooled mail as it arrives (a directory watch, with a poll as safety net). A message is claimed by
 * renaming it, so two relays on one data directory never send the same message at once; it is removed
 * only after the ledger says it was sent. A failing send stays queued and is tried again.
 */
export function startMailRelay(opts: { pollMs?: number; log?: (line: string) => void; failAfterSend?: boolean } = {}): MailRelay {
  const dir = spoolDir();
  const log = opts.log ?? ((line: string) => console.warn(line));
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  async function sendOne(name: string): Promise<void> {
    const claimed = join(dir, `${name}${CLAIM}${process.pid}`);
    try {
      await rename(join(dir, name), claimed);
    } catch {
      return; // another relay has it, or it is gone
    }
    try {
      const n = JSON.parse(await readFile(claimed, "utf8")) as Notification;
      await notify(n, opts.failAfterSend === undefined ? {} : { failAfterSend: opts.failAfterSend });
      await unlink(claimed);
    } catch (err) {
      log(`mail niet verzonden, blijft in de wachtrij: ${err instanceof Error ? err.message : String(err)}`);
      await rename(claimed, join(dir, name)).catch(() => undefined);
    }
  }

  async function pass(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    const now = Date.now();
    for (const name of names) {
      const i = name.indexOf(CLAIM);
      if (i > 0 && now - (await stat(join(dir, name)).then((s) => s.mtimeMs, () => now)) > STALE_CLAIM_MS) await rename(join(dir, name), join(dir, name.slice(0, i))).catch(() => undefined);
    }
    const queued = names.filter((n) => n.endsWith(".json"));
    // A few at a time: the SMTP transport pools its connections.
    for (let i = 0; i < queued.length; i += 4) await Promise.all(queued.slice(i, i + 4).map(sendOne));
  }

  function kick(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  let watcher: FSWatcher | null = null;
  const ensureWatch = () => {
    if (watcher || closed) return;
    try {
      watcher = watch(dir, () => void kick());
      watcher.on("error", () => {
        watcher?.close();
        watcher = null;
      });
    } catch {
      // the spool does not exist yet: the poll below sees it once it does
    }
  };
  const timer = setInterval(() => {
    ensureWatch();
    void kick();
  }, opts.pollMs ?? 1000);
  timer.unref();
  ensureWatch();
  void kick();

  return {
    async drain() {
      await kick();
      await kick();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
      await running;
    },
  };
}
