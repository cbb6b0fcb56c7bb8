/**
 * "Add a tag…": a select of the tenant's tags not yet on the conversation (workbench and history).
 * Picking one calls `onAdd` with the whole new list; it is disabled at the most tags a
 * conversation carries and when nothing is left to add.
 */
import { MAX_TAGS } from "../../../../worker/realtime/protocol";
import type { Tag } from "../../../../worker/schemas/tags";

export function TagAdder({
  id,
  class: className,
  tags,
  loaded,
  current,
  disabled,
  onAdd,
}: {
  id: string;
  class?: string;
  /** The tenant's tags. */
  tags: readonly Tag[];
  loaded: boolean;
  /** The conversation's tag ids. */
  current: readonly string[];
  disabled?: boolean;
  onAdd: (tagIds: string[]) => void;
}) {
  const left = tags.filter((t) => !current.includes(t.id));
  const full = current.length >= MAX_TAGS;
  return (
    <select
      id={id}
      class={className}
      aria-label="Add a tag"
      value=""
      disabled={disabled || full || left.length === 0}
      onChange={(e) => {
        const tagId = e.currentTarget.value;
        if (tagId) onAdd([...current, tagId]);
      }}
    >
      <option value="">
        {full
          ? `At most ${MAX_TAGS} tags`
          : left.length
            ? "Add a tag…"
            : !loaded
              ? "Loading tags…"
              : tags.length
                ? "Every tag is set"
                : "No tags defined"}
      </option>
      {left.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}
