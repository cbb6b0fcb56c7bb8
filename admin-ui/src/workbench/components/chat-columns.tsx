/** The chats of a desk set: the list by need of attention, the selected chat and its customer beside it. */
import type { ComponentChildren } from "preact";
import type { CallDesk } from "../../realtime/call-desk";
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
  aside = null,
  calls = null,
  cases = null,
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
  /** Shown under the list (the Messages inboxes). */
  aside?: ComponentChildren;
  /** The agent's click-to-dial calls (null: they take none). */
  calls?: CallDesk | null;
  /** The agent's case form (none in a checker's view): whether Smart Form Filling pre-fills it. */
  cases?: { smartFormFilling: boolean } | null;
}) {
  const current = set.current();
  return (
    <>
      <div class="side">
        <ChatList
          chats={set.list()}
          selected={set.selected}
          onSelect={(c) => set.select(c.queueId, c.chat.summary.conversationId)}
          label={label}
        />
        {aside}
      </div>
      {current ? (
        <>
          <ChatPane
            desk={current.desk}
            chat={current.chat}
            transferTargets={targets?.(current.queueId) ?? null}
            drafts={drafts}
            calls={calls}
            cases={cases ? { skillQueueId: current.queueId, ...cases } : undefined}
          />
          <CustomerPanel chat={current.chat} queueName={current.queueName} isAdmin={isAdmin} />
        </>
      ) : (
        <p class="empty">{empty}</p>
      )}
    </>
  );
}
