/** The agent's desk: chats of all their queues on the left, the selected chat, the customer beside it. */
import type { ComponentChildren } from "preact";
import type { DeskSet } from "../desks";
import type { Drafts } from "../drafts";
import type { TransferTargets } from "../transfer-targets";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";
import { CustomerPanel } from "./customer-panel";

export function AgentView({
  set,
  targets,
  drafts,
  isAdmin,
  empty,
}: {
  set: DeskSet;
  /** The transfer picker's data of a queue. */
  targets: (queueId: string) => TransferTargets;
  drafts: Drafts;
  isAdmin: boolean;
  /** What the desk shows without a chat. */
  empty: ComponentChildren;
}) {
  const current = set.current();
  return (
    <div class="layout">
      <ChatList
        chats={set.list()}
        selected={set.selected}
        onSelect={(c) => set.select(c.queueId, c.chat.summary.conversationId)}
        label="Chats"
      />
      {current ? (
        <>
          <ChatPane
            desk={current.desk}
            chat={current.chat}
            transferTargets={targets(current.queueId)}
            drafts={drafts}
          />
          <CustomerPanel chat={current.chat} queueName={current.queueName} isAdmin={isAdmin} />
        </>
      ) : (
        <p class="empty">{empty}</p>
      )}
    </div>
  );
}
