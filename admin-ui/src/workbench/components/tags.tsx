/**
 * A conversation's tags, from the tenant's list (managed in the console). The agent (or a checker
 * watching) adds and removes them during the chat and in wrap-up; the server's answer is what is
 * shown. Customers never see them.
 */
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import { TagAdder } from "../../shared/components/tag-adder";
import { useChatTools } from "../chat-tools";

export function TagsBar({ desk, chat }: { desk: AgentDesk; chat: DeskChat }) {
  const tools = useChatTools();
  if (!tools) return null;
  const id = chat.summary.conversationId;
  const current = desk.notes.tagIds(id);
  const set = (tagIds: string[]) => desk.notes.setTags(id, tagIds);
  // an ended chat is still tagged here (wrap-up); one that moved away or was taken over is not
  const gone = chat.closed === "transferred" || chat.closed === "intercepted";
  return (
    <fieldset class="tags">
      <legend class="muted">Tags</legend>
      {current.map((tagId) => {
        const name = tools.tags.name(tagId) ?? "(deleted tag)";
        return (
          <span key={tagId} class="conv-tag">
            {name}
            <button
              type="button"
              aria-label={`Remove tag ${name}`}
              disabled={gone}
              onClick={() => set(current.filter((t) => t !== tagId))}
            >
              ×
            </button>
          </span>
        );
      })}
      <TagAdder
        id={`tag-add-${id}`}
        class="tag-add"
        tags={tools.tags.items}
        loaded={tools.tags.loaded}
        current={current}
        disabled={gone}
        onAdd={set}
      />
    </fieldset>
  );
}
