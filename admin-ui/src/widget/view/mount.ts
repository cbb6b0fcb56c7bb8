/** Puts the widget into its shadow root: the floating launcher button and, once opened, the dialog. Focus moves into the dialog on open and back to the launcher on close. */
import type { WidgetController } from "../controller";
import { css } from "../styles";
import { chatDialog } from "./chat-dialog";
import { h } from "./dom";
import { adoptStyles } from "./stylesheet";

export function mount(widget: WidgetController): void {
  const host = h("div", { id: "edgechat", lang: widget.cfg.locale === "zh" ? "zh-CN" : "en" });
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: "open" });
  const t = widget.t;
  const badge = h("span", { class: "sr" });
  const launcher = h(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-label": t.openChat,
      title: t.title,
      onclick: () => widget.open(),
    },
    svg(),
    badge,
  );
  adoptStyles(root, css);
  root.append(launcher);
  let dialog: ReturnType<typeof chatDialog> | null = null;
  let wasOpen = false;

  const render = () => {
    const open = widget.isOpen && !!widget.chat;
    launcher.hidden = open;
    badge.textContent = widget.unread ? String(widget.unread) : "";
    if (open && !dialog) {
      dialog = chatDialog(
        t,
        () => widget.chat!,
        () => widget.close(),
      );
      root.append(dialog.el);
    }
    if (dialog) {
      dialog.el.hidden = !open;
      if (open) dialog.update();
    }
    if (open && !wasOpen) dialog?.focus();
    if (!open && wasOpen) launcher.focus();
    wasOpen = open;
  };
  widget.subscribe(render);
  render();
}

function svg(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const s = document.createElementNS(ns, "svg");
  s.setAttribute("viewBox", "0 0 24 24");
  s.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z");
  s.appendChild(p);
  return s;
}
