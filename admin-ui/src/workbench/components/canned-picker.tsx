/**
 * The `/` picker of the reply box: a listbox of the canned responses matching what follows `/`,
 * each with its text as it will be inserted (variables filled in). The reply box keeps the focus
 * and drives it with the arrow keys, Enter (or Tab) and Escape; a click picks too.
 */

import { type CannedValues, fillCanned } from "../../../../worker/rules/canned-text";
import type { CannedResponse } from "../../../../worker/schemas/canned-responses";
import type { AgentDesk, DeskChat } from "../../realtime/agent-desk";
import { useChatTools } from "../chat-tools";

/** What the reply box needs for the `/` shortcut. */
export type CannedSource = {
  items: CannedResponse[];
  values: CannedValues;
  /** Opens the dialog for the agent's own canned responses. */
  onManage: () => void;
};

/** The canned responses of the desk for a chat, with the chat's variable values; null outside a desk. */
export function useCanned(desk: AgentDesk, chat: DeskChat): CannedSource | null {
  const tools = useChatTools();
  if (!tools) return null;
  return {
    items: tools.canned.items,
    values: { "customer.name": chat.summary.customerName, "agent.name": desk.selfName },
    onManage: () => tools.setManaging(true),
  };
}

export function CannedPicker({
  id,
  query,
  matches,
  active,
  values,
  onPick,
  onActive,
  onManage,
}: {
  id: string;
  query: string;
  matches: CannedResponse[];
  active: number;
  values: CannedValues;
  onPick: (c: CannedResponse) => void;
  onActive: (index: number) => void;
  onManage: () => void;
}) {
  return (
    <div class="canned-pop">
      {matches.length ? (
        <div role="listbox" id={id} aria-label="Canned responses">
          {matches.map((c, i) => {
            const filled = fillCanned(c.text, values);
            return (
              // the reply box keeps the focus: pointer users pick here, keyboard users with the arrows
              // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are handled by the reply box
              <div
                key={c.id}
                id={`${id}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                class={i === active ? "active" : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => onActive(i)}
                onClick={() => onPick(c)}
              >
                <span class="canned-head">
                  <span class="mono">/{c.shortcut}</span> {c.title}
                  {c.scope === "personal" ? <span class="pill">mine</span> : null}
                </span>
                <span class="canned-text">{filled.text}</span>
                {filled.missing.length ? (
                  <span class="canned-missing">
                    Unknown here: {filled.missing.map((name) => `{${name}}`).join(", ")} — replace it before
                    sending
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : (
        <p class="canned-none">No canned response matches “/{query}”.</p>
      )}
      <div class="canned-foot">
        <span>↑ ↓ choose · Enter insert · Esc close</span>
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onManage}>
          My canned responses…
        </button>
      </div>
    </div>
  );
}
