/** Turns a ticket answer's relative `/ws/...` URL into an absolute ws:// or wss:// URL on the API origin. */
export function wsUrl(relative: string, apiOrigin: string): string {
  const u = new URL(relative, apiOrigin);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}
