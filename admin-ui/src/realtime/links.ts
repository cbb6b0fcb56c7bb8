/**
 * Links in message text, for the widget and the workbench: `http://` and `https://` addresses
 * become links, everything else (other schemes such as `javascript:`, bare `www.` names) stays
 * text. An address ends at whitespace, `<`, `>` or `"`; it may hold parentheses only in pairs
 * ("https://x.example/a_(b)"), and it does not end in punctuation that belongs to the sentence
 * (`.,;:!?'*`, `]`, `}` or an unpaired `)`): "(see https://x.example/a)." links `https://x.example/a`.
 * Kept to one regular expression: the widget carries it.
 */

const ADDRESS = /\b(https?:\/\/(?:[^\s<>"()]|\([^\s<>"()]*\))*(?:[^\s<>"().,;:!?'*\]}]|\([^\s<>"()]*\)))/i;

/** `text` split into pieces: even indexes are text, odd ones link addresses (`["see ", "https://…", "."]`). */
export function linkParts(text: string): string[] {
  return text.split(ADDRESS);
}
