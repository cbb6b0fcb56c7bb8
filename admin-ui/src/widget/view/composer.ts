/** The message box: Enter sends, Shift+Enter adds a line; "typing" goes out once per burst and "stopped" after 3 s idle. */
import { MAX_TEXT_CHARS } from "../../../../worker/realtime/protocol";
import type { CustomerChat } from "../../realtime/customer-chat";
import type { Texts } from "../i18n";
import { h } from "./dom";

const TYPING_IDLE_MS = 3000;

/** `attach` opens the file chooser (the attachments part); its button shows while the chat is open and the channel takes files. */
export function composer(t: Texts, chat: () => CustomerChat, attach: () => void) {
  let typing: ReturnType<typeof setTimeout> | undefined;
  const stopTyping = () => {
    if (typing === undefined) return;
    clearTimeout(typing);
    typing = undefined;
    chat().setTyping(false);
  };
  const input = h("textarea", { id: "ec-input", maxlength: MAX_TEXT_CHARS, placeholder: t.input });
  const send = h("button", { type: "submit", class: "primary" }, t.send);
  const clip = h("button", { type: "button", "aria-label": t.attach, onclick: attach }, "+");
  const sync = () => (send.disabled = input.disabled || !input.value.trim());
  const submit = (e: Event) => {
    e.preventDefault();
    if (input.disabled || !input.value.trim()) return;
    chat().send(input.value);
    input.value = "";
    stopTyping();
    sync();
    input.focus();
  };
  input.addEventListener("input", () => {
    if (typing === undefined) chat().setTyping(true);
    else clearTimeout(typing);
    typing = setTimeout(stopTyping, TYPING_IDLE_MS);
    sync();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
  });
  const el = h(
    "form",
    { class: "composer", onsubmit: submit },
    h("label", { class: "sr", for: "ec-input" }, t.input),
    clip,
    input,
    send,
  );
  return {
    el,
    input,
    setDisabled(disabled: boolean) {
      input.disabled = disabled;
      clip.hidden = disabled || !chat().attachments?.maxBytes;
      sync();
    },
  };
}
