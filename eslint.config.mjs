// ESLint, run by `npm run check` (and CI): typescript-eslint's type-checked recommended
// rules, the Office add-ins plugin (Office.js load/sync rules, Prettier), and the import
// boundaries between the folders of src (tests/lint/boundaries.test.ts proves they bite).
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

const officeRulesOff = Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"]));

const NODE_BUILTINS = ["fs", "path", "os", "child_process", "zlib", "stream", "util", "crypto", "url", "events", "worker_threads", "module", "buffer"];
const node = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`), "node:*"];
const forbid = (group, message) => ({ group, message });

/** Per folder of src: what it must not import. */
const BOUNDARIES = [
  {
    files: ["src/core/**/*.ts"],
    patterns: [
      forbid(["../*", "!../types", "!../messages", "../../*"], "src/core imports nothing from the other folders of src (core/ is the pure engine)."),
      forbid(["exceljs", "exceljs/*"], "src/core knows nothing of ExcelJS: src/xlsx translates layouts."),
      forbid(["office-*", "@microsoft/*", "@fluentui/*"], "src/core knows nothing of Office or the task pane."),
      forbid(node, "src/core knows nothing of Node: files and processes belong to the CLI."),
    ],
    // The DOM and Office.js as globals.
    globals: [
      "window",
      "document",
      "navigator",
      "localStorage",
      "sessionStorage",
      "fetch",
      "XMLHttpRequest",
      "Office",
      "Excel",
      "OfficeExtension",
      "HTMLElement",
      "process",
      "Buffer",
      "require",
      "__dirname",
    ],
  },
  {
    files: ["src/excel/**/*.ts"],
    patterns: [forbid(["../xlsx", "../xlsx/*", "exceljs", "exceljs/*"], "src/excel (Office.js) and src/xlsx (ExcelJS) do not import each other.")],
  },
  {
    files: ["src/xlsx/**/*.ts"],
    patterns: [forbid(["../excel", "../excel/*", "office-*", "@microsoft/*"], "src/xlsx (ExcelJS) and src/excel (Office.js) do not import each other.")],
  },
  {
    files: ["src/taskpane/**/*.ts"],
    // Except what the next-year worker runs: started only when the user asks for next year's
    // workbooks, so ExcelJS never enters the pane's initial scripts (a test checks no other file imports it).
    ignores: ["src/taskpane/next-year-books.ts"],
    patterns: [forbid(["../xlsx", "../xlsx/*", "exceljs", "exceljs/*"], "The task pane does not import src/xlsx (the CLI's ExcelJS adapter).")],
  },
];

export default [
  { ignores: ["dist/", "lib/", "node_modules/", ".cache/", "coverage/", "out/", "tests/browser/artifacts/", "tests/lint/fixtures/"] },
  ...officeAddins.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ["**/*.ts"] })),
  {
    files: ["**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // tsc (strict) already checks names and redeclarations (overloads are not redeclarations).
      "no-undef": "off",
      "no-redeclare": "off",
      // Japanese text uses the full-width space (U+3000) inside strings and templates.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // typescript-eslint 8.8's wrapper of this rule crashes on ESLint ≥ 9.15; the core rule does the same job.
      "@typescript-eslint/no-unused-expressions": "off",
      "no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // A value that cannot be missing is taken with must(value, "why"), which throws an
    // InternalError naming the broken invariant; a value that can be missing gets a real check.
    files: ["src/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "error" },
  },
  ...BOUNDARIES.map((b) => ({
    files: b.files,
    ...(b.ignores ? { ignores: b.ignores } : {}),
    rules: {
      "no-restricted-imports": ["error", { patterns: b.patterns }],
      ...(b.globals
        ? { "no-restricted-globals": ["error", ...b.globals.map((name) => ({ name, message: "src/core knows nothing of the DOM, Office or Node." }))] }
        : {}),
    },
  })),
  {
    // The Office.js rules read every .load/.sync-less property access as an Office proxy; only
    // the add-in's own code talks to Office. ExcelJS (src/xlsx) and the Excel test double do not.
    files: ["src/core/**", "src/xlsx/**", "src/cli/**", "src/i18n/**", "tests/**"],
    rules: officeRulesOff,
  },
  {
    // Tests read JSON reports, ExcelJS cells and Office payloads as `any` and load a few
    // modules with require(): the unsafe-any rules stay on for src only.
    files: ["tests/**"],
    rules: {
      "no-setter-return": "off", // the Excel API test double's setters report what they were given
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
];
