/**
 * Draws a SankeyLayout as SVG: node bars in their type's colour with name and amount, bands whose
 * look says the status (committed solid; intended/announced hatched with a dashed outline; proposed
 * grey-hatched and dotted), unknown amounts as a thin band labelled "unbekannt". Bands are focusable
 * buttons: hover or focus reports the flow, click or Enter selects its edge.
 */
import type { SankeyLayout, SankeyLink, SankeyNode } from "../graph/sankey-layout.ts";
import { formatMoneyShort, UNKNOWN_AMOUNT } from "../graph/format-money.ts";
import { TYPE_STYLES } from "../graph/stylesheet.ts";

const NS = "http://www.w3.org/2000/svg";
type Attrs = Record<string, string | number | null | undefined>;

function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

export interface SankeyHandlers {
  onHover(link: SankeyLink | null, at: { x: number; y: number }): void;
  onChoose(link: SankeyLink): void;
}

/** committed/completed, intended/announced, proposed, or no status. */
export function statusClass(status: string | null): "committed" | "intended" | "proposed" | "none" {
  if (status === "committed" || status === "completed") return "committed";
  if (status === "intended" || status === "announced") return "intended";
  if (status === "proposed") return "proposed";
  return "none";
}

function bandPath(l: SankeyLink): string {
  const xm = (l.x0 + l.x1) / 2;
  const w = l.width;
  return `M${l.x0},${l.y0}C${xm},${l.y0} ${xm},${l.y1} ${l.x1},${l.y1}L${l.x1},${l.y1 + w}C${xm},${l.y1 + w} ${xm},${l.y0 + w} ${l.x0},${l.y0 + w}Z`;
}

function hatch(id: string, colour: string, bg: string): SVGPatternElement {
  return s(
    "pattern",
    { id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    s("rect", { width: 6, height: 6, fill: bg }),
    s("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: colour, "stroke-width": 2.5 }),
  );
}

function amountText(eur: number, unknown: number): string {
  if (!unknown) return formatMoneyShort(eur, "EUR");
  if (!eur) return unknown === 1 ? UNKNOWN_AMOUNT : `${unknown}× ${UNKNOWN_AMOUNT}`;
  return `${formatMoneyShort(eur, "EUR")} + ${unknown}× ${UNKNOWN_AMOUNT}`;
}

/** One label per source–target pair of direct bands, at the target end, pushed apart so none overlap. */
function bandLabels(layout: SankeyLayout): SVGTextElement[] {
  const pairs = new Map<string, SankeyLink[]>();
  for (const l of layout.links) {
    if (layout.nodes.find((n) => n.id === l.source)?.column !== 0) continue;
    const key = `${l.source}|${l.target}`;
    pairs.set(key, [...(pairs.get(key) ?? []), l]);
  }
  const labels = [...pairs.values()].map((ls) => {
    const first = ls[0]!;
    const last = ls[ls.length - 1]!;
    const eur = ls.reduce((t, l) => t + (l.eur ?? 0), 0);
    const foreign = ls.filter((l) => l.kind === "foreign").map((l) => formatMoneyShort(l.amount, l.currency));
    const text = [
      eur || ls.every((l) => l.kind === "known") ? formatMoneyShort(eur, "EUR") : "",
      ...foreign,
      ls.some((l) => l.kind === "unknown") ? amountText(0, ls.filter((l) => l.kind === "unknown").length) : "",
    ]
      .filter(Boolean)
      .join(" + ");
    const thickness = last.y1 + last.width - first.y1;
    // On a thin band the label would cover it: it goes just above.
    const y = thickness < 14 ? first.y1 - 8 : (first.y1 + last.y1 + last.width) / 2;
    return { x: first.x1 - 6, y, text, ls };
  });
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + 14);
  return labels.map((b) =>
    s(
      "text",
      {
        x: b.x,
        y: b.y,
        dy: "0.35em",
        "text-anchor": "end",
        class: `band-label${b.ls.some((l) => l.kind !== "known") ? " unknown" : ""}`,
        "data-test-band-label": b.ls.map((l) => l.edgeId).join(" "),
      },
      b.text,
    ),
  );
}

function nodeLabel(n: SankeyNode, layout: SankeyLayout, root: SankeyNode | undefined): SVGTextElement {
  const last = n.column === layout.columns.length - 1;
  const next = layout.columns[n.column + 1];
  const tall = n.height > 60;
  // Beside a short node the band's amount label needs the far half of the gap.
  const room = ((next ? next.x : layout.width) - n.x - n.width - 10) * (next && !tall ? 0.5 : 1);
  const eur = n.column === 0 ? n.eurOut : n.eurIn;
  const unknown = n.column === 0 ? n.unknownOut : n.unknownIn;
  const amount = amountText(eur, unknown);
  const name = `${n.partOf ? "↳ " : ""}${n.node.name}`;
  const x = n.x + n.width + 5;
  // A tall funder's label sits at its top, leaving the band's middle to the amount.
  const y = n.column === 0 && tall ? n.y + 12 : n.y + n.height / 2 - (last ? 0 : 7);
  if (last) {
    return s(
      "text",
      { x, y, dy: "0.35em", class: "node-label", "data-fit": room, "data-alias": shortAlias(n) },
      s("tspan", { class: "name" }, name),
      s("tspan", { class: "amount" }, ` · ${amount}`),
    );
  }
  return s(
    "text",
    { x, y, dy: "0.35em", class: "node-label" },
    s("tspan", { class: "name", "data-fit": room, "data-alias": shortAlias(n) }, name),
    s("tspan", { x, dy: "1.2em", class: "amount", "data-fit": room }, n.partOf && root ? `${amount} · Teil von ${root.node.name}` : amount),
  );
}

/** A short spelling (an acronym such as MWIDE) for a long name, if the node has one. */
function shortAlias(n: SankeyNode): string | null {
  const short = n.node.aliases
    .filter((a) => a.length >= 2 && a.length < n.node.name.length && a.length <= 16)
    .sort((a, b) => b.length - a.length);
  return short[0] ?? null;
}

/**
 * Shortens the names in labels marked data-fit (their room in px) until they fit, measuring the
 * drawn text; call it once the SVG is in the document.
 */
export function fitLabels(svg: SVGSVGElement): void {
  for (const el of svg.querySelectorAll<SVGTextContentElement>("[data-fit]")) {
    const room = Number(el.getAttribute("data-fit"));
    const name = el.tagName === "text" ? el.querySelector<SVGTSpanElement>("tspan.name") : el;
    if (!name?.textContent) continue;
    const full = name.textContent;
    const alias = el.getAttribute("data-alias");
    if (el.getComputedTextLength() > room && alias) {
      name.textContent = `${full.startsWith("↳ ") ? "↳ " : ""}${alias}`;
      if (el.getComputedTextLength() <= room) continue;
      name.textContent = full;
    }
    let keep = full.length;
    while (el.getComputedTextLength() > room && keep > 3) {
      keep--;
      name.textContent = `${full.slice(0, keep).trimEnd()}…`;
    }
  }
}

export function renderSankey(layout: SankeyLayout, handlers: SankeyHandlers): SVGSVGElement {
  const svg = s("svg", {
    width: layout.width,
    height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    class: "sankey",
    role: "img",
    "aria-label": "Sankey-Diagramm der Förderflüsse",
    "data-test-sankey": "",
  });
  svg.append(s("defs", {}, hatch("hatch-intended", "#c8102e", "#fbe3e6"), hatch("hatch-proposed", "#8a8a8a", "#f0f0f0")));
  for (const c of layout.columns) {
    svg.append(
      s(
        "text",
        { x: c.x, y: 12, class: "column-title", "data-test-sankey-column": c.index },
        c.title,
        s("tspan", { x: c.x, dy: "1.25em", class: "amount" }, amountText(c.eur, c.unknown)),
      ),
    );
  }
  const bands = s("g", { class: "bands" });
  for (const l of layout.links) {
    const from = layout.nodes.find((n) => n.id === l.source)!.node.name;
    const to = layout.nodes.find((n) => n.id === l.target)!.node.name;
    const amount = l.kind === "unknown" ? UNKNOWN_AMOUNT : formatMoneyShort(l.amount, l.currency);
    const path = s("path", {
      d: bandPath(l),
      class: `band status-${statusClass(l.status)} kind-${l.kind}`,
      tabindex: 0,
      role: "button",
      "aria-label": `${from} → ${to}: ${amount}${l.status ? ` (${l.status})` : ""}`,
      "data-test-band": l.edgeId,
      "data-test-band-source": l.source,
      "data-test-band-target": l.target,
      "data-test-band-kind": l.kind,
      "data-test-band-status": l.status ?? "",
    });
    const at = (ev?: MouseEvent) =>
      ev
        ? { x: ev.clientX, y: ev.clientY }
        : (() => {
            const r = path.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          })();
    path.addEventListener("mousemove", (ev) => handlers.onHover(l, at(ev)));
    path.addEventListener("mouseleave", () => handlers.onHover(null, { x: 0, y: 0 }));
    path.addEventListener("focus", () => handlers.onHover(l, at()));
    path.addEventListener("blur", () => handlers.onHover(null, { x: 0, y: 0 }));
    path.addEventListener("click", () => handlers.onChoose(l));
    path.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter" && ev.key !== " ") return;
      ev.preventDefault();
      handlers.onChoose(l);
    });
    bands.append(path);
  }
  svg.append(bands);
  const root = layout.nodes.find((n) => n.isRoot);
  const nodes = s("g", { class: "nodes" });
  for (const n of layout.nodes) {
    nodes.append(
      s(
        "g",
        { class: "sankey-node", "data-test-sankey-node": n.id },
        s("title", {}, n.node.name),
        s("rect", { x: n.x, y: n.y, width: n.width, height: Math.max(n.height, 2), fill: TYPE_STYLES[n.node.type].colour, rx: 2 }),
        nodeLabel(n, layout, root),
      ),
    );
  }
  svg.append(nodes, s("g", { class: "band-labels" }, ...bandLabels(layout)));
  return svg;
}
