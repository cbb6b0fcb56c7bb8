/**
 * A conversation's transcript: bubbles in seq order (text, with http and https addresses as links
 * that open in a new tab without access to this page, and a file's preview or link), sender labels
 * and the delivery/read state of one's own. A new last message scrolls to the bottom; earlier
 * messages loaded above keep what is on screen in place.
 */
import { useLayoutEffect, useRef } from "preact/hooks";
import type { AttachmentMeta } from "../../../../worker/schemas/attachment-meta";
import type { Bubble } from "../../realtime/bubbles";
import { linkParts } from "../../realtime/links";
import { AttachmentView } from "../../shared/components/attachment-view";

const LABEL: Record<Bubble["sender"], string> = {
  customer: "Customer",
  agent: "Agent",
  robot: "Chatbot",
  system: "System",
  checker: "Quality checker",
};
const STATE: Record<Bubble["state"], string> = {
  sending: "Sending",
  sent: "Sent",
  read: "Read",
  failed: "Not sent",
};

export function MessageLog({
  items,
  label,
  fileUrl,
}: {
  items: Bubble[];
  label: string;
  /** Where a message's file downloads from. */
  fileUrl: (file: AttachmentMeta) => string;
}) {
  const ref = useRef<HTMLOListElement>(null);
  const seen = useRef({ first: "", last: "", height: 0 });
  const first = items[0]?.key ?? "";
  const last = items.at(-1)?.key ?? "";
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const before = seen.current;
    if (last !== before.last) el.scrollTop = el.scrollHeight;
    else if (first !== before.first) el.scrollTop += el.scrollHeight - before.height;
    seen.current = { first, last, height: el.scrollHeight };
  }, [first, last]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <ol class="log" ref={ref} aria-live="polite" aria-relevant="additions" aria-label={label} tabIndex={0}>
      {items.map((b) => (
        <li
          key={b.key}
          class={`msg ${b.mine ? "mine" : b.sender === "system" ? "system" : ""}`}
          data-sender={b.sender}
        >
          {b.sender === "system" ? null : (
            <span class="who">
              {b.mine ? "You" : b.senderName ? `${b.senderName} · ${LABEL[b.sender]}` : LABEL[b.sender]}
            </span>
          )}
          {b.attachment ? <AttachmentView file={b.attachment} url={fileUrl(b.attachment)} /> : null}
          {b.text ? (
            <span class="text">
              <LinkedText text={b.text} />
            </span>
          ) : null}
          {b.mine ? <span class={`state ${b.state}`}>{STATE[b.state]}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** Text with its http(s) addresses as links; everything else stays text (never HTML). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part, i) =>
        i % 2 ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
