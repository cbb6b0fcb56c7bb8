/** A one-line preview of a message, for the widget's launcher bubble and the workbench's chat list. */

/** Characters of a message a preview shows. */
export const PREVIEW_CHARS = 80;

/** The preview of a message: whitespace collapsed, at most 80 characters (code points), cut text ending in "…". */
export function previewOf(text: string): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > PREVIEW_CHARS
    ? `${chars
        .slice(0, PREVIEW_CHARS - 1)
        .join("")
        .trimEnd()}…`
    : chars.join("");
}
