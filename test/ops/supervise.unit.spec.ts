import { spawn, type ChildProcess } from "node:child_process";
import { supervise } from "../../scripts/stack/supervise";

/** Real child processes (node itself), so the exits are the operating system's, not a mock's. */
function child(code: string): Promise<ChildProcess> {
  const c = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    c.once("spawn", () => resolve(c));
    c.once("error", reject);
  });
}

describe("supervise", () => {
  it("start een gedode child opnieuw, met een logregel", async () => {
    const lines: string[] = [];
    const first = await child("setInterval(() => {}, 1000)");
    const s = supervise({ name: "proef", first, restart: () => child("setInterval(() => {}, 1000)"), processOf: (c) => c, log: (l) => lines.push(l), backoffMs: { first: 10, max: 50 }, giveUp: () => undefined });
    first.kill("SIGKILL");
    const deadline = Date.now() + 10_000;
    while (s.restarts() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(s.restarts()).toBe(1);
    expect(s.current()).not.toBe(first);
    expect(lines[0]).toMatch(/^proef stopte \(code null, signaal SIGKILL\); opnieuw starten over 0,0 s/);
    expect(lines[1]).toBe("proef draait weer (herstart 1)");
    s.stop();
    s.current().kill("SIGKILL");
  });

  it("geeft het op na herhaalde snelle crashes, en zegt waarom", async () => {
    const lines: string[] = [];
    let reason = "";
    const first = await child("process.exit(3)");
    const given = new Promise<void>((resolve) => {
      supervise({
        name: "proef",
        first,
        restart: () => child("process.exit(3)"),
        processOf: (c) => c,
        log: (l) => lines.push(l),
        maxFastCrashes: 3,
        backoffMs: { first: 10, max: 20 },
        giveUp: (r) => {
          reason = r;
          resolve();
        },
      });
    });
    await given;
    expect(reason).toMatch(/^proef stopte 3 keer achter elkaar binnen 30 s na de start \(laatst: code 3, signaal null\); npm start geeft het op\.$/);
    expect(lines.filter((l) => l.startsWith("proef stopte"))).toHaveLength(2);
  });

  it("start niet opnieuw wat bewust gestopt wordt", async () => {
    const first = await child("setInterval(() => {}, 1000)");
    let restarted = false;
    const s = supervise({ name: "proef", first, restart: async () => ((restarted = true), child("0")), processOf: (c) => c, log: () => undefined, backoffMs: { first: 10, max: 10 }, giveUp: () => undefined });
    s.stop();
    first.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(restarted).toBe(false);
  });
});
