/**
 * The transcript list, updated in place: one `<li>` per message key, created once and moved into
 * order, so screen readers (`aria-live="polite"`) announce only what is new. The channel's welcome
 * text, when it has one, leads every chat. Text goes in as text nodes, never as HTML; http(s)
 * addresses in it become links that open in a new tab without access to the page.
 */
import type { AttachmentMeta } from "../../../../worker/schemas/attachment-meta";
import type { Bubble } from "../../realtime/bubbles";
import { linkParts } from "../../realtime/links";
import { noticeText, type Texts } from "../i18n";
import { h } from "./dom";

type Row = { li: HTMLLIElement; state: HTMLSpanElement | null };

/** `file` renders a message's attachment (a placeholder the attachments part fills). */
export function messageList(t: Texts, welcome: string, file: (m: AttachmentMeta) => Node) {
  const el = h("ol", {
    class: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-label": t.messages,
    tabindex: 0,
  });
  const rows = new Map<string, Row>();
  const lead = welcome ? 1 : 0;
  if (welcome) el.appendChild(h("li", { class: "msg welcome" }, h("span", { class: "text" }, welcome)));

  function row(b: Bubble): Row {
    const found = rows.get(b.key);
    if (found) return found;
    const state = b.mine ? h("span", { class: "state" }) : null;
    const text = (b.notice && noticeText(t, b.notice)) || b.text;
    const li = h(
      "li",
      { class: `msg ${b.mine ? "mine" : b.sender === "system" ? "system" : ""}` },
      b.sender === "system" ? null : h("span", { class: "who" }, who(b, t)),
      b.attachment && file(b.attachment),
      text &&
        h(
          "span",
          { class: "text" },
          ...linkParts(text).map((p, i) =>
            i % 2 ? h("a", { href: p, target: "_blank", rel: "noopener noreferrer" }, p) : p,
          ),
        ),
      state,
    );
    const r = { li, state };
    rows.set(b.key, r);
    return r;
  }

  function update(items: Bubble[]) {
    const keep = new Set(items.map((b) => b.key));
    for (const [key, r] of rows) {
      if (!keep.has(key)) {
        r.li.remove();
        rows.delete(key);
      }
    }
    const grew = items.length + lead > el.children.length;
    items.forEach((b, i) => {
      const r = row(b);
      r.li.dataset.state = b.state;
      if (r.state) {
        r.state.className = `state ${b.state}`;
        r.state.textContent = t[b.state];
      }
      const at = el.children[i + lead];
      if (at !== r.li) el.insertBefore(r.li, at ?? null);
    });
    if (grew) el.scrollTop = el.scrollHeight;
  }

  return { el, update };
}

function who(b: Bubble, t: Texts): string {
  if (b.mine) return t.you;
  const role =
    b.sender === "robot"
      ? t.robot
      : b.sender === "agent"
        ? t.agent
        : b.sender === "checker"
          ? t.checker
          : t.system;
  return b.senderName ? `${b.senderName} · ${role}` : role;
}
