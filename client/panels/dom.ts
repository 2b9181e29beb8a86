/** A tiny element builder for the panels: h("button", { "data-test-x": "" }, "Text"). */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** An accessible status line: loading, empty and error states are never blank. */
export function statusLine(el: HTMLElement, kind: "idle" | "loading" | "empty" | "error", text = ""): void {
  el.dataset.state = kind;
  el.textContent = text;
  el.hidden = kind === "idle";
}
