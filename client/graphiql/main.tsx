/**
 * The self-hosted GraphiQL page (/graphiql): graphiql 5 with React 19, bundled by Vite (Monaco's
 * workers included through graphiql's Vite setup), no CDN. Opens with the analyst examples; one tab
 * per example. Written with createElement: the project's tsconfig has no JSX setting.
 */
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { DEFAULT_QUERY } from "./examples.ts";

const fetcher = createGraphiQLFetcher({ url: new URL("/graphql", location.href).toString() });
const container = document.getElementById("graphiql");
if (!container) throw new Error("graphiql: no #graphiql element in graphiql.html");
container.textContent = "";
createRoot(container).render(
  createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, initialQuery: DEFAULT_QUERY, defaultEditorToolsVisibility: false }),
);
