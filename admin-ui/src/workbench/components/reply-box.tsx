/** The reply box: Enter sends, Shift+Enter adds a line; typing state goes out once per burst and stops after 3 s idle. */
import { useEffect, useRef, useState } from "preact/hooks";
import { MAX_TEXT_CHARS } from "../../../../worker/realtime/protocol";

export function ReplyBox({
  id,
  label,
  disabled,
  onSend,
  onTyping,
  preset,
}: {
  id: string;
  label: string;
  disabled: boolean;
  onSend: (text: string) => void;
  onTyping?: (isTyping: boolean) => void;
  /** Text put in the box from outside (a suggested reply to edit); a new object each time. */
  preset?: { text: string } | null;
}) {
  const [text, setText] = useState("");
  useEffect(() => {
    if (!preset) return;
    setText(preset.text);
    document.getElementById(id)?.focus();
  }, [preset, id]);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stop = () => {
    if (!typing.current) return;
    clearTimeout(typing.current);
    typing.current = null;
    onTyping?.(false);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (disabled || !text.trim()) return;
    onSend(text);
    setText("");
    stop();
  };
  return (
    <form class="composer" onSubmit={submit}>
      <label class="sr" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        value={text}
        maxLength={MAX_TEXT_CHARS}
        placeholder={label}
        disabled={disabled}
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (!typing.current) onTyping?.(true);
          else clearTimeout(typing.current);
          typing.current = setTimeout(stop, 3000);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      <button type="submit" class="primary" disabled={disabled || !text.trim()}>
        Send
      </button>
    </form>
  );
}
