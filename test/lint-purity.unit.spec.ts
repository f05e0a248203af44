import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The purity rule is part of the design: prove that it bites in domain/ and workflows/ and not elsewhere. */
describe("eslint houdt domain/ en workflows/ puur", () => {
  const root = join(__dirname, "..");
  const impure = 'import { readFileSync } from "node:fs";\nimport nodemailer from "nodemailer";\nexport const a = [readFileSync, nodemailer, Date.now(), Math.random(), new Date()];\n';

  // eslint's flat config is ESM, which jest's CommonJS sandbox cannot load: run the real CLI instead.
  async function rules(file: string): Promise<string[]> {
    const run = spawnSync(process.execPath, [join(root, "node_modules", "eslint", "bin", "eslint.js"), "--stdin", "--stdin-filename", file, "--format", "json"], {
      cwd: root,
      input: impure,
      encoding: "utf8",
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  }

  it.each(["domain/lint-probe.ts", "workflows/lint-probe.ts"])("weigert I/O, Node built-ins en de klok in %s", async (file) => {
    const found = await rules(file);
    expect(found.filter((r) => r === "no-restricted-imports")).toHaveLength(2);
    expect(found.filter((r) => r === "no-restricted-properties")).toHaveLength(2);
    expect(found).toContain("no-restricted-syntax");
  });

  it("laat activities/ wel I/O doen", async () => {
    const found = await rules("activities/lint-probe.ts");
    expect(found).not.toContain("no-restricted-imports");
  });
});
