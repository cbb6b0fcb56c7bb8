/**
 * The reply box: Enter sends, Shift+Enter adds a line; typing state goes out once per burst and
 * stops after 3 s idle. It starts from the chat's saved draft and reports every change (mount one
 * per chat, keyed by it, so a draft never follows the agent into another chat). A few emoji can be
 * inserted at the cursor.
 */
import { useRef, useState } from "preact/hooks";
import { MAX_TEXT_CHARS } from "../../../../worker/realtime/protocol";

const EMOJI = ["😊", "👍", "🙏", "👋", "🎉", "❤️", "✅", "😅"];

export function ReplyBox({
  id,
  label,
  disabled,
  draft = "",
  onDraft,
  onSend,
  onTyping,
}: {
  id: string;
  label: string;
  disabled: boolean;
  /** The chat's saved draft. */
  draft?: string;
  onDraft?: (text: string) => void;
  onSend: (text: string) => void;
  onTyping?: (isTyping: boolean) => void;
}) {
  const [text, setText] = useState(draft);
  const [picking, setPicking] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stop = () => {
    if (!typing.current) return;
    clearTimeout(typing.current);
    typing.current = null;
    onTyping?.(false);
  };
  const change = (next: string) => {
    setText(next);
    onDraft?.(next);
    if (!typing.current) onTyping?.(true);
    else clearTimeout(typing.current);
    typing.current = setTimeout(stop, 3000);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (disabled || !text.trim()) return;
    onSend(text);
    setText("");
    onDraft?.("");
    stop();
  };
  const insert = (emoji: string) => {
    const el = box.current;
    const at = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? at;
    const next = `${text.slice(0, at)}${emoji}${text.slice(end)}`.slice(0, MAX_TEXT_CHARS);
    change(next);
    setPicking(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  };
  return (
    <form class="composer" onSubmit={submit}>
      <label class="sr" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        ref={box}
        value={text}
        maxLength={MAX_TEXT_CHARS}
        placeholder={label}
        disabled={disabled}
        onInput={(e) => change(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      <div class="emoji">
        <button
          type="button"
          aria-label="Insert emoji"
          aria-expanded={picking}
          disabled={disabled}
          onClick={() => setPicking(!picking)}
        >
          😊
        </button>
        {picking ? (
          <fieldset class="emoji-picker" aria-label="Emoji">
            {EMOJI.map((e) => (
              <button key={e} type="button" aria-label={`Insert ${e}`} onClick={() => insert(e)}>
                {e}
              </button>
            ))}
          </fieldset>
        ) : null}
      </div>
      <button type="submit" class="primary" disabled={disabled || !text.trim()}>
        Send
      </button>
    </form>
  );
}
