/**
 * Funding flows (fundingFlows) from a funder or to a recipient: drawn as a graph (edge width by
 * amount, intended dashed, unknown amounts pale and marked "unbekannt") and listed as a table with
 * totals per recipient and currency and per status.
 */
import type { Api } from "../api/operations.ts";
import type { FundingFlows, GraphNode } from "../api/types.ts";
import type { GraphView } from "../graph/create-graph-view.ts";
import { formatMoney, formatMoneyShort } from "../graph/format-money.ts";
import { h, statusLine } from "./dom.ts";
import { createSuggest } from "./create-suggest.ts";
import { dateRange } from "./mount-details.ts";

export interface FundingDeps {
  api: Api;
  view: GraphView;
  /** The flows are loaded (null when the funding view is left). */
  onFlows(flows: FundingFlows | null, direction: "funder" | "recipient"): void;
  onSelect(id: string): void;
}

export interface FundingPanel {
  trace(node: GraphNode, direction: "funder" | "recipient"): Promise<void>;
  dispose(): void;
}

export function mountFunding(element: HTMLElement, deps: FundingDeps): FundingPanel {
  let direction: "funder" | "recipient" = "funder";
  const pick = createSuggest(deps.api, {
    placeholder: "Fördergeber oder Empfänger …",
    label: "Förderung von/an",
    testId: "funding",
    onChoose: (n) => void trace(n, direction),
  });
  const dir = h(
    "select",
    { "aria-label": "Richtung", "data-test-funding-direction": true },
    h("option", { value: "funder" }, "gibt Förderung (Geber)"),
    h("option", { value: "recipient" }, "erhält Förderung (Empfänger)"),
  );
  dir.addEventListener("change", () => {
    direction = dir.value as "funder" | "recipient";
    if (pick.chosen) void trace(pick.chosen, direction);
  });
  const exit = h("button", { "data-test-funding-exit": true }, "Zurück zum Gesamtgraph");
  exit.addEventListener("click", () => {
    out.replaceChildren();
    statusLine(status, "idle");
    deps.onFlows(null, direction);
  });
  const status = h("div", { class: "status", role: "status", "data-test-funding-status": true });
  const out = h("div", { "data-test-funding-result": true });
  statusLine(status, "idle");

  const link = (n: GraphNode) => {
    const b = h("button", { class: "link" }, n.name);
    b.addEventListener("click", () => deps.onSelect(n.id));
    return b;
  };

  function render(f: FundingFlows): void {
    const direct = f.flows.filter((x) => x.level === 1);
    out.replaceChildren(
      h(
        "p",
        {},
        h("strong", {}, f.root.name),
        f.funders.length > 1
          ? ` (mit ${f.funders
              .filter((x) => x.id !== f.root.id)
              .map((x) => x.name)
              .join(", ")})`
          : "",
      ),
      h("h4", {}, "Summen direkter Förderung"),
      h(
        "ul",
        { class: "totals", "data-test-funding-totals": true },
        f.totals.map((t) =>
          h("li", {}, h("span", { class: `badge status-${t.status}` }, t.status), ` ${formatMoney(t.amount, t.currency)} (${t.count})`),
        ),
        f.unknownAmounts ? h("li", { class: "unknown" }, `${f.unknownAmounts} × Betrag unbekannt (unknown)`) : null,
        direct.length ? null : h("li", { class: "muted" }, "keine direkte Förderung verzeichnet"),
      ),
      h("h4", {}, direction === "funder" ? "Direkte Empfänger" : "Direkte Geber"),
      h(
        "table",
        { class: "flows", "data-test-funding-table": true },
        h(
          "thead",
          {},
          h("tr", {}, h("th", {}, direction === "funder" ? "Empfänger" : "Geber"), h("th", {}, "Betrag"), h("th", {}, "Status")),
        ),
        h(
          "tbody",
          {},
          direct.map((x) => {
            const other = direction === "funder" ? x.recipient : x.funder;
            return h(
              "tr",
              { "data-test-funding-row": other.id, class: `status-${x.status ?? "unknown"}` },
              h("td", {}, link(other)),
              h("td", { class: x.amountKnown ? "money" : "unknown" }, x.amountKnown ? formatMoneyShort(x.amount, x.currency) : "unbekannt"),
              h(
                "td",
                {},
                h("span", { class: `badge status-${x.status ?? "unknown"}` }, x.status ?? "–"),
                dateRange(x.startDate, x.endDate) ? h("div", { class: "muted small" }, dateRange(x.startDate, x.endDate)) : null,
              ),
            );
          }),
        ),
      ),
      h("h4", {}, "Summe je Empfänger und Währung"),
      h(
        "table",
        { class: "flows", "data-test-recipient-totals": true },
        h(
          "tbody",
          {},
          f.recipients
            .filter((r) => r.amount !== null || direct.some((x) => x.recipient.id === r.recipient.id))
            .map((r) =>
              h(
                "tr",
                { "data-test-recipient-total": r.recipient.id },
                h("td", {}, link(r.recipient)),
                h(
                  "td",
                  { class: r.amount === null ? "unknown" : "money" },
                  r.amount === null ? "unbekannt" : formatMoney(r.amount, r.currency),
                ),
                h("td", { class: "muted" }, r.unknownAmounts ? `+${r.unknownAmounts} unbekannt` : ""),
              ),
            ),
        ),
      ),
      h("p", { class: "muted small" }, `${f.flows.length - direct.length} weitergereichte Flüsse (Ebene 2+) im Graph.`),
    );
  }

  async function trace(node: GraphNode, d: "funder" | "recipient"): Promise<void> {
    direction = d;
    dir.value = d;
    pick.set(node);
    statusLine(status, "loading", "Lade Förderflüsse …");
    out.replaceChildren();
    try {
      const f = await deps.api.fundingFlows(d === "funder" ? { funderId: node.id } : { recipientId: node.id });
      if (!f.flows.length) statusLine(status, "empty", `Keine Förderflüsse für ${node.name} verzeichnet.`);
      else statusLine(status, "idle");
      render(f);
      deps.onFlows(f, d);
    } catch (e) {
      statusLine(status, "error", (e as Error).message);
    }
  }

  element.replaceChildren(h("h3", {}, "Förderung verfolgen"), dir, pick.element, status, exit, out);
  return {
    trace,
    dispose() {
      pick.dispose();
      element.replaceChildren();
    },
  };
}
