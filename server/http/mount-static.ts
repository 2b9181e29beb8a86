/**
 * Serves the built page (dist/client, built by Vite) at / and the self-hosted GraphiQL at /graphiql.
 * When the page is not built, / says how to build it instead of a blank page.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import { PROJECT_ROOT } from "../config.ts";

export const CLIENT_DIST = path.join(PROJECT_ROOT, "dist", "client");

export function mountStatic(app: Express, dist = CLIENT_DIST): void {
  app.get("/graphiql", (_req, res, next) => {
    const file = path.join(dist, "graphiql.html");
    if (existsSync(file)) res.sendFile(file);
    else next();
  });
  app.use(
    express.static(dist, {
      index: "index.html",
      maxAge: "1h",
      setHeaders: (res, file) => {
        if (file.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  app.get("/", (_req, res) => {
    res.status(503).type("text/plain").send("innograph: the page is not built; run `npm run build` (npm start does it when needed)\n");
  });
}
