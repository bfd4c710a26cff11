// ESLint with the Office add-ins plugin (its recommended set: typescript-eslint, Prettier,
// and the Office.js rules: load before read, sync before read, no context.sync() in loops).
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

const officeRulesOff = Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"]));

export default [
  { ignores: ["dist/", "lib/", "node_modules/", ".cache/", "coverage/", "out/", "tests/browser/artifacts/"] },
  ...officeAddins.configs.recommended,
  {
    // The plugin's config names no parser: TypeScript needs typescript-eslint's.
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" },
    rules: {
      // tsc (strict) already checks names and redeclarations (overloads are not redeclarations).
      "no-undef": "off",
      "no-redeclare": "off",
      // Japanese text uses the full-width space (U+3000) inside strings and templates.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The Office.js rules read every .load/.sync-less property access as an Office proxy; only
    // the add-in's own code talks to Office. ExcelJS (src/xlsx) and the Excel test double do not.
    files: ["src/core/**", "src/xlsx/**", "src/cli/**", "src/i18n/**", "tests/**"],
    rules: officeRulesOff,
  },
  {
    // The Excel API test double implements setters that report what they were given.
    files: ["tests/**"],
    rules: { "no-setter-return": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
];
