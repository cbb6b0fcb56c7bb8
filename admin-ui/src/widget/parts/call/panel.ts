/**
 * The call inside the chat dialog: "Calling…" / waiting, then the other side's video (or just
 * their voice), the customer's own preview, the call timer, mute, camera off and hang up; after
 * the call, why it ended. Plain DOM like the rest of the widget; its styles join the widget's
 * shadow root as a constructed stylesheet (host pages' CSP may refuse inline styles).
 */
import type { CallMedia } from "../../../../../worker/realtime/protocol";
import { h, show } from "../../view/dom";
import { Caller, type ChatLink } from "./caller";
import { callTexts } from "./texts";

const STYLE = `.call{border-bottom:1px solid #e5e7eb;padding:8px 12px;display:flex;flex-direction:column;gap:6px;background:#f7f8fa}
.call .stage{position:relative;background:#111;border-radius:10px;overflow:hidden;height:190px}
.call .stage video.remote{width:100%;height:100%;object-fit:cover;display:block}
.call .stage video.self{position:absolute;right:6px;bottom:6px;width:84px;height:63px;object-fit:cover;border-radius:6px;border:2px solid #fff;background:#333;transform:scaleX(-1)}
.call .row{display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.call .row .call-status{flex:1;font-size:13px;font-weight:600;min-width:36px}
.call .hangup{background:#d93025;color:#fff}
.call .note{font-size:12px;color:#59636e}
.call .message{font-size:12px;flex:1}
.call .message.failed{color:#c62828}`;

/** The call panel; `onChange` lets the dialog hide its call buttons while a call is on. */
export function callPanel(lang: "en" | "zh", apiOrigin: string, chat: () => ChatLink, onChange: () => void) {
  const t = callTexts(lang);
  const caller = new Caller({ apiOrigin, chat, texts: t });
  const remoteVideo = h("video", { class: "remote", autoplay: true, playsinline: true });
  const selfVideo = h("video", { class: "self", autoplay: true, playsinline: true, "aria-label": t.you });
  selfVideo.muted = true;
  const remoteAudio = h("audio", { autoplay: true });
  const stage = h("div", { class: "stage" }, remoteVideo, selfVideo);
  const status = h("span", { class: "call-status", role: "status" });
  const note = h("span", { class: "note" });
  const mic = h("button", { type: "button", "aria-pressed": "false", onclick: () => caller.toggleMic() });
  const cam = h("button", { type: "button", "aria-pressed": "false", onclick: () => caller.toggleCam() });
  const hangUp = h("button", { type: "button", class: "hangup", onclick: () => caller.hangUp() }, t.hangUp);
  const message = h("span", { class: "message", role: "status" });
  const close = h("button", { type: "button", onclick: () => caller.dismiss() }, t.close);
  const el = h(
    "section",
    { class: "call", "aria-label": "Call" },
    stage,
    remoteAudio,
    h("div", { class: "row" }, status, mic, cam, hangUp),
    note,
    h("div", { class: "row" }, message, close),
  );
  let ticker: ReturnType<typeof setInterval> | null = null;

  const attach = (media: HTMLMediaElement, stream: MediaStream | null) => {
    if (media.srcObject !== stream) media.srcObject = stream;
  };

  function update() {
    const s = caller.state;
    const live = caller.active;
    const video = caller.media === "video";
    el.hidden = s === "idle";
    stage.hidden = !(live && video);
    attach(selfVideo, video ? caller.local : null);
    attach(video ? remoteVideo : remoteAudio, caller.remote);
    const seconds = caller.connectedAt === null ? 0 : Math.floor((Date.now() - caller.connectedAt) / 1000);
    show(
      status,
      s === "connected"
        ? t.duration(seconds)
        : s === "queued"
          ? t.queued
          : s === "media" || s === "placing" || s === "ringing"
            ? t.calling
            : "",
    );
    show(note, s === "connected" && !caller.agentMedia.audio ? t.agentMuted : "");
    mic.hidden = cam.hidden = hangUp.hidden = !live;
    cam.hidden ||= !video;
    mic.textContent = caller.micOn ? t.mute : t.unmute;
    mic.setAttribute("aria-pressed", String(!caller.micOn));
    cam.textContent = caller.camOn ? t.cameraOff : t.cameraOn;
    cam.setAttribute("aria-pressed", String(!caller.camOn));
    show(message, s === "ended" ? (caller.message ?? "") : "");
    // a call that never connected ended for a reason the customer should notice
    message.classList.toggle("failed", caller.connectedAt === null);
    close.hidden = s !== "ended";
    if (s === "connected" && !ticker) ticker = setInterval(update, 1000);
    if (s !== "connected" && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  }

  caller.subscribe(() => {
    update();
    onChange();
  });
  update();
  let styled = false;
  return {
    el,
    caller,
    /** Places a call (once `el` is in the dialog). */
    start: (media: CallMedia) => {
      if (!styled) styled = addStyles(el, STYLE);
      void caller.start(media);
    },
    active: () => caller.active,
  };
}

/** Adds `css` to the shadow root `el` is in (constructed sheet, else a `<style>` element). */
function addStyles(el: HTMLElement, css: string): boolean {
  const root = el.getRootNode();
  if (root instanceof ShadowRoot && "adoptedStyleSheets" in root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else el.insertBefore(h("style", null, css), el.firstChild);
  return true;
}
