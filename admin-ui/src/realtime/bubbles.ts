/**
 * What a chat view shows: the server's messages in `seq` order, then the caller's own messages
 * that are still on their way (sending) or were refused (failed). A message the server
 * acknowledged but whose fan-out has not arrived yet shows as sent at its acknowledged `seq`.
 */
import type { ChatMessage, Sender } from "../../../worker/realtime/protocol";
import type { AttachmentMeta } from "../../../worker/schemas/attachment-meta";

export type DeliveryState = "sending" | "sent" | "read" | "failed";

export type Bubble = {
  /** Stable key for lists: `s<seq>` for stored messages, `c<clientMsgId>` for pending ones. */
  key: string;
  seq: number | null;
  sender: Sender;
  senderName: string | null;
  text: string;
  at: number;
  /** Whether the viewer wrote it. */
  mine: boolean;
  /** A system message's notice code, for clients that word it themselves. */
  notice?: ChatMessage["notice"];
  state: DeliveryState;
  /** The file the message carries (empty `text` when it is only a file). */
  attachment?: AttachmentMeta | undefined;
};

export type PendingText = {
  clientMsgId: string;
  text: string;
  at: number;
  failed?: string;
  attachment?: AttachmentMeta | undefined;
};

/**
 * Merges stored messages with pending and acknowledged-but-unseen ones. `readSeq` is the highest
 * seq the other side has read; `own` says which senders count as the viewer.
 */
export function bubbles(
  stored: readonly ChatMessage[],
  acked: ReadonlyMap<number, PendingText>,
  pending: readonly PendingText[],
  own: (m: { sender: Sender; clientMsgId: string | null }) => boolean,
  ownSender: Sender,
  readSeq: number,
): Bubble[] {
  const out: Bubble[] = [];
  const storedSeqs = new Set<number>();
  for (const m of stored) {
    storedSeqs.add(m.seq);
    const mine = own(m);
    out.push({
      key: `s${m.seq}`,
      seq: m.seq,
      sender: m.sender,
      senderName: m.senderName,
      text: m.text,
      at: m.at,
      mine,
      state: mine && m.seq <= readSeq ? "read" : "sent",
      notice: m.notice,
      attachment: m.attachment,
    });
  }
  for (const [seq, p] of acked) {
    if (storedSeqs.has(seq)) continue;
    const b: Bubble = {
      key: `s${seq}`,
      seq,
      sender: ownSender,
      senderName: null,
      text: p.text,
      at: p.at,
      mine: true,
      state: seq <= readSeq ? "read" : "sent",
      attachment: p.attachment,
    };
    let i = out.length;
    while (i > 0 && (out[i - 1]!.seq ?? 0) > seq) i--;
    out.splice(i, 0, b);
  }
  for (const p of pending) {
    out.push({
      key: `c${p.clientMsgId}`,
      seq: null,
      sender: ownSender,
      senderName: null,
      text: p.text,
      at: p.at,
      mine: true,
      state: p.failed ? "failed" : "sending",
      attachment: p.attachment,
    });
  }
  return out;
}
