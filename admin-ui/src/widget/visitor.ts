/**
 * The anonymous visitor id and the "chat is open" flag, kept in localStorage so a reload continues
 * the same conversation; the pre-chat form's values, kept in sessionStorage for the page session.
 */

const KEY = "edgechat.visitor";
const OPEN_KEY = "edgechat.open";
const LEFT_KEY = "edgechat.left";
const PRE_CHAT_KEY = "edgechat.prechat";

function storage(kind: "localStorage" | "sessionStorage" = "localStorage"): Storage | null {
  try {
    return globalThis[kind] ?? null;
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames): fall back to this page view.
    return null;
  }
}

function randomId(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[b & 63];
  return s;
}

/** This browser's visitor id for `channelId` (24 URL-safe chars), created on first use. */
export function visitorId(channelId: string): string {
  const s = storage();
  const key = `${KEY}.${channelId}`;
  const found = s?.getItem(key);
  if (found && /^[A-Za-z0-9_-]{16,64}$/.test(found)) return found;
  const id = randomId();
  s?.setItem(key, id);
  return id;
}

export function rememberOpen(channelId: string, open: boolean): void {
  const s = storage();
  if (open) s?.setItem(`${OPEN_KEY}.${channelId}`, "1");
  else s?.removeItem(`${OPEN_KEY}.${channelId}`);
}

/** The pre-chat values filled in this page session (a reload mid-chat does not ask again), if any. */
export function keptPreChat(channelId: string): Record<string, string> | undefined {
  try {
    // nothing kept parses as "" and throws: undefined, so the ticket request leaves preChat out
    return JSON.parse(storage("sessionStorage")?.getItem(`${PRE_CHAT_KEY}.${channelId}`) ?? "") ?? undefined;
  } catch {
    return undefined;
  }
}

export function keepPreChat(channelId: string, values: Record<string, string>): void {
  storage("sessionStorage")?.setItem(`${PRE_CHAT_KEY}.${channelId}`, JSON.stringify(values));
}

export function wasOpen(channelId: string): boolean {
  return storage()?.getItem(`${OPEN_KEY}.${channelId}`) === "1";
}

/**
 * After the customer left a message: the last seq of it they saw (so later visits check for a
 * reply in the background and count only what is new); null when there is none to follow.
 */
export function leftSeen(channelId: string): number | null {
  const v = storage()?.getItem(`${LEFT_KEY}.${channelId}`);
  return v == null ? null : Number(v) || 0;
}

export function rememberLeft(channelId: string, seq: number | null): void {
  const s = storage();
  if (seq === null) s?.removeItem(`${LEFT_KEY}.${channelId}`);
  else s?.setItem(`${LEFT_KEY}.${channelId}`, String(seq));
}
