/**
 * The leave-a-message form (issue 15), shown while the server offers it (`leaveMessage` in the
 * conversation): the message (prefilled with what the customer had typed in the box), contact
 * details as the channel asks (off / optional / required), then the confirmation.
 */
import { contactProblem } from "../../../../../durable-objects/skill-queue/rules/left-message";
import { MAX_TEXT_CHARS } from "../../../../../worker/realtime/protocol";
import type { CustomerChat } from "../../../realtime/customer-chat";
import type { Texts } from "../../i18n";
import { h, show } from "../../view/dom";
import { leaveTexts } from "./texts";

/** `takeDraft` hands over (and clears) the unsent text of the message box. */
export function leaveForm(t: Texts, chat: () => CustomerChat, takeDraft: () => string) {
  const L = leaveTexts(t.lang);
  const text = h("textarea", { id: "ec-leave-text", maxlength: MAX_TEXT_CHARS });
  const contact = h("input", { id: "ec-contact", type: "text", autocomplete: "email", maxlength: 120 });
  const contactLabel = h("label", { for: "ec-contact" });
  const intro = h("p", { class: "hint" });
  const error = h("span", { class: "error", role: "alert" });
  const done = h("p", { class: "hint panel", role: "status" });
  // the conversation whose form got the message box's draft
  let prefilled: string | undefined;
  const form = h(
    "form",
    {
      class: "panel",
      "aria-labelledby": "ec-leave-title",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const c = chat().conversation;
        const mode = c?.leaveMessage?.contact ?? "off";
        const message = text.value.trim();
        if (
          !message &&
          c?.state === "ended" &&
          !chat()
            .bubbles()
            .some((b) => b.mine)
        )
          return show(error, L.writeMessage);
        if (contactProblem(mode, contact.value)) return show(error, L.badContact);
        if (chat().leaveMessage(message, mode === "off" ? "" : contact.value.trim())) show(error, "");
        else show(error, t.reconnecting);
      },
    },
    h("h3", { id: "ec-leave-title" }, L.title),
    intro,
    h("label", { for: "ec-leave-text" }, L.message),
    text,
    contactLabel,
    contact,
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, L.send)),
  );
  const el = h("div", null, form, done);

  function update() {
    const ch = chat();
    const offer = ch.conversation?.leaveMessage;
    el.hidden = !offer;
    if (!offer) return;
    const left = offer.left;
    form.hidden = left;
    show(done, left ? L.done : "");
    show(intro, ch.conversation?.state === "pending" ? L.pending : L.intro);
    contactLabel.textContent = L.contact[offer.contact];
    contactLabel.hidden = contact.hidden = offer.contact === "off";
    contact.required = offer.contact === "required";
    const id = ch.conversation?.conversationId;
    if (prefilled !== id && !left) {
      prefilled = id;
      text.value = takeDraft();
    }
  }

  return { el, update };
}
