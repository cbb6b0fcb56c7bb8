/**
 * The "Online Customer Service" dialog: who the customer is talking to, connection and queue
 * status, the transcript, the typing indicator, Transfer to Agent while with the chatbot, the
 * evaluation and the message box; before all of them the channel's pre-chat form when the server
 * asks for it. Built once; `update()` patches it from the chat's state.
 */
import type { CustomerChat } from "../../realtime/customer-chat";
import type { WidgetBranding } from "../branding";
import type { Texts } from "../i18n";
import { loadPart } from "../parts";
import type { callPanel } from "../parts/call/panel";
import type { evaluationForm } from "../parts/evaluation/form";
import type { leaveForm } from "../parts/leave/form";
import { composer } from "./composer";
import { h, show } from "./dom";
import { messageList } from "./message-list";

export function chatDialog(
  t: Texts,
  brand: WidgetBranding,
  apiOrigin: string,
  chat: () => CustomerChat,
  close: () => void,
) {
  let evaluating = false;
  const subtitle = h("span", { class: "sub" });
  const evalButton = h("button", { type: "button", "aria-expanded": "false" }, t.evaluate);
  const connection = h("div", { class: "status", role: "status" });
  const queue = h("div", { class: "status", role: "status" });
  // files (previews, links, the chooser) are an optional part, loaded when the chat first needs it
  const files = () => loadPart(apiOrigin, "attachments");
  const list = messageList(t, brand.welcomeText, (m) => {
    const slot = h("span", null, m.name);
    files().then(
      (p) => slot.replaceChildren(p.fileView(m, apiOrigin, chat())),
      () => {},
    );
    return slot;
  });
  const typing = h("div", { class: "typing" });
  const evaluated = h("div", { class: "hint actions" });
  const endText = h("span");
  // the conversation whose end already invited an evaluation
  let invited: string | undefined;
  const ended = h(
    "div",
    { class: "actions", role: "status" },
    endText,
    h("button", { type: "button", onclick: () => chat().restart() }, t.newChat),
  );
  // the leave-a-message form is an optional part, loaded when the server first offers it
  let leave: ReturnType<typeof leaveForm> | null | undefined;
  const leaveSlot = h("div");
  const takeDraft = () => {
    const draft = box.input.value;
    box.input.value = "";
    return draft;
  };
  const transferButton = h("button", { type: "button", onclick: () => chat().requestAgent() }, t.transfer);
  const transfer = h("div", { class: "actions" }, transferButton);
  const box = composer(t, chat, () =>
    files().then(
      (p) => p.pickFile(t, apiOrigin, chat(), (text) => show(formError, text)),
      () => show(formError, t.partFailed),
    ),
  );
  // the evaluation form is an optional part, loaded the first time the customer evaluates
  let form: ReturnType<typeof evaluationForm> | null = null;
  const formSlot = h("div");
  const formError = h("div", { class: "error", role: "alert" });
  // click to dial: the buttons are here, the call itself is an optional part
  let call: ReturnType<typeof callPanel> | null = null;
  const callSlot = h("div");
  const callButtons = (["voice", "video"] as const).map((media) =>
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          try {
            call ??= (await loadPart(apiOrigin, "call")).callPanel(t.lang, apiOrigin, chat, update);
          } catch {
            return show(formError, t.partFailed);
          }
          callSlot.appendChild(call.el);
          call.start(media);
        },
      },
      t.calls[media],
    ),
  );
  const callBar = h("div", { class: "actions" }, ...callButtons);

  async function setEvaluating(on: boolean) {
    if (on && !form) {
      try {
        const part = await loadPart(apiOrigin, "evaluation");
        form ??= part.evaluationForm(t, chat, () => void setEvaluating(false));
        formSlot.appendChild(form.el);
      } catch {
        return show(formError, t.partFailed);
      }
    }
    show(formError, "");
    evaluating = on;
    evalButton.setAttribute("aria-expanded", String(on));
    if (on) form?.reset();
    update();
    if (on) form?.focus();
    else box.input.focus();
  }
  evalButton.addEventListener("click", () => void setEvaluating(!evaluating));

  // the pre-chat form is an optional part too, built anew for each form the server asks to fill
  let asked: unknown = null;
  const preSlot = h("div");
  async function showForm(request: unknown) {
    try {
      const form = (await loadPart(apiOrigin, "pre-chat")).preChatForm(t, chat);
      if (request !== asked) return;
      preSlot.replaceChildren(form.el);
      form.show();
    } catch {
      asked = null; // the next update tries again
      show(formError, t.partFailed);
    }
  }

  const el = h(
    "div",
    {
      class: "dialog",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "ec-title",
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === "Escape") close();
      },
    },
    h(
      "header",
      null,
      // A logo is an image from an https address the administrator set: never markup, no referrer.
      brand.logoUrl
        ? h("img", {
            src: brand.logoUrl,
            alt: "",
            referrerpolicy: "no-referrer",
            onerror: (e: Event) => ((e.target as HTMLElement).hidden = true),
          })
        : null,
      h("h2", { id: "ec-title" }, brand.greeting || t.title, subtitle),
      evalButton,
      h("button", { type: "button", "aria-label": t.close, onclick: close }, "✕"),
    ),
    connection,
    queue,
    callSlot,
    list.el,
    typing,
    evaluated,
    ended,
    transfer,
    leaveSlot,
    callBar,
    formError,
    formSlot,
    preSlot,
    box.el,
  );

  function update() {
    const ch = chat();
    const c = ch.conversation;
    const items = ch.bubbles();
    const isEnded = c?.state === "ended" || ch.stopReason === "conversationClosed";
    show(
      subtitle,
      c?.state === "connected" && c.agentName
        ? t.connectedTo(c.agentName)
        : c?.state === "bot"
          ? t.chatbot(items.find((b) => b.sender === "robot")?.senderName ?? "")
          : c?.state === "queued"
            ? t.waiting
            : "",
    );
    evalButton.hidden = !ch.canEvaluate;
    const asking = ch.form;
    if (asking !== asked) {
      asked = asking;
      if (asking) void showForm(asking);
    }
    show(
      connection,
      asking
        ? ""
        : ch.stopReason === "refused"
          ? t.refused
          : ch.stopReason === "replaced"
            ? t.replaced
            : ch.connection === "connecting"
              ? t.connecting
              : ch.connection === "reconnecting"
                ? t.reconnecting
                : "",
    );
    show(
      queue,
      c?.state === "queued" && ch.queue
        ? `${t.queued(ch.queue.position, ch.queue.estimatedWaitSeconds)} ${ch.reminder ?? ""}`.trim()
        : "",
    );
    list.update(items);
    show(typing, ch.agentTyping && !isEnded ? t.typing(c?.agentName ?? t.agent) : "");
    show(evaluated, ch.evaluation && !evaluating ? t.evaluated(ch.evaluation.rating) : "");
    ended.hidden = !isEnded;
    // the agent ended the chat or it ended for silence: the evaluation form invites a rating
    if (
      c &&
      invited !== c.conversationId &&
      ch.canEvaluate &&
      (ch.endReason === "agentEnded" || ch.endReason === "noReply")
    ) {
      invited = c.conversationId;
      if (!ch.evaluation) void setEvaluating(true);
    }
    if (c?.leaveMessage && leave === undefined) {
      leave = null;
      loadPart(apiOrigin, "leave").then(
        (part) => {
          leave = part.leaveForm(t, chat, takeDraft);
          leaveSlot.appendChild(leave.el);
          update();
        },
        () => show(formError, t.partFailed),
      );
    }
    leave?.update();
    endText.textContent = ch.endReason ? t.endReasons[ch.endReason] : t.ended;
    transfer.hidden = c?.state !== "bot" || isEnded;
    callBar.hidden = c?.state !== "connected" || isEnded || !ch.calls.length || !!call?.active();
    callButtons.forEach((b, i) => {
      b.hidden = !ch.calls.includes(i ? "video" : "voice");
    });
    transferButton.disabled = ch.connection !== "open";
    formSlot.hidden = !evaluating;
    preSlot.hidden = !asking;
    list.el.hidden = !!asking;
    box.el.hidden = evaluating || !!asking;
    box.setDisabled(isEnded || ch.connection === "closed");
    if (ch.connection === "open" && document.visibilityState === "visible") ch.markRead();
  }

  return { el, update, focus: () => box.input.focus() };
}
