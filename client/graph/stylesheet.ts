/**
 * The stylesheet as data: node shape and colour per entity type (organisation kinds in their own
 * shades, funders ringed in red), edge colour and line per relationship type, funding status as
 * line style, and the state classes the panels toggle (highlighted, faded, hidden-*, path, flow).
 * The legend reads the same tables. Large graphs get the same sheet with a few rules that make
 * drawing cheaper (largeGraphStylesheet).
 */
import type { StylesheetJson } from "cytoscape";
import type { EntityType, RelationshipType } from "../api/types.ts";
import { BLANK_IMAGE, FADED_OPACITY } from "./canvas-layers.ts";

export const TYPE_STYLES: Record<EntityType, { colour: string; shape: string; label: string }> = {
  Organisation: { colour: "#4c78a8", shape: "round-rectangle", label: "Organisation" },
  Person: { colour: "#f58518", shape: "ellipse", label: "Person" },
  Cluster: { colour: "#54a24b", shape: "hexagon", label: "Cluster" },
  Ministry: { colour: "#c8102e", shape: "star", label: "Ministerium / Fördergeber" },
  Project: { colour: "#b279a2", shape: "round-tag", label: "Projekt" },
  Topic: { colour: "#9d9d9d", shape: "ellipse", label: "Thema" },
  Place: { colour: "#72b7b2", shape: "triangle", label: "Ort" },
  Source: { colour: "#bab0ac", shape: "barrel", label: "Quelle" },
};

/** Organisation kinds: shades so companies, research, public bodies and associations read apart. */
export const KIND_COLOURS: Record<string, string> = {
  company: "#4c78a8",
  "research-institute": "#1f9e89",
  university: "#1f9e89",
  "public-agency": "#6a51a3",
  "economic-development-agency": "#8c6bb1",
  municipality: "#6a51a3",
  association: "#2c7fb8",
  chamber: "#2c7fb8",
  union: "#2c7fb8",
  "cluster-management": "#41ab5d",
  network: "#41ab5d",
  utility: "#e6ab02",
  bank: "#a6761d",
  "political-group": "#e7298a",
};

export const EDGE_STYLES: Record<RelationshipType, { colour: string; line: "solid" | "dashed" | "dotted"; label: string }> = {
  MEMBER_OF: { colour: "#54a24b", line: "solid", label: "Mitglied (MEMBER_OF)" },
  BOARD_MEMBER_OF: { colour: "#f58518", line: "solid", label: "Vorstand (BOARD_MEMBER_OF)" },
  HOLDS_POSITION: { colour: "#e45756", line: "solid", label: "Position (HOLDS_POSITION)" },
  FUNDS: { colour: "#c8102e", line: "solid", label: "Förderung (FUNDS)" },
  SUPPORTS: { colour: "#b279a2", line: "dashed", label: "Unterstützung (SUPPORTS)" },
  PARTICIPATES_IN: { colour: "#4c78a8", line: "solid", label: "Beteiligt (PARTICIPATES_IN)" },
  PART_OF: { colour: "#6b6b6b", line: "solid", label: "Teil von (PART_OF)" },
  LOCATED_IN: { colour: "#72b7b2", line: "dotted", label: "Ort (LOCATED_IN)" },
  FOCUSES_ON: { colour: "#c0c0c0", line: "dotted", label: "Thema (FOCUSES_ON)" },
  AFFILIATED_WITH: { colour: "#9467bd", line: "dashed", label: "Verbunden (AFFILIATED_WITH)" },
  SIMILAR_TO: { colour: "#d0d0d0", line: "dotted", label: "Ähnlich (SIMILAR_TO)" },
};

/** The classes that hide an element (display: none); nothing else hides one. */
export const HIDING_CLASSES = ["hidden-type", "hidden-edge-type", "hidden-time", "hidden-collapsed", "hidden-mode"];

/**
 * How large graphs are drawn (LARGE_GRAPH_MIN elements or more): cheaper, labels only when zoomed in,
 * and a blank background image that keeps the renderer's layered cache valid (canvas-layers.ts).
 */
const LARGE_NODE: StylesheetJson[number] = {
  selector: "node",
  style: { "border-width": 0, "min-zoomed-font-size": 14, "text-outline-width": 1 },
};
/** Invisible (drawn at size 0): keeps the canvas renderer's layered cache valid (see BLANK_IMAGE). */
const LARGE_NODE_BLANK_IMAGE: StylesheetJson[number] = {
  selector: "node",
  style: {
    "background-image": BLANK_IMAGE,
    "background-width": 0,
    "background-height": 0,
    "background-clip": "none",
    "background-image-opacity": 0,
  },
};
const LARGE_EDGE: StylesheetJson[number] = {
  selector: "edge",
  style: { "curve-style": "haystack", "haystack-radius": 0, "target-arrow-shape": "none", "min-zoomed-font-size": 14 },
};
/** Marked or flowing edges keep their arrows in large graphs: few, and their direction matters. */
const LARGE_MARKED_EDGE: StylesheetJson[number] = {
  selector: "edge.highlighted, edge.path, edge.flow",
  style: { "curve-style": "bezier", "target-arrow-shape": "triangle" },
};

const BASE_NODE: StylesheetJson[number] = {
  selector: "node",
  style: {
    label: "data(label)",
    width: "data(sizeDegree)",
    height: "data(sizeDegree)",
    "font-family": "system-ui, sans-serif",
    "font-size": 10,
    color: "#1d1d1d",
    "text-valign": "bottom",
    "text-margin-y": 3,
    "text-wrap": "ellipsis",
    "text-max-width": "120px",
    "text-outline-color": "#ffffff",
    "text-outline-width": 2,
    "border-width": 1,
    "border-color": "#ffffff",
    "min-zoomed-font-size": 5,
  },
};

const NODE_RULES: StylesheetJson = [
  ...(Object.entries(TYPE_STYLES).map(([type, s]) => ({
    selector: `node.${type}`,
    style: { "background-color": s.colour, shape: s.shape },
  })) as StylesheetJson),
  ...(Object.entries(KIND_COLOURS).map(([kind, colour]) => ({
    selector: `node.Organisation.kind-${kind}`,
    style: { "background-color": colour },
  })) as StylesheetJson),
  { selector: "node.Cluster", style: { "font-size": 13, "font-weight": "bold" } },
  { selector: "node.funder", style: { "border-width": 4, "border-color": "#7a0019", "font-weight": "bold", "font-size": 12 } },
  { selector: "node.size-funding", style: { width: "data(sizeFunding)", height: "data(sizeFunding)" } },
];

const BASE_EDGE: StylesheetJson[number] = {
  selector: "edge",
  style: {
    width: "data(width)",
    "curve-style": "bezier",
    "target-arrow-shape": "triangle",
    "arrow-scale": 0.8,
    "line-color": "#b0b0b0",
    "target-arrow-color": "#b0b0b0",
    opacity: 0.85,
    "font-size": 9,
    "text-rotation": "autorotate",
    "text-outline-color": "#ffffff",
    "text-outline-width": 2,
    "min-zoomed-font-size": 5,
  },
};

const EDGE_RULES: StylesheetJson = [
  ...(Object.entries(EDGE_STYLES).map(([type, s]) => ({
    selector: `edge.${type}`,
    style: { "line-color": s.colour, "target-arrow-color": s.colour, "line-style": s.line },
  })) as StylesheetJson),
  { selector: "edge.FUNDS", style: { label: "data(label)", color: "#7a0019", "font-weight": "bold", opacity: 1 } },
  { selector: "edge.status-intended, edge.status-announced", style: { "line-style": "dashed", "line-dash-pattern": [8, 4] } },
  { selector: "edge.status-proposed", style: { "line-style": "dotted" } },
  { selector: "edge.amount-unknown", style: { "line-color": "#e39aa5", "target-arrow-color": "#e39aa5" } },
];

const STATE_RULES: StylesheetJson = [
  { selector: HIDING_CLASSES.map((c) => `.${c}`).join(", "), style: { display: "none" } },
  { selector: ".faded", style: { opacity: FADED_OPACITY, "text-opacity": 0.1 } },
  {
    selector: "node.highlighted",
    style: { "border-width": 5, "border-color": "#ffbf00", "z-index": 10, "font-size": 14, "font-weight": "bold" },
  },
  {
    selector: "edge.highlighted",
    style: { "line-color": "#ffbf00", "target-arrow-color": "#ffbf00", width: 5, opacity: 1, label: "data(type)", "z-index": 10 },
  },
  { selector: "node.path", style: { "border-width": 5, "border-color": "#ff7f00", "z-index": 10 } },
  { selector: "edge.path", style: { "line-color": "#ff7f00", "target-arrow-color": "#ff7f00", width: 6, opacity: 1, "z-index": 10 } },
  { selector: "edge.flow", style: { width: "data(width)", opacity: 1, label: "data(label)" } },
  { selector: ":selected", style: { "overlay-color": "#ffbf00", "overlay-opacity": 0.25, "overlay-padding": 6 } },
];

export const stylesheet: StylesheetJson = [BASE_NODE, ...NODE_RULES, BASE_EDGE, ...EDGE_RULES, ...STATE_RULES];

/**
 * The same, with the large-graph rules after each base rule (type colours, shapes, funders and
 * states still win); for the canvas renderer.
 */
export const largeGraphStylesheet: StylesheetJson = [
  BASE_NODE,
  LARGE_NODE,
  LARGE_NODE_BLANK_IMAGE,
  ...NODE_RULES,
  BASE_EDGE,
  LARGE_EDGE,
  ...EDGE_RULES,
  ...STATE_RULES,
  LARGE_MARKED_EDGE,
];

/** Marked elements keep their place in the drawing order (see layeredGraphStylesheet). */
const MARKED_IN_PLACE: StylesheetJson[number] = { selector: ".highlighted, .path", style: { "z-index": 0 } };

/**
 * For graphs drawn from the canvas renderer's layered cache (create-graph-view's LAYERED_CACHE_MIN):
 * marked elements keep their place in the drawing order, since a change of it discards the cache;
 * they are drawn over the others anyway, on the renderer's top canvas (canvas-layers.ts drawStatesOnTop).
 */
export const layeredGraphStylesheet: StylesheetJson = [...largeGraphStylesheet, MARKED_IN_PLACE];

/**
 * The normal stylesheet for a graph below LARGE_GRAPH_MIN drawn from the layered cache: labels and
 * borders as for a small graph, with the blank image and the marked elements' place of the large ones.
 */
export const layeredStylesheet: StylesheetJson = [
  BASE_NODE,
  LARGE_NODE_BLANK_IMAGE,
  ...NODE_RULES,
  BASE_EDGE,
  ...EDGE_RULES,
  ...STATE_RULES,
  MARKED_IN_PLACE,
];

/** For the WebGL renderer: without the blank image, which only the canvas renderer's cache needs. */
export const largeGraphStylesheetWebgl: StylesheetJson = largeGraphStylesheet.filter((rule) => rule !== LARGE_NODE_BLANK_IMAGE);
