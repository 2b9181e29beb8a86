/**
 * Vite builds the page (client/index.html) and the self-hosted GraphiQL (client/graphiql.html) into
 * dist/client; `npm run dev` serves them with /graphql and /healthz proxied to the API server.
 */
import { defineConfig } from "vite";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.INNOGRAPH_API ?? "http://127.0.0.1:4000";

export default defineConfig({
  root: path.join(root, "client"),
  base: "/",
  build: {
    outDir: path.join(root, "dist", "client"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // graphiql's dependencies carry "use client" directives, meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
      input: {
        main: path.join(root, "client", "index.html"),
        graphiql: path.join(root, "client", "graphiql.html"),
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/graphql": api, "/healthz": api },
    fs: { allow: [root] },
  },
});
