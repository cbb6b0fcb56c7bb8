/**
 * A conversation's tags, from the tenant's list (managed in the console). The agent (or a checker
 * watching) adds and removes them during the chat and in wrap-up; the server's answer is what is
 * shown. Customers never see them.
 */
import { MAX_TAGS } from "../../../../worker/realtime/protocol";
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import { useChatTools } from "../chat-tools";

export function TagsBar({ desk, chat }: { desk: AgentDesk; chat: DeskChat }) {
  const tools = useChatTools();
  if (!tools) return null;
  const id = chat.summary.conversationId;
  const current = desk.notes.tagIds(id);
  const set = (tagIds: string[]) => desk.notes.setTags(id, tagIds);
  const left = tools.tags.items.filter((t) => !current.includes(t.id));
  // an ended chat is still tagged here (wrap-up); one that moved away or was taken over is not
  const gone = chat.closed === "transferred" || chat.closed === "intercepted";
  return (
    <fieldset class="tags">
      <legend class="muted">Tags</legend>
      {current.map((tagId) => {
        const name = tools.tags.name(tagId) ?? "(deleted tag)";
        return (
          <span key={tagId} class="tag">
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
      <label class="sr" for={`tag-add-${id}`}>
        Add a tag
      </label>
      <select
        id={`tag-add-${id}`}
        class="tag-add"
        value=""
        disabled={gone || current.length >= MAX_TAGS || left.length === 0}
        onChange={(e) => {
          const tagId = e.currentTarget.value;
          if (tagId) set([...current, tagId]);
        }}
      >
        <option value="">
          {current.length >= MAX_TAGS
            ? `At most ${MAX_TAGS} tags`
            : tools.tags.items.length
              ? "Add a tag…"
              : tools.tags.loaded
                ? "No tags defined"
                : "Loading tags…"}
        </option>
        {left.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
