/**
 * The details panel: for a node its type, kind, aliases, properties and connections (with roles,
 * dates and amounts); for an edge who relates to whom, role, dates, amount and status, and every
 * citation (source title, publisher, date, quoted evidence). FUNDS edges say who pays whom, how much.
 */
import type { Citation, GraphEdge, GraphNode } from "../api/types.ts";
import type { GraphView } from "../graph/create-graph-view.ts";
import { formatMoney } from "../graph/format-money.ts";
import { EDGE_STYLES, TYPE_STYLES } from "../graph/stylesheet.ts";
import { h } from "./dom.ts";

export interface DetailsDeps {
  view: GraphView;
  onSelect(id: string): void;
  onExpand(id: string): void;
  onCollapse(id: string): void;
  onTraceFunding(node: GraphNode, direction: "funder" | "recipient"): void;
  onPathEndpoint(node: GraphNode, end: "from" | "to"): void;
}

export const STATUS_LABEL: Record<string, string> = {
  committed: "zugesagt (committed)",
  announced: "angekündigt (announced)",
  intended: "in Aussicht gestellt (intended)",
  proposed: "vorgeschlagen (proposed)",
  completed: "abgeschlossen (completed)",
};

const HIDDEN_PROPS = new Set(["id", "name", "aliases", "sources", "evidence"]);

export function dateRange(start: string | null, end: string | null): string {
  if (!start && !end) return "";
  if (start && end && start !== end) return `${start} – ${end}`;
  if (start && !end) return `seit ${start}`;
  return `bis ${end ?? start}`;
}

function statusBadge(status: string | null): HTMLElement | null {
  if (!status) return null;
  return h("span", { class: `badge status-${status}`, "data-test-edge-status": status }, STATUS_LABEL[status] ?? status);
}

function citationList(citations: Citation[]): HTMLElement {
  if (!citations.length) return h("p", { class: "muted" }, "Keine Quelle verzeichnet.");
  return h(
    "ol",
    { class: "citations", "data-test-citations": true },
    citations.map((c) =>
      h(
        "li",
        { "data-test-citation": c.sourceId },
        h("div", { class: "cite-title" }, c.title ?? c.sourceId),
        h("div", { class: "cite-meta" }, [c.publisher, c.date].filter(Boolean).join(" · ")),
        h("blockquote", { "data-test-evidence": true }, `„${c.evidence}“`),
      ),
    ),
  );
}

function propTable(props: Record<string, unknown>): HTMLElement | null {
  const rows = Object.entries(props).filter(([k, v]) => !HIDDEN_PROPS.has(k) && v !== null && v !== undefined && v !== "");
  if (!rows.length) return null;
  return h(
    "table",
    { class: "props" },
    rows.map(([k, v]) =>
      h("tr", {}, h("th", {}, k), h("td", {}, Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v))),
    ),
  );
}

export function mountDetails(element: HTMLElement, deps: DetailsDeps): () => void {
  const { view } = deps;
  const name = (id: string) => view.nodes.get(id)?.name ?? id;
  const link = (id: string) => {
    const b = h("button", { class: "link", "data-test-goto": id }, name(id));
    b.addEventListener("click", () => deps.onSelect(id));
    return b;
  };
  const button = (label: string, test: string, fn: () => void) => {
    const b = h("button", { [`data-test-${test}`]: true }, label);
    b.addEventListener("click", fn);
    return b;
  };

  function renderEmpty(): void {
    element.replaceChildren(
      h("h2", {}, "Details"),
      h(
        "p",
        { class: "muted", "data-test-details-empty": true },
        "Klicken Sie auf einen Knoten oder eine Kante, um Eigenschaften und Quellen zu sehen.",
      ),
    );
  }

  function renderNode(n: GraphNode): void {
    const connected = [...view.edges.values()].filter((e) => e.source === n.id || e.target === n.id);
    element.replaceChildren(
      h(
        "div",
        { "data-test-details": "node" },
        h("h2", { "data-test-details-title": true }, n.name),
        h(
          "div",
          { class: "subtitle" },
          h("span", { class: "dot", style: `background:${TYPE_STYLES[n.type].colour}` }),
          TYPE_STYLES[n.type].label,
          n.kind ? ` · ${n.kind}` : "",
          h("code", {}, ` ${n.id}`),
        ),
        h(
          "div",
          { class: "actions" },
          button("Nachbarn einblenden", "expand", () => deps.onExpand(n.id)),
          button("Einklappen", "collapse", () => deps.onCollapse(n.id)),
          button("Förderung als Geber", "trace-funder", () => deps.onTraceFunding(n, "funder")),
          button("Förderung als Empfänger", "trace-recipient", () => deps.onTraceFunding(n, "recipient")),
          button("Pfad von hier", "path-start", () => deps.onPathEndpoint(n, "from")),
          button("Pfad hierher", "path-end", () => deps.onPathEndpoint(n, "to")),
        ),
        n.aliases.length > 1 ? h("p", {}, h("strong", {}, "Schreibweisen: "), n.aliases.join(" · ")) : null,
        typeof n.properties.description === "string" ? h("p", { class: "description" }, n.properties.description) : null,
        propTable(n.properties),
        h("h3", {}, `Verbindungen (${connected.length})`),
        h(
          "ul",
          { class: "connections", "data-test-connections": true },
          connected.map((e) => {
            const other = e.source === n.id ? e.target : e.source;
            const li = h(
              "li",
              {},
              h(
                "button",
                { class: "link", "data-test-edge": e.id },
                `${EDGE_STYLES[e.type].label.split(" (")[0]}${e.source === n.id ? " →" : " ←"}`,
              ),
              " ",
              link(other),
              e.role ? h("span", { class: "muted" }, ` · ${e.role}`) : null,
              e.type === "FUNDS" ? h("span", { class: "money" }, ` · ${formatMoney(e.amount, e.currency)}`) : null,
              dateRange(e.startDate, e.endDate) ? h("span", { class: "muted" }, ` · ${dateRange(e.startDate, e.endDate)}`) : null,
            );
            li.querySelector("[data-test-edge]")!.addEventListener("click", () => deps.onSelect(e.id));
            return li;
          }),
        ),
      ),
    );
  }

  function renderEdge(e: GraphEdge): void {
    const funds = e.type === "FUNDS";
    element.replaceChildren(
      h(
        "div",
        { "data-test-details": "edge", "data-test-edge-id": e.id },
        h("h2", { "data-test-details-title": true }, EDGE_STYLES[e.type].label),
        funds
          ? h(
              "p",
              { class: "funding-sentence", "data-test-funding-sentence": true },
              link(e.source),
              " fördert ",
              link(e.target),
              " mit ",
              h("strong", { "data-test-amount": true, title: e.amount === null ? "unknown" : "" }, formatMoney(e.amount, e.currency)),
              e.period ? ` (${e.period})` : "",
              ".",
            )
          : h("p", {}, link(e.source), " → ", link(e.target)),
        h(
          "table",
          { class: "props" },
          e.role ? h("tr", {}, h("th", {}, "Rolle"), h("td", {}, e.role)) : null,
          dateRange(e.startDate, e.endDate) ? h("tr", {}, h("th", {}, "Zeitraum"), h("td", {}, dateRange(e.startDate, e.endDate))) : null,
          funds ? h("tr", {}, h("th", {}, "Betrag"), h("td", {}, formatMoney(e.amount, e.currency))) : null,
          e.amountEur !== null && e.currency !== "EUR"
            ? h("tr", {}, h("th", {}, "in EUR"), h("td", {}, formatMoney(e.amountEur, "EUR")))
            : null,
          e.status ? h("tr", {}, h("th", {}, "Status"), h("td", {}, statusBadge(e.status))) : null,
          e.period ? h("tr", {}, h("th", {}, "Periode"), h("td", {}, e.period)) : null,
          e.purpose ? h("tr", {}, h("th", {}, "Zweck"), h("td", {}, e.purpose)) : null,
        ),
        h("h3", {}, `Quellen (${e.citations.length})`),
        citationList(e.citations),
      ),
    );
  }

  renderEmpty();
  const off = view.events.on("select", (sel) => {
    if (!sel) renderEmpty();
    else if (sel.kind === "node") renderNode(sel.node);
    else renderEdge(sel.edge);
    element.scrollTop = 0;
  });
  return () => {
    off();
    element.replaceChildren();
  };
}
