// Lint rules. The purity block keeps domain/ and workflows/ free of I/O and hidden clocks,
// so the rules stay engine-neutral and replayable (workflows take time and randomness from ctx).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import { builtinModules } from "node:module";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ioPackages = ["pdfkit", "nodemailer", "express", "express/*", "supertest", "playwright-core", "smtp-server", "undici"];

const impureTime = [
  { object: "Date", property: "now", message: "Neem de tijd als parameter (now) of uit ctx.date.now()." },
  { object: "Math", property: "random", message: "Gebruik ctx.rand of geef willekeur mee als parameter." },
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
    files: ["eslint.config.mjs"],
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
            { group: [...ioPackages, "@restatedev/*"], message: "domain/ is puur: geen engine en geen I/O." },
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
            { group: ioPackages, message: "workflows/ doet geen I/O zelf: gebruik activities/ via ctx.run." },
            { group: ["**/api/**"], message: "workflows/ kent de API niet." },
          ],
        },
      ],
      "no-restricted-properties": ["error", ...impureTime],
      "no-restricted-syntax": ["error", ...impureSyntax],
    },
  },
);
