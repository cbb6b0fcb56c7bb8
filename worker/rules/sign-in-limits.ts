/**
 * Sign-in protection: the numbers and the pure parts of the policy (README "Sign-in protection").
 *
 * Every attempt is counted before its password is checked, under up to three keys:
 * - the account and the client address (the *pair*): at most `PAIR_FAILURES` failures in a fixed
 *   `WINDOW_MS` window from the pair's first attempt, then 429 until the window ends. With a valid
 *   session of the same employee the pair is the account and that session instead of the address;
 * - the client address across accounts: at most `ADDRESS_FAILURES` failures per `WINDOW_MS`;
 * - the account across addresses: `ACCOUNT_FREE_FAILURES` failures without delay, then the next
 *   attempt waits `accountDelayMs(failures)` after the previous one (progressive, capped at
 *   `ACCOUNT_DELAY_CAP_MS`); the count starts over after `WINDOW_MS` without an attempt.
 * The address and account keys apply only to attempts from an address the employee has not signed
 * in from within `KNOWN_ADDRESS_MS` and without a session of theirs, so failures elsewhere never
 * delay the owner on a known address or with a session. A success clears its pair and gives back
 * its address and account attempt; over-limit attempts are refused unverified and count nowhere.
 */

export const WINDOW_MS = 15 * 60_000;
/** Failures per account and address (or session) in one window. */
export const PAIR_FAILURES = 5;
/** Failures per address across accounts in one window (credential stuffing). */
export const ADDRESS_FAILURES = 20;
/** Failures per account from unknown addresses before attempts are spaced out. */
export const ACCOUNT_FREE_FAILURES = 5;
/** The first delay, once `ACCOUNT_FREE_FAILURES` failures are reached. */
export const ACCOUNT_FIRST_DELAY_MS = 10_000;
/** The longest delay between two attempts on one account from unknown addresses. */
export const ACCOUNT_DELAY_CAP_MS = 5 * 60_000;
/** An address stays known for this long after a successful sign-in from it. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;

/**
 * Milliseconds the next attempt on an account must wait after the previous one, given `failures`
 * (attempts from unknown addresses counted in the current window):
 * 0 below `ACCOUNT_FREE_FAILURES`, else min(10 s × 2^(failures − 5), 300 s):
 * 5 → 10 s, 6 → 20 s, 7 → 40 s, 8 → 80 s, 9 → 160 s, 10 and more → 300 s.
 */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  const doublings = Math.min(failures - ACCOUNT_FREE_FAILURES, 30);
  return Math.min(ACCOUNT_FIRST_DELAY_MS * 2 ** doublings, ACCOUNT_DELAY_CAP_MS);
}

/** The failure counts at which `accountDelayMs` changes, up to the first one at the cap. */
export function accountDelaySteps(): { failures: number; delayMs: number }[] {
  const steps: { failures: number; delayMs: number }[] = [];
  for (let f = ACCOUNT_FREE_FAILURES; ; f++) {
    steps.push({ failures: f, delayMs: accountDelayMs(f) });
    if (accountDelayMs(f) === ACCOUNT_DELAY_CAP_MS) return steps;
  }
}

/**
 * The address an attempt is counted under: an IPv4 address as is, an IPv6 address as its /64
 * prefix (one subscriber usually holds a whole /64, so counting single IPv6 addresses would let
 * one client rotate through billions of them). IPv4-mapped IPv6 counts as IPv4. Anything that
 * does not parse is used as given.
 */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}
