/**
 * The quality checker's view of their queues: each queue's live conversations and agents (from
 * `queue.snapshot`), forcing an agent busy and releasing them, and the watched chats of all queues
 * with insert and intercept.
 */
import type { DeskSet } from "../desks";
import type { Drafts } from "../drafts";
import { ChatColumns } from "./chat-columns";
import { QueueSnapshot } from "./queue-snapshot";

export function CheckerView({ set, drafts, isAdmin }: { set: DeskSet; drafts: Drafts; isAdmin: boolean }) {
  return (
    <div class="checker">
      {[...set.desks].map(([queueId, desk]) => (
        <QueueSnapshot key={queueId} desk={desk} queueName={set.queueName(queueId)} />
      ))}
      <section class="watched" aria-label="Watched conversations">
        <ChatColumns
          set={set}
          label="Watched conversations"
          targets={null}
          drafts={drafts}
          isAdmin={isAdmin}
          empty="Watch a conversation to see it here."
        />
      </section>
    </div>
  );
}
