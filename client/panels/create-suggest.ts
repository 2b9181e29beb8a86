/**
 * Suggestions as you type, through the API's `search` (umlaut- and typo-tolerant on the server).
 * Arrow keys move, Enter chooses, Escape closes. Used by search, paths and funding pickers.
 */
import type { Api } from "../api/operations.ts";
import type { EntityType, GraphNode } from "../api/types.ts";
import { TYPE_STYLES } from "../graph/stylesheet.ts";
import { h, statusLine } from "./dom.ts";

export interface Suggest {
  element: HTMLElement;
  input: HTMLInputElement;
  chosen: GraphNode | null;
  set(node: GraphNode | null): void;
  dispose(): void;
}

export function createSuggest(
  api: Api,
  opts: { placeholder: string; testId: string; label: string; types?: EntityType[]; onChoose: (node: GraphNode) => void },
): Suggest {
  const input = h("input", {
    type: "search",
    placeholder: opts.placeholder,
    "aria-label": opts.label,
    autocomplete: "off",
    role: "combobox",
    "aria-expanded": "false",
    [`data-test-${opts.testId}-input`]: true,
  });
  const list = h("ul", { class: "suggestions", role: "listbox", [`data-test-${opts.testId}-suggestions`]: true });
  const status = h("div", { class: "status", role: "status", [`data-test-${opts.testId}-status`]: true });
  const element = h("div", { class: "suggest" }, input, list, status);
  list.hidden = true;
  statusLine(status, "idle");
  let hits: GraphNode[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const suggest: Suggest = {
    element,
    input,
    chosen: null,
    set(node) {
      suggest.chosen = node;
      input.value = node ? node.name : "";
      close();
    },
    dispose() {
      clearTimeout(timer);
      element.remove();
    },
  };

  function close(): void {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  }

  function choose(node: GraphNode): void {
    suggest.set(node);
    opts.onChoose(node);
  }

  function render(): void {
    list.replaceChildren(
      ...hits.map((n, i) => {
        const li = h(
          "li",
          { role: "option", "aria-selected": i === active, "data-test-suggestion": n.id, class: i === active ? "active" : "" },
          h("span", { class: "dot", style: `background:${TYPE_STYLES[n.type].colour}` }),
          h("span", { class: "name" }, n.name),
          h("span", { class: "type" }, n.kind ?? TYPE_STYLES[n.type].label),
        );
        li.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          choose(n);
        });
        return li;
      }),
    );
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }

  async function run(q: string): Promise<void> {
    const mine = ++seq;
    statusLine(status, "loading", "Suche …");
    try {
      const found = await api.search(q, 8, opts.types);
      if (mine !== seq) return;
      hits = found.map((f) => f.node);
      active = hits.length ? 0 : -1;
      render();
      statusLine(status, hits.length ? "idle" : "empty", hits.length ? "" : `Nichts gefunden für „${q}“`);
    } catch (e) {
      if (mine !== seq) return;
      hits = [];
      render();
      statusLine(status, "error", (e as Error).message);
    }
  }

  input.addEventListener("input", () => {
    suggest.chosen = null;
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      hits = [];
      render();
      statusLine(status, "idle");
      return;
    }
    timer = setTimeout(() => void run(q), 180);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + hits.length) % hits.length;
      render();
    } else if (ev.key === "Enter") {
      const n = hits[active] ?? hits[0];
      if (n) {
        ev.preventDefault();
        choose(n);
      }
    } else if (ev.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  return suggest;
}
