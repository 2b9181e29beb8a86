// A short list; each rule earns its place (see ../shared/STYLE.md, "Tooling").
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "neo4j/target/**",
      "test-results/**",
      "**/*.d.mts",
      "client/build-if-stale.mjs",
      "neo4j/provision.mjs",
      // Scratch folders of local work (git-excluded): not the project's code.
      "tmp-*/**",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      // An un-awaited promise loses its error and its ordering.
      "@typescript-eslint/no-floating-promises": "error",
      // Type-only imports vanish from the output; nothing starts on import by accident. (`typeof
      // import()` stays allowed for the CommonJS builds loaded with createRequire.)
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports", disallowTypeAnnotations: false }],
    },
  },
  {
    // The server logs through its composition roots and CLIs only; library code returns or throws.
    files: ["server/**/*.ts"],
    ignores: ["server/main.ts", "server/*-cli.ts"],
    rules: { "no-console": "error" },
  },
);
