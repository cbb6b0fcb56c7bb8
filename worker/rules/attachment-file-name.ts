/**
 * The name an attachment is shown and downloaded under. It comes from the uploader, so it is
 * cleaned before it is stored: Unicode NFC; control characters, line separators and the
 * bidirectional overrides and isolates (which could make `exe.txt` read as `txt.exe`) removed;
 * `/` and `\` replaced by `_` (never a path); white space runs collapsed to one space; at most
 * `MAX_FILE_NAME_CHARS` characters (code points, so an emoji is never cut in half), keeping the
 * extension. An empty result is `file`.
 */

export const MAX_FILE_NAME_CHARS = 120;
/** The longest extension kept when a long name is shortened (dot included). */
const MAX_EXTENSION_CHARS = 16;

const REMOVED = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

export function attachmentFileName(raw: string | null | undefined): string {
  const clean = (raw ?? "")
    .normalize("NFC")
    .replace(REMOVED, "")
    .replace(/[/\\]/g, "_")
    .replace(/\s+/gu, " ")
    .trim();
  const chars = [...clean];
  if (chars.length <= MAX_FILE_NAME_CHARS) return clean || "file";
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 ? [...clean.slice(dot)] : [];
  const keep = extension.length > 0 && extension.length <= MAX_EXTENSION_CHARS ? extension : [];
  return [...chars.slice(0, MAX_FILE_NAME_CHARS - keep.length), ...keep].join("").trim();
}

/**
 * A `Content-Disposition` header value (RFC 6266): an ASCII `filename` for old clients and the
 * exact name as `filename*` (RFC 8187, UTF-8, percent-encoded).
 */
export function contentDisposition(disposition: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
