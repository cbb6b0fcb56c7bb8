/** The agent's desk: chats of all their queues on the left, the selected chat, the customer beside it. */
import type { ComponentChildren } from "preact";
import type { DeskSet } from "../desks";
import type { Drafts } from "../drafts";
import type { TransferTargets } from "../transfer-targets";
import { ChatColumns } from "./chat-columns";

export function AgentView(props: {
  set: DeskSet;
  targets: (queueId: string) => TransferTargets;
  drafts: Drafts;
  isAdmin: boolean;
  /** What the desk shows without a chat. */
  empty: ComponentChildren;
}) {
  return (
    <div class="layout">
      <ChatColumns {...props} label="Chats" />
    </div>
  );
}
