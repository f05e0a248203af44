import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { sharedWorkflowModules } from "../worker";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack loaders are CommonJS modules
const frozenPatternLoader = require("./frozen-pattern-loader.cjs") as (source: string) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack loaders are CommonJS modules
const sharedModuleLoader = require("./shared-module-loader.cjs") as (source: string) => string;

const zodDir = dirname(require.resolve("zod/package.json"));
const zodFiles = readdirSync(zodDir, { recursive: true, encoding: "utf8" })
  .filter((f) => /\.c?js$/.test(f))
  .map((f) => join(zodDir, f));

describe("de modules die alle workflows van een worker delen", () => {
  it("zijn het hele domein en de definities, zonder tests", () => {
    const modules = sharedWorkflowModules();
    expect(modules.some((m) => m.endsWith(join("domain", "catalogue", "products.ts")))).toBe(true);
    expect(modules.some((m) => m.endsWith(join("domain", "calendar", "holidays.ts")))).toBe(true);
    expect(modules.some((m) => m.endsWith(join("workflows", "procedure", "definition.ts")))).toBe(true);
    expect(modules.filter((m) => m.endsWith(".spec.ts") || m.endsWith(join("workflows", "runtime", "entity.ts")) || m.endsWith("workflow.ts"))).toEqual([]);
  });

  it("draaien zelf geen workflowcode: van de SDK alleen definities, de foutklasse en één contextopslag", () => {
    // A shared module that called workflow APIs would run them once, for no workflow, or leak state between workflows.
    // AsyncLocalStorage: one store for the whole worker thread is what the SDK's own shared modules keep too.
    const allowed = new Set(["defineQuery", "defineSignal", "defineUpdate", "ApplicationFailure", "AsyncLocalStorage"]);
    const offenders = sharedWorkflowModules().flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"@temporalio\/workflow"/g)]
        .filter((m) => !m[1])
        .flatMap((m) => m[2]!.split(",").map((name) => name.trim().replace(/^type\s+/, "")))
        .filter((name) => name && !allowed.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("laten in zod geen lastIndex-reset over die een bevroren patroon zou weigeren", () => {
    // A zod upgrade that writes the reset differently must fail here, not in a running worker.
    const unguarded = zodFiles.flatMap((file) =>
      frozenPatternLoader(readFileSync(file, "utf8"))
        .split("\n")
        .filter((line) => /\.lastIndex\s*=[^=]/.test(line) && !line.includes("Object.isFrozen("))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(unguarded).toEqual([]);
  });

  it("testen een bevroren patroon zoals zod dat doet", () => {
    const source = "const check = (def, value) => { def.pattern.lastIndex = 0; return def.pattern.test(value); };";
    const check = new Function(`"use strict"; ${frozenPatternLoader(source)} return check;`)() as (def: { pattern: RegExp }, value: string) => boolean;
    const pattern = Object.freeze(/^\d{8}$/);
    expect(check({ pattern }, "12345678")).toBe(true);
    expect(check({ pattern }, "1234")).toBe(false);
  });

  it("bevriezen de gegevens van een domeinmodule, maar niet de zod-schema's", () => {
    const module = { exports: {} as Record<string, unknown> };
    const source = sharedModuleLoader('exports.tabel = { rijen: [{ code: "a" }] }; exports.schema = schema; exports.regel = () => 1;');
    new Function("exports", "__webpack_module__", "schema", `"use strict"; ${source}`)(module.exports, module, z.object({ a: z.string() }));
    const { tabel, schema, regel } = module.exports as { tabel: { rijen: { code: string }[] }; schema: z.ZodObject<{ a: z.ZodString }>; regel: () => number };
    expect(Object.isFrozen(module.exports)).toBe(true);
    expect(Object.isFrozen(tabel) && Object.isFrozen(tabel.rijen) && Object.isFrozen(tabel.rijen[0])).toBe(true);
    expect(() => {
      "use strict";
      tabel.rijen[0]!.code = "b";
    }).toThrow(TypeError);
    expect(Object.isFrozen(schema)).toBe(false);
    expect(schema.extend({ b: z.number() }).parse({ a: "x", b: 1 })).toEqual({ a: "x", b: 1 });
    expect(regel()).toBe(1);
  });
});
