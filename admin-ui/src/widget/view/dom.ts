/** A tiny element builder for the widget's plain-DOM views (no framework keeps widget.js small). Text always goes in as text nodes. */

type Child = Node | string | null | false | undefined;
type Props = Record<string, string | number | boolean | null | undefined | EventListener>;

/** `h("button", {class: "x", onclick: fn, "aria-label": "Close"}, "✕")`. Attributes for values, listeners for `on*`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false && v != null) el.setAttribute(k, String(v));
  }
  for (const c of children) if (c) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

/** Sets text and visibility in one step: hidden when `text` is empty. */
export function show(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
  el.hidden = !text;
}
