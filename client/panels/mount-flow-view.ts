/**
 * The funding mode's views over the graph area: a toggle "Graph | Sankey | Tabelle", the Sankey
 * diagram (re-laid out when the area resizes) with its legend and a tooltip for the hovered or
 * focused band, and a table of every flow. Choosing a band or a row selects its edge.
 */
import type { FundingFlow, FundingFlows } from "../api/types.ts";
import { formatMoney, formatMoneyShort, UNKNOWN_AMOUNT } from "../graph/format-money.ts";
import { layoutSankey, type SankeyLink } from "../graph/sankey-layout.ts";
import { h } from "./dom.ts";
import { dateRange, STATUS_LABEL } from "./mount-details.ts";
import { fitLabels, renderSankey } from "./render-sankey.ts";
import { FLOW_VIEW_MODES, type FlowViewMode } from "../state/url-state.ts";

const LABELS: Record<FlowViewMode, string> = { graph: "Graph", sankey: "Sankey", table: "Tabelle" };

export interface FlowViewDeps {
  mode: FlowViewMode;
  onMode(mode: FlowViewMode): void;
  onSelect(edgeId: string): void;
}

export interface FlowView {
  show(flows: FundingFlows | null): void;
  setMode(mode: FlowViewMode): void;
  markSelected(id: string | null): void;
  dispose(): void;
}

function details(l: SankeyLink | FundingFlow, from: string, to: string): HTMLElement {
  const amount = "kind" in l ? (l.kind === "unknown" ? null : l.amount) : l.amountKnown ? l.amount : null;
  const f = "flow" in l ? l.flow : l;
  return h(
    "div",
    {},
    h("strong", {}, `${from} → ${to}`),
    h(
      "div",
      { class: amount === null ? "unknown" : "money" },
      amount === null ? `Betrag ${UNKNOWN_AMOUNT}` : formatMoney(amount, "currency" in l ? l.currency : null),
    ),
    "kind" in l && l.kind === "foreign" ? h("div", { class: "muted small" }, "andere Währung, ohne EUR-Wert: Band in Mindestbreite") : null,
    h("div", {}, `Status: ${f.status ? (STATUS_LABEL[f.status] ?? f.status) : "–"}`),
    dateRange(f.startDate, f.endDate) ? h("div", {}, `Zeitraum: ${dateRange(f.startDate, f.endDate)}`) : null,
    f.edge.purpose ? h("div", { class: "small" }, `Zweck: ${f.edge.purpose}`) : null,
    f.level > 1
      ? h("div", { class: "muted small" }, `Ebene ${f.level}${f.via.length ? ` über ${f.via.map((v) => v.name).join(" → ")}` : ""}`)
      : null,
    h("div", { class: "muted small" }, "Klick: Kante im Detailbereich"),
  );
}

export function mountFlowView(element: HTMLElement, deps: FlowViewDeps): FlowView {
  let mode = deps.mode;
  let flows: FundingFlows | null = null;
  let selected: string | null = null;
  const toggle = h("div", {
    class: "flow-toggle",
    role: "group",
    "aria-label": "Ansicht der Förderflüsse",
    "data-test-flow-view-toggle": true,
  });
  const buttons = FLOW_VIEW_MODES.map((m) => {
    const b = h("button", { "data-test-flow-view-mode": m, "aria-pressed": String(m === mode) }, LABELS[m]);
    b.addEventListener("click", () => {
      setMode(m);
      deps.onMode(m);
    });
    return b;
  });
  toggle.append(...buttons);
  const body = h("div", { class: "flow-body", "data-test-flow-view": true });
  const tip = h("div", { class: "flow-tip", role: "tooltip", "data-test-band-tooltip": true, hidden: true });
  element.replaceChildren(toggle, body, tip);

  const choose = (edgeId: string) => {
    markSelected(edgeId);
    deps.onSelect(edgeId);
  };

  function legend(f: FundingFlows, foreign: SankeyLink[]): HTMLElement {
    const sw = (cls: string) => h("span", { class: `band-swatch ${cls}` });
    return h(
      "div",
      { class: "flow-legend small", "data-test-sankey-legend": true },
      h("span", {}, sw("status-committed"), " zugesagt"),
      h("span", {}, sw("status-intended"), " in Aussicht / angekündigt"),
      h("span", {}, sw("status-proposed"), " vorgeschlagen"),
      h("span", {}, sw("kind-unknown"), ` Betrag ${UNKNOWN_AMOUNT} (feste Mindestbreite)`),
      h("span", { class: "muted" }, "Breite ∝ Betrag in EUR."),
      foreign.length
        ? h(
            "span",
            { "data-test-sankey-foreign": true },
            `Andere Währungen (nicht maßstäblich): ${foreign.map((l) => formatMoneyShort(l.amount, l.currency)).join(", ")}.`,
          )
        : null,
      f.subgraph.truncated ? h("span", { class: "unknown" }, "Nicht alle Flüsse geladen (Limit).") : null,
    );
  }

  function renderSankeyView(f: FundingFlows): void {
    const width = Math.max(480, body.clientWidth - 16);
    const height = Math.max(320, body.clientHeight - 60 - 28);
    const layout = layoutSankey(f, { width, height });
    const svg = renderSankey(layout, {
      onHover(l, at) {
        tip.hidden = !l;
        if (!l) return;
        const name = (id: string) => layout.nodes.find((n) => n.id === id)?.node.name ?? id;
        tip.replaceChildren(details(l, name(l.source), name(l.target)));
        const box = element.getBoundingClientRect();
        const below = at.y - box.top + 14;
        tip.style.left = `${Math.max(4, Math.min(at.x - box.left + 14, box.width - tip.offsetWidth - 4))}px`;
        tip.style.top = `${below + tip.offsetHeight > box.height - 28 ? Math.max(4, at.y - box.top - tip.offsetHeight - 10) : below}px`;
      },
      onChoose: (l) => choose(l.edgeId),
    });
    body.replaceChildren(legend(f, layout.foreign), svg);
    fitLabels(svg);
    markSelected(selected);
  }

  function renderTable(f: FundingFlows): void {
    const sorted = [...f.flows].sort((a, b) => a.level - b.level || (b.amount ?? -1) - (a.amount ?? -1));
    body.replaceChildren(
      h(
        "table",
        { class: "flows flow-table", "data-test-flow-table": true },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Ebene", "Geber", "Empfänger", "Betrag", "Status", "Zeitraum"].map((t) => h("th", {}, t)),
          ),
        ),
        h(
          "tbody",
          {},
          sorted.map((x) => {
            const tr = h(
              "tr",
              { class: `status-${x.status ?? "unknown"}`, tabindex: 0, "data-test-flow-row": x.edge.id },
              h("td", {}, String(x.level)),
              h("td", {}, x.funder.name),
              h("td", {}, x.recipient.name),
              h(
                "td",
                { class: x.amountKnown ? "money" : "unknown" },
                x.amountKnown ? formatMoneyShort(x.amount, x.currency) : UNKNOWN_AMOUNT,
              ),
              h("td", {}, h("span", { class: `badge status-${x.status ?? "unknown"}` }, x.status ?? "–")),
              h("td", {}, dateRange(x.startDate, x.endDate)),
            );
            tr.addEventListener("click", () => choose(x.edge.id));
            tr.addEventListener("keydown", (ev) => {
              if (ev.key === "Enter") choose(x.edge.id);
            });
            return tr;
          }),
        ),
      ),
    );
    markSelected(selected);
  }

  function render(): void {
    tip.hidden = true;
    element.hidden = !flows;
    element.dataset.mode = mode;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.testFlowViewMode === mode));
    body.hidden = !flows || mode === "graph";
    if (!flows || mode === "graph") return body.replaceChildren();
    if (mode === "sankey") renderSankeyView(flows);
    else renderTable(flows);
  }

  function setMode(m: FlowViewMode): void {
    mode = m;
    render();
  }

  function markSelected(id: string | null): void {
    selected = id;
    for (const el of body.querySelectorAll<Element>("[data-test-band], [data-test-flow-row]")) {
      const edge = el.getAttribute("data-test-band") ?? el.getAttribute("data-test-flow-row");
      el.classList.toggle("selected", !!id && edge === id);
    }
  }

  let last = "";
  const resize = new ResizeObserver(() => {
    const size = `${body.clientWidth}x${body.clientHeight}`;
    if (size === last || mode !== "sankey" || !flows) return;
    last = size;
    render();
  });
  resize.observe(body);

  return {
    show(f) {
      flows = f;
      render();
    },
    setMode,
    markSelected,
    dispose() {
      resize.disconnect();
      element.replaceChildren();
    },
  };
}
