/** Paths between two chosen entities (shortestPaths): highlighted in the graph and listed step by step. */
import type { Api } from "../api/operations.ts";
import type { GraphNode, Path } from "../api/types.ts";
import type { GraphView } from "../graph/create-graph-view.ts";
import { h, statusLine } from "./dom.ts";
import { createSuggest } from "./create-suggest.ts";

export interface PathsDeps {
  api: Api;
  view: GraphView;
  onPaths(from: GraphNode | null, to: GraphNode | null): void;
}

export interface PathsPanel {
  dispose(): void;
  setEndpoint(node: GraphNode, end: "from" | "to"): void;
  find(): Promise<void>;
}

export function mountPaths(element: HTMLElement, deps: PathsDeps): PathsPanel {
  const fromPick = createSuggest(deps.api, { placeholder: "von …", label: "Pfad von", testId: "path-from", onChoose: () => void 0 });
  const toPick = createSuggest(deps.api, { placeholder: "nach …", label: "Pfad nach", testId: "path-to", onChoose: () => void 0 });
  const run = h("button", { "data-test-find-paths": true }, "Pfade finden");
  const clear = h("button", { "data-test-clear-paths": true }, "Zurücksetzen");
  const status = h("div", { class: "status", role: "status", "data-test-paths-status": true });
  const list = h("ol", { class: "path-list", "data-test-path-list": true });
  statusLine(status, "idle");
  let paths: Path[] = [];

  function show(i: number): void {
    const p = paths[i];
    if (!p) return;
    deps.view.merge({ nodes: p.nodes, edges: p.edges });
    deps.view.highlight([...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)], "path");
    [...list.children].forEach((li, j) => li.classList.toggle("active", i === j));
  }

  async function find(): Promise<void> {
    const a = fromPick.chosen;
    const b = toPick.chosen;
    if (!a || !b) {
      statusLine(status, "error", "Bitte Start und Ziel aus den Vorschlägen wählen.");
      return;
    }
    statusLine(status, "loading", "Suche Pfade …");
    list.replaceChildren();
    try {
      paths = await deps.api.shortestPaths(a.id, b.id, 6, 5);
    } catch (e) {
      statusLine(status, "error", (e as Error).message);
      return;
    }
    deps.onPaths(a, b);
    if (!paths.length) {
      statusLine(status, "empty", `Kein Pfad bis Länge 6 zwischen ${a.name} und ${b.name}.`);
      deps.view.clearHighlight();
      return;
    }
    statusLine(status, "idle", "");
    list.replaceChildren(
      ...paths.map((p, i) => {
        const steps: (string | HTMLElement)[] = [];
        p.nodes.forEach((n, j) => {
          steps.push(h("strong", {}, n.name));
          const e = p.edges[j];
          if (e) steps.push(h("span", { class: "step" }, ` ${e.source === n.id ? "—" + e.type + "→" : "←" + e.type + "—"} `));
        });
        const li = h("li", { tabindex: 0, "data-test-path-item": i }, h("div", { class: "muted small" }, `Länge ${p.length}`), ...steps);
        li.addEventListener("click", () => show(i));
        li.addEventListener("keydown", (ev) => ev.key === "Enter" && show(i));
        return li;
      }),
    );
    show(0);
  }

  run.addEventListener("click", () => void find());
  clear.addEventListener("click", () => {
    fromPick.set(null);
    toPick.set(null);
    list.replaceChildren();
    paths = [];
    deps.view.clearHighlight();
    statusLine(status, "idle");
    deps.onPaths(null, null);
  });
  element.replaceChildren(
    h("h3", {}, "Pfade zwischen zwei Akteuren"),
    fromPick.element,
    toPick.element,
    h("div", { class: "row" }, run, clear),
    status,
    list,
  );
  return {
    setEndpoint(node, end) {
      (end === "from" ? fromPick : toPick).set(node);
    },
    find,
    dispose() {
      fromPick.dispose();
      toPick.dispose();
      element.replaceChildren();
    },
  };
}
