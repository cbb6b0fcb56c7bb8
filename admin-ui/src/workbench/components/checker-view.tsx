/**
 * The quality checker's view of their queues: each queue's live conversations and agents (from
 * `queue.snapshot`), forcing an agent busy and releasing them, and the watched chats of all queues
 * with insert and intercept.
 */

import type { DeskSet } from "../desks";
import type { Drafts } from "../drafts";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";
import { CustomerPanel } from "./customer-panel";
import { QueueSnapshot } from "./queue-snapshot";

export function CheckerView({ set, drafts, isAdmin }: { set: DeskSet; drafts: Drafts; isAdmin: boolean }) {
  const current = set.current();
  return (
    <div class="checker">
      {[...set.desks].map(([queueId, desk]) => (
        <QueueSnapshot key={queueId} desk={desk} queueName={set.queueName(queueId)} />
      ))}
      <section class="watched" aria-label="Watched conversations">
        <ChatList
          chats={set.list()}
          selected={set.selected}
          onSelect={(c) => set.select(c.queueId, c.chat.summary.conversationId)}
          label="Watched conversations"
        />
        {current ? (
          <>
            <ChatPane desk={current.desk} chat={current.chat} transferTargets={null} drafts={drafts} />
            <CustomerPanel chat={current.chat} queueName={current.queueName} isAdmin={isAdmin} />
          </>
        ) : (
          <p class="empty">Watch a conversation to see it here.</p>
        )}
      </section>
    </div>
  );
}
