/**
 * What the history list says below a page of a text search: the server scans transcripts in
 * bounded steps (`searched` on each page), so a page may hold few or no matches and still have
 * more to search. Plain module, testable without components.
 */
import type { Searched } from "../../../../worker/schemas/conversations";

export type SearchPage = { items: unknown[]; nextCursor: string | null; searched?: Searched };

/**
 * The footer of the list after `page`: for a text search not yet searched to the end, how far it
 * got ("Searched up to <date>") and a "Search further" button; otherwise null (the plain "Load more").
 */
export function searchProgress(
  page: SearchPage | null,
  shown: number,
  date: (ms: number) => string,
): { note: string; label: string; empty: string } | null {
  if (!page?.searched || page.nextCursor === null) return null;
  const through = page.searched.through;
  const note = through === null ? "Searched nothing yet" : `Searched up to ${date(through)}`;
  return {
    note: `${note} — ${shown ? "older conversations may match too" : "no match so far"}.`,
    label: "Search further",
    empty: `No match among the conversations that ended since ${through === null ? "—" : date(through)}.`,
  };
}
