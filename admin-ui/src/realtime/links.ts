/**
 * Links in message text, for the widget and the workbench: `http://` and `https://` addresses
 * become links, everything else (other schemes such as `javascript:`, bare `www.` names) stays
 * text. An address ends at whitespace, `<`, `>` or `"`; punctuation after it belongs to the sentence
 * (`.,;:!?'*`), and so does a closing bracket without its opening one inside the address ("(see
 * https://x.example/a)" links `https://x.example/a`, "https://x.example/a_(b)" keeps its own).
 */

const ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** `text` split into pieces: even indexes are text, odd ones link addresses (`["see ", "https://…", "."]`). */
export function linkParts(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const m of text.matchAll(ADDRESS)) {
    let url = m[0];
    for (;;) {
      const last = url.slice(-1);
      const open = PAIRS[last];
      if (/[.,;:!?'*]/.test(last) || (open && url.split(open).length < url.split(last).length))
        url = url.slice(0, -1);
      else break;
    }
    if (url.length <= 8) continue;
    parts.push(text.slice(from, m.index), url);
    from = m.index + url.length;
  }
  parts.push(text.slice(from));
  return parts;
}
