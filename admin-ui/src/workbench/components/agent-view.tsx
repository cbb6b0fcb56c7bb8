/**
 * The agent's desk: chats offered to a callout agent and calls of chats not on screen on top, chats
 * of all their queues and the Messages inboxes on the left, the selected chat, the customer beside it.
 */
import type { ComponentChildren } from "preact";
import type { CallDesk } from "../../realtime/call-desk";
import type { DeskSet } from "../desks";
import type { Drafts } from "../drafts";
import type { TransferTargets } from "../transfer-targets";
import { OtherCalls } from "./call-panel";
import { ChatColumns } from "./chat-columns";
import { MessagesInbox } from "./messages-inbox";
import { OfferCard } from "./offer-card";

export function AgentView({
  calls = null,
  smartFormFilling = false,
  ...props
}: {
  set: DeskSet;
  targets: (queueId: string) => TransferTargets;
  drafts: Drafts;
  isAdmin: boolean;
  /** The agent's click-to-dial calls (null: they take none). */
  calls?: CallDesk | null;
  /** Whether Smart Form Filling pre-fills the case form. */
  smartFormFilling?: boolean;
  /** What the desk shows without a chat. */
  empty: ComponentChildren;
}) {
  const { set } = props;
  const open = set.list().filter((c) => !c.chat.closed);
  // a queue's inbox shows when it holds messages; with none anywhere, one says so
  const withMessages = [...set.desks].filter(([, d]) => d.leftTotal > 0);
  const inboxes = withMessages.length ? withMessages : [...set.desks].slice(0, 1);
  return (
    <>
      {[...set.desks.values()].flatMap((desk) =>
        [...desk.offers.values()].map((o) => (
          <OfferCard key={o.summary.conversationId} desk={desk} offer={o} />
        )),
      )}
      {calls ? (
        <OtherCalls calls={calls} chatIds={new Set(open.map((c) => c.chat.summary.conversationId))} />
      ) : null}
      <div class="layout">
        <ChatColumns
          {...props}
          calls={calls}
          cases={{ smartFormFilling }}
          label="Chats"
          aside={inboxes.map(([queueId, desk]) => (
            <MessagesInbox
              key={queueId}
              desk={desk}
              queueName={set.desks.size > 1 ? set.queueName(queueId) : null}
            />
          ))}
        />
      </div>
    </>
  );
}
