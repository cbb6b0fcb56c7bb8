/**
 * Puts the widget into its shadow root: the launcher and, once opened, the dialog. The host is a
 * custom element (`<edgechat-widget>`), so page rules for `div` or `button` never match it.
 * Focus moves into the dialog on open and back to the launcher on close.
 */
import type { Placement } from "../../../../worker/rules/widget-placement";
import type { WidgetBranding } from "../branding";
import type { WidgetController } from "../controller";
import { css } from "../styles";
import { chatDialog } from "./chat-dialog";
import { launcher } from "./launcher";
import { adoptStyles } from "./stylesheet";

export function mount(widget: WidgetController, brand: WidgetBranding, placement: Placement): void {
  const host = document.createElement("edgechat-widget");
  host.id = "edgechat";
  host.lang = widget.cfg.locale === "zh" ? "zh-CN" : "en";
  host.dir = "ltr";
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: "open" });
  const l = launcher(widget, brand);
  adoptStyles(root, css(placement, brand));
  root.append(...l.els);
  let dialog: ReturnType<typeof chatDialog> | null = null;
  let wasOpen = false;

  const render = () => {
    const open = widget.isOpen && !!widget.chat;
    l.update(open);
    if (open && !dialog) {
      dialog = chatDialog(
        widget.t,
        brand,
        widget.cfg.apiOrigin,
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
    if (!open && wasOpen) l.button.focus();
    wasOpen = open;
  };
  widget.subscribe(render);
  render();
}
