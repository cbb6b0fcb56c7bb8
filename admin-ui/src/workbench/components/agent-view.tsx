/** The agent's desk: chats offered to a callout agent on top, concurrent chats on the left, the selected chat on the right. */
import type { AgentDesk } from "../../realtime/agent-desk";
import type { TransferTargets } from "../transfer-targets";
import { ChatList } from "./chat-list";
import { ChatPane } from "./chat-pane";
import { OfferCard } from "./offer-card";

export function AgentView({
  desk,
  transferTargets,
  cases,
}: {
  desk: AgentDesk;
  transferTargets: TransferTargets;
  cases: { skillQueueId: string; smartFormFilling: boolean };
}) {
  const chats = desk.list();
  const chat = desk.selected ? desk.chats.get(desk.selected) : undefined;
  return (
    <>
      {[...desk.offers.values()].map((o) => (
        <OfferCard key={o.summary.conversationId} desk={desk} offer={o} />
      ))}
      <div class="layout">
        <ChatList desk={desk} chats={chats} label="Chats" />
        {chat ? (
          <ChatPane
            key={chat.summary.conversationId}
            desk={desk}
            chat={chat}
            transferTargets={transferTargets}
            cases={cases}
          />
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
