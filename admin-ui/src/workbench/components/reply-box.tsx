/**
 * The reply box: Enter sends, Shift+Enter adds a line; typing state goes out once per burst and
 * stops after 3 s idle. It starts from the chat's saved draft and reports every change (mount one
 * per chat, keyed by it, so a draft never follows the agent into another chat). With `canned`,
 * typing `/` (at the start or after a space) opens the canned response picker: the text after `/`
 * searches, ↑/↓ choose, Enter or Tab inserts the response with its variables filled in (replacing
 * `/query`), Escape closes it. The "/" button starts a search. A few emoji can be inserted at the
 * cursor. `preset` puts a text in the box from outside (a suggested reply to edit).
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { MAX_TEXT_CHARS } from "../../../../worker/realtime/protocol";
import { fillCanned } from "../../../../worker/rules/canned-text";
import type { CannedResponse } from "../../../../worker/schemas/canned-responses";
import { matchCanned, replaceRange, slashQuery } from "../canned-search";
import { CannedPicker, type CannedSource } from "./canned-picker";

const EMOJI = ["😊", "👍", "🙏", "👋", "🎉", "❤️", "✅", "😅"];

export function ReplyBox({
  id,
  label,
  disabled,
  draft = "",
  onDraft,
  onSend,
  onTyping,
  canned,
  preset,
}: {
  id: string;
  label: string;
  disabled: boolean;
  /** The chat's saved draft. */
  draft?: string;
  onDraft?: (text: string) => void;
  onSend: (text: string) => void;
  onTyping?: (isTyping: boolean) => void;
  canned?: CannedSource | null;
  /** Text put in the box from outside (a suggested reply to edit); a new object each time. */
  preset?: { text: string } | null;
}) {
  const [text, setText] = useState(draft);
  const [caret, setCaret] = useState(draft.length);
  const [picking, setPicking] = useState(false);
  const [active, setActive] = useState(0);
  /** Where the `/` of a search closed with Escape starts (it stays closed until another `/`). */
  const [dismissed, setDismissed] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const placeCaret = useRef<number | null>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!preset) return;
    placeCaret.current = Math.min(preset.text.length, MAX_TEXT_CHARS);
    edited(preset.text.slice(0, MAX_TEXT_CHARS), placeCaret.current);
  }, [preset]);
  const listId = `${id}-canned`;

  const slash = canned && !disabled ? slashQuery(text, caret) : null;
  const open = slash !== null && slash.start !== dismissed;
  const matches = open && canned ? matchCanned(canned.items, slash.query) : [];
  const current = Math.min(active, Math.max(0, matches.length - 1));

  useLayoutEffect(() => {
    const at = placeCaret.current;
    if (at === null || !area.current) return;
    placeCaret.current = null;
    area.current.focus();
    area.current.setSelectionRange(at, at);
  });

  const stop = () => {
    if (!typing.current) return;
    clearTimeout(typing.current);
    typing.current = null;
    onTyping?.(false);
  };
  const edited = (value: string, at: number) => {
    setText(value);
    setCaret(at);
    setActive(0);
    if (dismissed !== null && (value[dismissed] !== "/" || at <= dismissed)) setDismissed(null);
    onDraft?.(value);
    if (!typing.current) onTyping?.(true);
    else clearTimeout(typing.current);
    typing.current = setTimeout(stop, 3000);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (disabled || !text.trim()) return;
    onSend(text);
    setText("");
    setCaret(0);
    setDismissed(null);
    onDraft?.("");
    stop();
  };
  const pick = (c: CannedResponse) => {
    if (!slash || !canned) return;
    const next = replaceRange(text, slash.start, caret, fillCanned(c.text, canned.values).text);
    placeCaret.current = next.caret;
    edited(next.text.slice(0, MAX_TEXT_CHARS), Math.min(next.caret, MAX_TEXT_CHARS));
  };
  const startSearch = () => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const before = text.slice(0, at);
    const insert = before === "" || /\s$/.test(before) ? "/" : " /";
    const next = replaceRange(text, at, el ? el.selectionEnd : at, insert);
    placeCaret.current = next.caret;
    edited(next.text, next.caret);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (open && !e.isComposing) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const n = matches.length;
        if (n) setActive((current + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
        return;
      }
      if ((e.key === "Enter" || e.key === "Tab") && !e.shiftKey && matches[current]) {
        e.preventDefault();
        pick(matches[current]);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setDismissed(slash.start);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
  };
  const insertEmoji = (emoji: string) => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const next = replaceRange(text, at, el ? el.selectionEnd : at, emoji);
    placeCaret.current = Math.min(next.caret, MAX_TEXT_CHARS);
    edited(next.text.slice(0, MAX_TEXT_CHARS), placeCaret.current);
    setPicking(false);
  };
  const sync = (e: { currentTarget: HTMLTextAreaElement }) => setCaret(e.currentTarget.selectionStart);

  return (
    <form class="composer" onSubmit={submit}>
      <label class="sr" for={id}>
        {label}
      </label>
      {open && canned ? (
        <CannedPicker
          id={listId}
          query={slash.query}
          matches={matches}
          active={current}
          values={canned.values}
          onPick={pick}
          onActive={setActive}
          onManage={canned.onManage}
        />
      ) : null}
      <textarea
        id={id}
        ref={area}
        value={text}
        maxLength={MAX_TEXT_CHARS}
        placeholder={canned ? `${label} (type / for canned responses)` : label}
        disabled={disabled}
        aria-autocomplete={canned ? "list" : undefined}
        aria-controls={open && matches.length ? listId : undefined}
        aria-activedescendant={open && matches.length ? `${listId}-${current}` : undefined}
        onInput={(e) => edited(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onKeyUp={sync}
        onClick={sync}
        onBlur={() => slash && setDismissed(slash.start)}
      />
      <span class="sr" role="status">
        {open ? `${matches.length} canned responses match; use the up and down arrows and Enter` : ""}
      </span>
      {canned ? (
        <button
          type="button"
          class="canned-open"
          title="Insert a canned response"
          aria-label="Insert a canned response"
          disabled={disabled}
          onClick={startSearch}
        >
          /
        </button>
      ) : null}
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
              <button key={e} type="button" aria-label={`Insert ${e}`} onClick={() => insertEmoji(e)}>
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
