import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTemporalBinary } from "../engine/temporal-binary";
import { freePort } from "./ports";
import { startFailure, startTemporalServer } from "./temporal-server";

/**
 * The dev server picks the ports of its internal services itself. When another process takes one before
 * the server binds it, the server logs the failed bind as an error, goes on, and panics with a stack
 * longer than any tail (CI, 2026-11-30: only the stack was shown, and nobody retried).
 */
const PANIC_LOG = [
  'time=2026-11-30T10:00:00.000 level=ERROR msg="Failed to start gRPC listener" error="listen tcp 127.0.0.1:41391: bind: address already in use" service=history address=127.0.0.1:41391',
  "panic: runtime error: invalid memory address or nil pointer dereference",
  "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1]",
  "",
  "goroutine 1 [running]:",
  ...Array.from({ length: 40 }, (_, i) => `github.com/temporalio/frame${i}(...)\n\t/go/pkg/mod/frame.go:${i}`),
].join("\n");

describe("startFailure", () => {
  it("toont de foutregel en de panic vóór het einde van de stack, en noemt de bezette poort", () => {
    const failure = startFailure(PANIC_LOG);
    expect(failure.busyPorts).toEqual([41391]);
    const lines = failure.summary.split("\n");
    expect(lines[0]).toContain("Failed to start gRPC listener");
    expect(lines[1]).toMatch(/^panic: runtime error/);
    expect(failure.summary).toContain("frame39");
  });

  it("geeft zonder foutregel het einde van het log", () => {
    const failure = startFailure("regel 1\nregel 2\n");
    expect(failure).toEqual({ summary: "regel 1\nregel 2", busyPorts: [] });
  });
});

describe("startTemporalServer", () => {
  const dir = mkdtempSync(join(tmpdir(), "inkoop-temporal-start-"));
  let held: Server | undefined;
  afterAll(async () => {
    await new Promise((resolve) => (held ? held.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it("start opnieuw wanneer een eigen poort van de server al bezet was", async () => {
    const real = await ensureTemporalBinary({ log: () => undefined });
    if (real.kind !== "path") throw new Error("deze test heeft het lokale temporal-programma nodig");
    // The first start fails as the one in CI did; the second is the real server.
    const marker = join(dir, "eerste-start-geweest");
    const binary = join(dir, "temporal");
    writeFileSync(
      binary,
      `#!/bin/sh\nif [ ! -e '${marker}' ]; then touch '${marker}'; cat '${join(dir, "panic.log")}'; exit 2; fi\nexec '${real.path}' "$@"\n`,
    );
    writeFileSync(join(dir, "panic.log"), PANIC_LOG);
    chmodSync(binary, 0o755);

    const logFile = join(dir, "temporal-server.log");
    const server = await startTemporalServer({ port: await freePort(), logFile, binary: { kind: "path", path: binary, source: "env" } });
    try {
      expect(existsSync(marker)).toBe(true);
      expect(readFileSync(logFile, "utf8")).toContain("Failed to start gRPC listener");
      expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    } finally {
      await server.stop();
    }
  });

  it("geeft een poort die de aanroeper koos terug als fout met de reden, zonder te herhalen", async () => {
    const port = await freePort();
    // Whoever dials the held port (the readiness probe does) is hung up on, so the port closes at the end.
    held = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => held!.listen(port, "127.0.0.1", resolve));
    const logFile = join(dir, "bezet.log");
    await expect(startTemporalServer({ port, logFile })).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}: bind: address already in use`));
    // One start only: a retry would have written its own refusal too.
    expect(readFileSync(logFile, "utf8").match(/address already in use/g)?.length).toBe(1);
  });
});
