/** The agent's desk: concurrent chats and the Messages inbox on the left, the selected chat on the right. */
import type { AgentDesk } from "../../realtime/agent-desk";
import type { TransferTargets } from "../transfer-targets";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";
import { MessagesInbox } from "./messages-inbox";

export function AgentView({ desk, transferTargets }: { desk: AgentDesk; transferTargets: TransferTargets }) {
  const chats = desk.list();
  const chat = desk.selected ? desk.chats.get(desk.selected) : undefined;
  return (
    <div class="layout">
      <div class="side">
        <ChatList desk={desk} chats={chats} label="Chats" />
        <MessagesInbox desk={desk} />
      </div>
      {chat ? (
        <ChatPane desk={desk} chat={chat} transferTargets={transferTargets} />
      ) : (
        <p class="empty">
          {desk.me?.status === "rest"
            ? "You are resting: no new chats will be assigned."
            : "Waiting for customers…"}
        </p>
      )}
    </div>
  );
}
