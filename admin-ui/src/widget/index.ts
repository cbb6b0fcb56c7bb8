/**
 * `widget.js`: one script tag embeds the chat on any page.
 *
 *   <script src="https://HOST/widget.js" data-channel="CHANNEL_ID" data-locale="en"
 *           data-position="bottom-right" data-offset="20,20" async></script>
 *
 * The API origin is the script's own origin. The public API (`window.EdgeChat`) exists as soon as
 * the script runs; the UI is built when the browser is idle and the channel's branding has come
 * (or not, within a few seconds), inside a shadow root so host page styles and widget styles never
 * meet. An `edgechat:ready` event fires on `window` once the API is there.
 */
import { parsePlacement } from "../../../worker/rules/widget-placement";
import { loadBranding } from "./branding";
import { WidgetController } from "./controller";
import { en, pickLocale } from "./i18n";
import { loadPart } from "./parts";
import { mount } from "./view/mount";

/** The object integrators use. */
export type EdgeChatApi = {
  setUser(user: { name?: string; identityToken?: string }): void;
  open(): void;
  close(): void;
  on(event: "open" | "close" | "message" | "stateChange", cb: (arg?: unknown) => void): () => void;
};

declare global {
  interface Window {
    EdgeChat?: EdgeChatApi;
  }
}

function boot() {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-channel][src*="widget.js"]');
  const channelId = script?.dataset.channel;
  if (!script || !channelId) {
    console.error('EdgeChat: add data-channel="CHANNEL_ID" to the widget script tag');
    return;
  }
  const apiOrigin = new URL(script.src, location.href).origin;
  const placement = parsePlacement(script.dataset.position, script.dataset.offset);
  for (const problem of placement.problems) console.warn(`EdgeChat: ${problem}; using the default`);
  const branding = loadBranding(apiOrigin, channelId, (input, init) => fetch(input, init));
  const widget = new WidgetController({
    apiOrigin,
    channelId,
    locale: pickLocale(script.dataset.locale ?? script.getAttribute("locale"), navigator.language),
  });
  window.EdgeChat = {
    setUser: (u) => widget.setUser(u),
    open: () => widget.open(),
    close: () => widget.close(),
    on: (event, cb) => widget.on(event, cb),
  };
  // Chinese texts are a part of their own, loaded with the branding (English if it fails)
  const zh =
    widget.cfg.locale === "zh"
      ? loadPart(apiOrigin, "zh").then(
          (p) => p.texts,
          () => en,
        )
      : en;
  const start = () =>
    void Promise.all([branding, zh]).then(([brand, t]) => {
      widget.t = t;
      mount(widget, brand, placement);
      widget.restore();
    });
  const idle = (cb: () => void) =>
    "requestIdleCallback" in window ? requestIdleCallback(cb, { timeout: 2000 }) : setTimeout(cb, 1);
  if (document.body) idle(start);
  else document.addEventListener("DOMContentLoaded", () => idle(start), { once: true });
  window.dispatchEvent(new Event("edgechat:ready"));
}

boot();
