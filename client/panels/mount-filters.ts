/**
 * The legend that doubles as the filter: one checkbox per entity type and relationship type (with
 * its symbol and count), the year range (partial dates respected by the view) and the size measure.
 */
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from "../api/types.ts";
import type { Filters, GraphView, SizeMeasure } from "../graph/create-graph-view.ts";
import { EDGE_STYLES, TYPE_STYLES } from "../graph/stylesheet.ts";
import { h } from "./dom.ts";

export interface FilterState extends Filters {
  size: SizeMeasure;
}

export interface FiltersDeps {
  view: GraphView;
  initial: FilterState;
  onChange(state: FilterState): void;
}

const YEAR = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function mountFilters(element: HTMLElement, deps: FiltersDeps): () => void {
  const state: FilterState = {
    ...deps.initial,
    hiddenTypes: new Set(deps.initial.hiddenTypes),
    hiddenEdgeTypes: new Set(deps.initial.hiddenEdgeTypes),
  };
  const counts = new Map<string, { span: HTMLElement; key: string }>();
  const change = () =>
    deps.onChange({ ...state, hiddenTypes: new Set(state.hiddenTypes), hiddenEdgeTypes: new Set(state.hiddenEdgeTypes) });

  const typeRow = (key: string, label: string, swatch: HTMLElement, hidden: Set<string>, test: string) => {
    const box = h("input", { type: "checkbox", checked: !hidden.has(key), [test]: key });
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(key);
      else hidden.add(key);
      change();
    });
    const count = h("span", { class: "count" });
    counts.set(`${test}:${key}`, { span: count, key });
    return h("label", { class: "legend-row" }, box, swatch, h("span", { class: "legend-label" }, label), count);
  };

  const from = h("input", {
    type: "text",
    inputmode: "numeric",
    placeholder: "von (2019)",
    size: 8,
    value: state.from,
    "aria-label": "Jahr von",
    "data-test-time-from": true,
  });
  const to = h("input", {
    type: "text",
    inputmode: "numeric",
    placeholder: "bis (2021-06)",
    size: 8,
    value: state.to,
    "aria-label": "Jahr bis",
    "data-test-time-to": true,
  });
  const timeError = h("div", { class: "status", "data-state": "error", hidden: true });
  const onTime = () => {
    const bad = [from, to].find((i) => i.value.trim() && !YEAR.test(i.value.trim()));
    timeError.hidden = !bad;
    timeError.textContent = bad ? `„${bad.value}“ ist kein Jahr oder Datum (2019, 2019-06, 2019-06-24)` : "";
    if (bad) return;
    state.from = from.value.trim();
    state.to = to.value.trim();
    change();
  };
  from.addEventListener("change", onTime);
  to.addEventListener("change", onTime);

  const size = h(
    "select",
    { "aria-label": "Knotengröße", "data-test-size": true },
    h("option", { value: "degree", selected: state.size === "degree" }, "Verbindungen"),
    h("option", { value: "funding", selected: state.size === "funding" }, "erhaltene Förderung"),
  );
  size.addEventListener("change", () => {
    state.size = size.value as SizeMeasure;
    change();
  });

  element.replaceChildren(
    h("h3", {}, "Knotentypen"),
    h(
      "div",
      { class: "legend", "data-test-legend": true },
      ENTITY_TYPES.map((t) =>
        typeRow(
          t,
          TYPE_STYLES[t].label,
          h("span", { class: `swatch shape-${TYPE_STYLES[t].shape}`, style: `background:${TYPE_STYLES[t].colour}` }),
          state.hiddenTypes,
          "data-test-filter-type",
        ),
      ),
    ),
    h("h3", {}, "Beziehungen"),
    h(
      "div",
      { class: "legend" },
      RELATIONSHIP_TYPES.map((t) =>
        typeRow(
          t,
          EDGE_STYLES[t].label,
          h("span", { class: `line line-${EDGE_STYLES[t].line}`, style: `border-color:${EDGE_STYLES[t].colour}` }),
          state.hiddenEdgeTypes,
          "data-test-filter-rel",
        ),
      ),
    ),
    h(
      "p",
      { class: "muted small" },
      "Förderstatus: ",
      h("span", { class: "line line-solid", style: "border-color:#c8102e" }),
      " zugesagt ",
      h("span", { class: "line line-dashed", style: "border-color:#c8102e" }),
      " in Aussicht ",
      h("span", { class: "line line-dotted", style: "border-color:#c8102e" }),
      " vorgeschlagen",
    ),
    h("h3", {}, "Zeitraum"),
    h("div", { class: "row" }, from, h("span", {}, "–"), to),
    timeError,
    h("p", { class: "muted small" }, "Blendet Beziehungen aus, deren Zeitraum nicht in den Bereich fällt; undatierte bleiben sichtbar."),
    h("h3", {}, "Knotengröße nach"),
    size,
  );

  const refreshCounts = () => {
    const byType = new Map<string, number>();
    for (const n of deps.view.nodes.values())
      byType.set(`data-test-filter-type:${n.type}`, (byType.get(`data-test-filter-type:${n.type}`) ?? 0) + 1);
    for (const e of deps.view.edges.values())
      byType.set(`data-test-filter-rel:${e.type}`, (byType.get(`data-test-filter-rel:${e.type}`) ?? 0) + 1);
    for (const [k, { span }] of counts) {
      const c = byType.get(k) ?? 0;
      span.textContent = String(c);
      (span.parentElement as HTMLElement).classList.toggle("empty", c === 0);
    }
  };
  refreshCounts();
  const off = deps.view.events.on("elementsChanged", refreshCounts);
  return () => {
    off();
    element.replaceChildren();
  };
}
