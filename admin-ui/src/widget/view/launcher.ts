/**
 * The floating launcher: the channel's label (or an icon only), an unread badge with the count,
 * and a preview bubble with the latest reply that arrived while the dialog was closed (text
 * only; a click opens the chat, × dismisses it).
 */
import type { WidgetBranding } from "../branding";
import type { WidgetController } from "../controller";
import { h, show } from "./dom";

export function launcher(widget: WidgetController, brand: WidgetBranding) {
  const t = widget.t;
  const label = brand.launcherLabel;
  const badge = h("span", { class: "badge", "aria-hidden": "true" });
  const button = h(
    "button",
    { type: "button", class: label ? "launcher" : "launcher icon", onclick: () => widget.open() },
    icon(),
    label || null,
    badge,
  );
  const previewText = h("span");
  const preview = h(
    "div",
    { class: "preview", role: "status" },
    h(
      "button",
      { type: "button", class: "open", onclick: () => widget.open() },
      h("span", { class: "sr" }, t.newMessage),
      previewText,
    ),
    h(
      "button",
      { type: "button", class: "dismiss", "aria-label": t.dismiss, onclick: () => widget.dismissPreview() },
      "×",
    ),
  );

  function update(open: boolean) {
    const n = widget.unread;
    button.hidden = open;
    show(badge, n ? (n > 99 ? "99+" : String(n)) : "");
    const name = label || t.openChat;
    button.setAttribute("aria-label", n ? `${name} (${t.unread(n)})` : name);
    previewText.textContent = widget.preview ?? "";
    preview.hidden = open || !widget.preview;
  }

  return { els: [preview, button], button, update };
}

function icon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const s = document.createElementNS(ns, "svg");
  s.setAttribute("viewBox", "0 0 24 24");
  s.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z");
  s.appendChild(p);
  return s;
}
