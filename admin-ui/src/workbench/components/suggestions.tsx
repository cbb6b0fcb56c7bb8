/**
 * The robot assistant's suggested replies to the customer's latest message, best first, each with
 * its confidence, under a caption: "Use" puts the reply in the reply box to edit, "Send" sends it as it is.
 */
import type { DeskSuggestions } from "../../realtime/agent-desk";

export function Suggestions({
  suggested,
  disabled,
  onUse,
  onSend,
}: {
  suggested: DeskSuggestions;
  disabled: boolean;
  onUse: (reply: string) => void;
  onSend: (reply: string) => void;
}) {
  return (
    <div class="suggestions">
      {/* the list is named for screen readers; the caption says the same to sighted agents */}
      <div class="suggestions-title" aria-hidden="true">
        Robot assistant suggestions
      </div>
      <ul aria-label="Robot assistant suggestions">
        {suggested.suggestions.map((s) => (
          <li key={s.reply}>
            <span class="reply">{s.reply}</span>
            <span class="muted" title="Confidence: how much of the customer's message the robot recognised">
              {Math.round(s.confidence * 100)}% match
            </span>
            <button type="button" disabled={disabled} onClick={() => onUse(s.reply)}>
              Use
            </button>
            <button type="button" disabled={disabled} onClick={() => onSend(s.reply)}>
              Send
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
