/**
 * The view's state in the URL hash, so a link reopens the same view:
 * #sel=org:aurubis&hide=Topic,Place&hideRel=FOCUSES_ON&from=2019&to=2020&size=funding
 *  &mode=funding&root=ministry:land-nrw&dir=funder&view=sankey  or  &mode=paths&pfrom=…&pto=…
 *  &nlimit=10 (neighbours loaded per expansion; more are offered as "N weitere laden")
 */
import type { SizeMeasure } from "../graph/create-graph-view.ts";

/** How funding flows are shown over the graph area. */
export type FlowViewMode = "graph" | "sankey" | "table";
export const FLOW_VIEW_MODES: FlowViewMode[] = ["graph", "sankey", "table"];
export const DEFAULT_NEIGHBOUR_LIMIT = 30;

export interface UrlState {
  sel: string | null;
  hide: string[];
  hideRel: string[];
  from: string;
  to: string;
  size: SizeMeasure;
  layout: string;
  mode: "explore" | "funding" | "paths";
  root: string | null;
  dir: "funder" | "recipient";
  /** How funding flows are shown: in the graph, as a Sankey diagram or as a table. */
  view: FlowViewMode;
  /** Neighbours loaded per expansion (1 to 1000). */
  nlimit: number;
  pfrom: string | null;
  pto: string | null;
}

export const DEFAULT_STATE: UrlState = {
  sel: null,
  hide: [],
  hideRel: [],
  from: "",
  to: "",
  size: "degree",
  layout: "fcose",
  mode: "explore",
  root: null,
  dir: "funder",
  view: "graph",
  nlimit: DEFAULT_NEIGHBOUR_LIMIT,
  pfrom: null,
  pto: null,
};

export function parseUrlState(hash: string): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const list = (k: string) => (p.get(k) ?? "").split(",").filter(Boolean);
  const mode = p.get("mode");
  const view = p.get("view") as FlowViewMode | null;
  const nlimit = Number(p.get("nlimit"));
  return {
    sel: p.get("sel"),
    hide: list("hide"),
    hideRel: list("hideRel"),
    from: p.get("from") ?? "",
    to: p.get("to") ?? "",
    size: p.get("size") === "funding" ? "funding" : "degree",
    layout: p.get("layout") ?? "fcose",
    mode: mode === "funding" || mode === "paths" ? mode : "explore",
    root: p.get("root"),
    dir: p.get("dir") === "recipient" ? "recipient" : "funder",
    view: view && FLOW_VIEW_MODES.includes(view) ? view : "graph",
    nlimit: Number.isInteger(nlimit) && nlimit >= 1 && nlimit <= 1000 ? nlimit : DEFAULT_NEIGHBOUR_LIMIT,
    pfrom: p.get("pfrom"),
    pto: p.get("pto"),
  };
}

export function formatUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.sel) p.set("sel", s.sel);
  if (s.hide.length) p.set("hide", s.hide.join(","));
  if (s.hideRel.length) p.set("hideRel", s.hideRel.join(","));
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.size !== "degree") p.set("size", s.size);
  if (s.layout !== "fcose") p.set("layout", s.layout);
  if (s.mode !== "explore") p.set("mode", s.mode);
  if (s.mode === "funding" && s.root) {
    p.set("root", s.root);
    p.set("dir", s.dir);
    if (s.view !== "graph") p.set("view", s.view);
  }
  if (s.mode === "paths") {
    if (s.pfrom) p.set("pfrom", s.pfrom);
    if (s.pto) p.set("pto", s.pto);
  }
  if (s.nlimit !== DEFAULT_NEIGHBOUR_LIMIT) p.set("nlimit", String(s.nlimit));
  const text = p.toString();
  return text ? `#${text}` : "";
}
