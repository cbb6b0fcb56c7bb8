/** The chats of a desk set: the list by need of attention, the selected chat and its customer beside it. */
import type { ComponentChildren } from "preact";
import type { DeskSet } from "../desks";
import type { Drafts } from "../drafts";
import type { TransferTargets } from "../transfer-targets";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";
import { CustomerPanel } from "./customer-panel";

export function ChatColumns({
  set,
  label,
  targets,
  drafts,
  isAdmin,
  empty,
}: {
  set: DeskSet;
  /** The list's accessible name. */
  label: string;
  /** The transfer picker's data of a queue; none in a checker's view. */
  targets: ((queueId: string) => TransferTargets) | null;
  drafts: Drafts;
  isAdmin: boolean;
  /** What shows without a selected chat. */
  empty: ComponentChildren;
}) {
  const current = set.current();
  return (
    <>
      <ChatList
        chats={set.list()}
        selected={set.selected}
        onSelect={(c) => set.select(c.queueId, c.chat.summary.conversationId)}
        label={label}
      />
      {current ? (
        <>
          <ChatPane
            desk={current.desk}
            chat={current.chat}
            transferTargets={targets?.(current.queueId) ?? null}
            drafts={drafts}
          />
          <CustomerPanel chat={current.chat} queueName={current.queueName} isAdmin={isAdmin} />
        </>
      ) : (
        <p class="empty">{empty}</p>
      )}
    </>
  );
}
