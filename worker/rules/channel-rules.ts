/**
 * Web channel rules (spec step 6, Table 4) shared by the API, the realtime side and the admin UI.
 */

/** "If it is disabled, the default timeout period is 20 minutes." */
export const DEFAULT_NO_REPLY_MINUTES = 20;

/** The no-reply timeout in force: the configured minutes when dialog end is enabled, else 20. */
export function effectiveNoReplyMinutes(dialogEnd: { enabled: boolean; noReplyMinutes: number }): number {
  return dialogEnd.enabled ? dialogEnd.noReplyMinutes : DEFAULT_NO_REPLY_MINUTES;
}

/** Placeholders the queue reminder content may contain. */
export const REMINDER_PLACEHOLDERS = ["position", "waitSeconds"] as const;

/** Placeholders of `content` that are not supported (each once). */
export function unknownPlaceholders(content: string): string[] {
  const found = [...content.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((p) => !(REMINDER_PLACEHOLDERS as readonly string[]).includes(p)))];
}

/**
 * The canonical form of an allowed origin (`scheme://host[:port]`, lower case, default port
 * dropped), or null when `text` is not exactly an http(s) origin (no path, query, fragment or
 * credentials; a trailing slash is not accepted either, to keep one spelling per origin).
 */
export function canonicalOrigin(text: string): string | null {
  if (!/^https?:\/\/[^/?#@\s]+$/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!url.hostname) return null;
  return url.origin;
}
