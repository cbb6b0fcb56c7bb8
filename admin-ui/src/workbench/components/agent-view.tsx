/** The agent's desk: concurrent chats and the Messages inbox on the left, the selected chat on the right. */
import type { AgentDesk } from "../../realtime/agent-desk";
import type { CallDesk } from "../../realtime/call-desk";
import type { TransferTargets } from "../transfer-targets";
import { OtherCalls } from "./call-panel";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";
import { MessagesInbox } from "./messages-inbox";

export function AgentView({
  desk,
  transferTargets,
  calls = null,
}: {
  desk: AgentDesk;
  transferTargets: TransferTargets;
  calls?: CallDesk | null;
}) {
  const chats = desk.list();
  const chat = desk.selected ? desk.chats.get(desk.selected) : undefined;
  return (
    <>
      {calls ? (
        <OtherCalls
          calls={calls}
          chatIds={new Set(chats.filter((c) => !c.closed).map((c) => c.summary.conversationId))}
        />
      ) : null}
      <div class="layout">
        <div class="side">
          <ChatList desk={desk} chats={chats} label="Chats" />
          <MessagesInbox desk={desk} />
        </div>
        {chat ? (
          <ChatPane desk={desk} chat={chat} transferTargets={transferTargets} calls={calls} />
        ) : (
          <p class="empty">
            {desk.me?.status === "rest"
              ? "You are resting: no new chats will be assigned."
              : "Waiting for customers…"}
          </p>
        )}
      </div>
    </>
  );
}
