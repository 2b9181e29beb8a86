/**
 * The page's composition root: API client → graph view → panels, wired by typed events; the URL
 * hash keeps selection, filters and mode. Nothing else starts anything.
 */
import "./styles.css";
import type { Core } from "cytoscape";
import { createApi } from "./api/operations.ts";
import { loadWholeGraph } from "./api/load-whole-graph.ts";
import type { GraphNode } from "./api/types.ts";
import { createGraphView } from "./graph/create-graph-view.ts";
import { download, toCsvExport, toJsonExport } from "./graph/export-view.ts";
import { LAYOUTS, type LayoutName } from "./graph/layouts.ts";
import { h } from "./panels/dom.ts";
import { createSuggest } from "./panels/create-suggest.ts";
import { mountDetails } from "./panels/mount-details.ts";
import { mountFilters, type FilterState } from "./panels/mount-filters.ts";
import { mountFlowView } from "./panels/mount-flow-view.ts";
import { mountFunding } from "./panels/mount-funding.ts";
import { mountPaths } from "./panels/mount-paths.ts";
import { formatUrlState, parseUrlState, type UrlState } from "./state/url-state.ts";
import { yieldToPage } from "./yield-to-page.ts";

declare global {
  interface Window {
    cy: Core;
    explorer: {
      ready: boolean;
      error: string | null;
      /** The latest layout: running or done, and where it is computed (main thread or worker). */
      layout: { state: "running" | "done"; engine: "main" | "worker"; elements: number } | null;
    };
  }
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const api = createApi();
const view = createGraphView($("graph"), { webgl: new URLSearchParams(location.search).get("renderer") === "webgl" });
window.cy = view.cy;
window.explorer = { ready: false, error: null, layout: null };
const state: UrlState = parseUrlState(location.hash);
const overlay = $("overlay");
const status = $("status");

// Progress while a layout is computed in the worker; the page stays usable meanwhile.
const layoutProgress = $("layout-progress");
view.events.on("layout", (l) => {
  window.explorer.layout = l;
  $("graph").dataset.layoutState = l.state;
  $("graph").dataset.layoutEngine = l.engine;
  layoutProgress.textContent = `Layout läuft … (${l.elements.toLocaleString("de-DE")} Elemente)`;
  layoutProgress.hidden = !(l.state === "running" && l.engine === "worker");
});

function saveState(): void {
  history.replaceState(null, "", `${location.pathname}${location.search}${formatUrlState(state)}`);
}

function setStatus(text: string, extra?: HTMLElement): void {
  status.replaceChildren(text, ...(extra ? [" ", extra] : []));
}

function showTab(name: string): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-tab]"))
    b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const p of document.querySelectorAll<HTMLElement>("[data-panel]")) p.hidden = p.dataset.panel !== name;
}
for (const b of document.querySelectorAll<HTMLButtonElement>("[data-tab]")) b.addEventListener("click", () => showTab(b.dataset.tab!));

function layout(name = state.layout as LayoutName, roots: string[] = []): Promise<void> {
  return view.layout(LAYOUTS.includes(name) ? name : "fcose", roots);
}

function select(id: string | null): void {
  state.sel = id;
  view.select(id, { center: true });
  if (id)
    view.highlight(
      [
        id,
        ...view.cy
          .getElementById(id)
          .connectedEdges()
          .map((e) => e.id()),
      ],
      "highlighted",
    );
  else if (state.mode !== "paths") view.clearHighlight();
  saveState();
}

async function expand(id: string, limit = state.nlimit): Promise<void> {
  setStatus("Lade Nachbarn …");
  try {
    view.uncollapse(id);
    const sub = await api.neighbourhood(id, 1, limit);
    const added = view.merge(sub);
    applyFilters();
    if (added.length) await layout();
    const more =
      sub.truncated && sub.omittedNodes > 0
        ? h("button", { "data-test-more": sub.omittedNodes }, `${sub.omittedNodes} weitere laden`)
        : undefined;
    more?.addEventListener("click", () => void expand(id, 1000));
    setStatus(
      `${view.nodes.get(id)?.name ?? id}: ${added.length} neue Nachbarn${more ? `, ${sub.omittedNodes} weitere nicht geladen` : ""}.`,
      more,
    );
  } catch (e) {
    setStatus(`Fehler: ${(e as Error).message}`);
  }
}

// Search
const search = createSuggest(api, {
  placeholder: "Suche: Name, Schreibweise (z. B. Lunen) …  [/]",
  label: "Suche",
  testId: "search",
  onChoose: (n: GraphNode) => {
    view.merge({ nodes: [n], edges: [] });
    select(n.id);
  },
});
$("search").append(search.element);

// Toolbar
const layoutSelect = h(
  "select",
  { "aria-label": "Layout", "data-test-layout": true },
  LAYOUTS.map((l) => h("option", { value: l, selected: l === state.layout }, l)),
);
layoutSelect.addEventListener("change", () => {
  state.layout = layoutSelect.value;
  saveState();
  void layout();
});
const tool = (label: string, test: string, fn: () => void, title = "") => {
  const b = h("button", { [`data-test-${test}`]: true, title }, label);
  b.addEventListener("click", fn);
  return b;
};
$("toolbar").append(
  layoutSelect,
  tool("Einpassen", "fit", () => view.cy.fit(undefined, 30), "Taste f"),
  tool(
    "PNG",
    "export-png",
    () =>
      view.isDrawn()
        ? download("innograph.png", view.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }))
        : setStatus("Layout läuft noch – bitte nach dem Zeichnen erneut versuchen."),
    "sichtbaren Graph als Bild",
  ),
  tool("JSON", "export-json", () => download("innograph.json", toJsonExport(view.visible()), "application/json"), "sichtbarer Teilgraph"),
  tool("CSV", "export-csv", () => download("innograph.csv", toCsvExport(view.visible()), "text/csv"), "sichtbarer Teilgraph"),
  tool(
    "Link kopieren",
    "share",
    () => void navigator.clipboard?.writeText(location.href).then(() => setStatus("Link kopiert.")),
    "URL mit Auswahl, Filtern und Modus",
  ),
);

// Filters
function filterState(): FilterState {
  return { hiddenTypes: new Set(state.hide), hiddenEdgeTypes: new Set(state.hideRel), from: state.from, to: state.to, size: state.size };
}
function applyFilters(): void {
  view.setFilters(filterState());
  view.setSizeMeasure(state.size);
}
mountFilters($("filters"), {
  view,
  initial: filterState(),
  onChange: (f) => {
    state.hide = [...f.hiddenTypes];
    state.hideRel = [...f.hiddenEdgeTypes];
    state.from = f.from;
    state.to = f.to;
    state.size = f.size;
    applyFilters();
    saveState();
  },
});

const nlimit = h("input", {
  type: "number",
  min: 1,
  max: 1000,
  value: state.nlimit,
  "aria-label": "Nachbarn je Schritt",
  "data-test-neighbour-limit": true,
  style: "width:6em",
});
nlimit.addEventListener("change", () => {
  const n = Number(nlimit.value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) return void (nlimit.value = String(state.nlimit));
  state.nlimit = n;
  saveState();
});
$("filters").append(
  h("h3", {}, "Nachbarn einblenden"),
  h("label", { class: "row small" }, "höchstens", nlimit, "je Schritt; der Rest auf Nachfrage"),
);

// Paths
const paths = mountPaths($("paths"), {
  api,
  view,
  onPaths: (a, b) => {
    state.mode = a && b ? "paths" : "explore";
    state.pfrom = a?.id ?? null;
    state.pto = b?.id ?? null;
    saveState();
  },
});

// Funding: the flows in the graph, as a Sankey diagram or as a table
const flowView = mountFlowView($("flow-view"), {
  mode: state.view,
  onMode: (m) => {
    state.view = m;
    saveState();
  },
  onSelect: (id) => select(id),
});
view.events.on("select", (sel) => flowView.markSelected(sel?.kind === "edge" ? sel.edge.id : (sel?.node.id ?? null)));
const funding = mountFunding($("funding"), {
  api,
  view,
  onSelect: (id) => select(id),
  onFlows: (f, dir) => {
    if (!f) {
      state.mode = "explore";
      state.root = null;
      view.restrictTo(null);
      view.clearHighlight();
      flowView.show(null);
      saveState();
      void layout();
      return;
    }
    view.merge(f.subgraph);
    const ids = new Set<string>([
      ...f.subgraph.nodes.map((n) => n.id),
      ...f.subgraph.edges.map((e) => e.id),
      ...f.flows.map((x) => x.edge.id),
    ]);
    view.restrictTo(ids);
    view.clearHighlight();
    state.mode = "funding";
    state.root = f.root.id;
    state.dir = dir;
    saveState();
    flowView.show(f);
    const rank = new Map<string, number>(f.funders.map((n) => [n.id, 0]));
    for (const x of [...f.flows].sort((a, b) => a.level - b.level)) if (!rank.has(x.recipient.id)) rank.set(x.recipient.id, x.level);
    void view.layout("concentric", [f.root.id], rank);
  },
});

// Details
mountDetails($("details"), {
  view,
  onSelect: (id) => select(id),
  onExpand: (id) => void expand(id),
  onCollapse: (id) => setStatus(`${view.collapse(id)} Nachbarn eingeklappt.`),
  onTraceFunding: (n, dir) => {
    showTab("funding");
    void funding.trace(n, dir);
  },
  onPathEndpoint: (n, end) => {
    showTab("paths");
    paths.setEndpoint(n, end);
  },
});

view.cy.on("dbltap", "node", (evt) => void expand(evt.target.id() as string));
view.cy.on("tap", "node, edge", (evt) => {
  state.sel = evt.target.id() as string;
  saveState();
});
view.cy.on("tap", (evt) => {
  if (evt.target !== view.cy) return;
  state.sel = null;
  saveState();
});
document.addEventListener("keydown", (ev) => {
  const typing =
    ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement || ev.target instanceof HTMLTextAreaElement;
  if (typing) return;
  if (ev.key === "/") {
    ev.preventDefault();
    search.input.focus();
  } else if (ev.key === "Escape") select(null);
  else if (ev.key === "f") view.cy.fit(undefined, 30);
});

async function start(): Promise<void> {
  overlay.textContent = "Lade Graph …";
  overlay.dataset.state = "loading";
  try {
    const whole = await loadWholeGraph(api);
    // The response was validated in slices (validateInSlices); staging it in the view starts a task of its own.
    await yieldToPage();
    await view.mergeInChunks(whole);
    applyFilters();
    if (!whole.nodes.length) {
      view.show();
      overlay.textContent = "Der Graph ist leer: noch keine Daten geladen.";
      overlay.dataset.state = "empty";
      return;
    }
    overlay.hidden = true;
    setStatus(
      `${whole.nodes.length} Knoten, ${whole.edges.length} Kanten${whole.partial ? ` (von ${whole.stats.nodes} / ${whole.stats.relationships}; Rest über Suche und Nachbarn)` : ""}. Doppelklick blendet Nachbarn ein.`,
    );
    // The layout request for the worker is built in a task of its own, after the filters are applied.
    await yieldToPage();
    await layout();
    const byId = (id: string | null) => (id ? (view.nodes.get(id) ?? null) : null);
    if (state.mode === "funding" && byId(state.root)) {
      showTab("funding");
      await funding.trace(byId(state.root)!, state.dir);
    } else if (state.mode === "paths" && byId(state.pfrom) && byId(state.pto)) {
      showTab("paths");
      paths.setEndpoint(byId(state.pfrom)!, "from");
      paths.setEndpoint(byId(state.pto)!, "to");
      await paths.find();
    }
    if (state.sel) select(state.sel);
    window.explorer.ready = true;
  } catch (e) {
    const message = (e as Error).message;
    window.explorer.error = message;
    overlay.hidden = false;
    overlay.dataset.state = "error";
    const retry = h("button", { "data-test-retry": true }, "Erneut versuchen");
    retry.addEventListener("click", () => void start());
    overlay.replaceChildren(h("strong", {}, "Der Graph konnte nicht geladen werden."), h("div", {}, message), retry);
  }
}

void start();
