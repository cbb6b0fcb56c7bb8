/**
 * The tags of an archived conversation in the history: shown as chips, removed with their ×,
 * added from the tenant's list; every change is saved at once (`PATCH /conversations/:id`).
 */
import { useState } from "preact/hooks";
import type { Conversation } from "../../../../worker/schemas/conversations";
import type { Tag } from "../../../../worker/schemas/tags";
import { api, errorMessage } from "../../shared/api";
import { TagAdder } from "../../shared/components/tag-adder";
import { toast } from "../../shared/toast";
import { useLookup } from "../models/lookup";

export function ConversationTags({
  conversation,
  onSaved,
}: {
  conversation: Conversation;
  onSaved: (c: Conversation) => void;
}) {
  const tags = useLookup<Tag>("/tags");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState("");
  const current = conversation.tags.map((t) => t.id);
  const save = async (tagIds: string[]) => {
    setSaving(true);
    setError("");
    try {
      onSaved(
        await api.patch<Conversation>(`/conversations/${encodeURIComponent(conversation.id)}`, { tagIds }),
      );
      toast("Saved the conversation's tags");
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="section">
      <h2>Tags</h2>
      <div class="tag-row">
        {conversation.tags.length === 0 ? <span class="muted">No tags.</span> : null}
        {conversation.tags.map((t) => (
          <span key={t.id} class="chip">
            {t.name}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove tag ${t.name}`}
              disabled={saving}
              onClick={() => void save(current.filter((id) => id !== t.id))}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <TagAdder
        id="conv-add-tag"
        tags={tags.items}
        loaded={!tags.loading}
        current={current}
        disabled={saving}
        onAdd={(tagIds) => void save(tagIds)}
      />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
