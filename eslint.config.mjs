// Lint rules. The purity block keeps domain/ and workflows/ free of I/O and hidden clocks,
// so the rules stay engine-neutral and replayable (Temporal gives workflows a deterministic clock and
// random source; entity.now() and entity.uuid() are the only doors to them).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import { builtinModules } from "node:module";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ioPackages = ["pdfkit", "nodemailer", "express", "express/*", "supertest", "playwright-core", "smtp-server", "undici"];

const impureTime = [
  { object: "Date", property: "now", message: "Neem de tijd als parameter (now) of uit entity.now()." },
  { object: "Math", property: "random", message: "Gebruik entity.uuid() of geef willekeur mee als parameter." },
];
const impureSyntax = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "new Date() zonder argument leest de klok: geef now mee.",
  },
];

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", "test-output/", "jest.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // The probes are virtual files that test/lint-purity.unit.spec.ts lints from stdin.
        projectService: { allowDefaultProject: ["domain/lint-probe.ts", "workflows/lint-probe.ts", "activities/lint-probe.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["eslint.config.mjs", "engine/bundle/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins,
          patterns: [
            { group: [...ioPackages, "@temporalio/*"], message: "domain/ is puur: geen engine en geen I/O." },
            { group: ["**/activities/**", "**/api/**", "**/workflows/**", "**/templates/**"], message: "domain/ hangt van niets af." },
          ],
        },
      ],
      "no-restricted-properties": ["error", ...impureTime],
      "no-restricted-syntax": ["error", ...impureSyntax],
    },
  },
  {
    files: ["workflows/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins,
          patterns: [
            { group: ioPackages, message: "workflows/ doet geen I/O zelf: gebruik activities/ via workflows/runtime/effects." },
            { group: ["@temporalio/client", "@temporalio/worker", "@temporalio/testing", "@temporalio/activity"], message: "workflows/ draait in de sandbox van de worker: geen client, worker of activity-API." },
            { group: ["**/activities/*", "!**/activities/index"], message: "workflows/ roept activities alleen aan via workflows/runtime/effects (import type mag).", allowTypeImports: true },
            { group: ["**/engine/**"], message: "workflows/ kent de Temporal-client van de API niet." },
            { group: ["**/api/**"], message: "workflows/ kent de API niet." },
          ],
        },
      ],
      "no-restricted-properties": ["error", ...impureTime],
      "no-restricted-syntax": ["error", ...impureSyntax],
    },
  },
);
