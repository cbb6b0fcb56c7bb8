/**
 * Sign-in protection through the real login route and real D1 (policy: rules/sign-in-limits.ts).
 * Time is moved by shifting the counters' `window_start` back, as the route reads the real clock.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_DELAY_CAP_MS,
  ACCOUNT_FIRST_DELAY_MS,
  ADDRESS_FAILURES,
  KNOWN_ADDRESS_MS,
  PAIR_FAILURES,
  WINDOW_MS,
} from "../rules/sign-in-limits";
import { fetchApp, newTenant, unique } from "../test/helpers";

// Local D1 keeps its rows between runs: start at a random point of 198.18.0.0/15 each run.
let net = Math.floor(Math.random() * 100_000);
/** A fresh IPv4 address for each call. */
const address = () => {
  net++;
  return `198.${18 + ((net >> 16) & 1)}.${(net >> 8) & 255}.${net & 255}`;
};

const signIn = (account: string, password: string, ip: string, headers: Record<string, string> = {}) =>
  fetchApp("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip, ...headers },
    body: JSON.stringify({ account, password }),
  });

const statuses = async (responses: Promise<Response>[]) => {
  const all = await Promise.all(responses);
  const count = (status: number) => all.filter((r) => r.status === status).length;
  return { 200: count(200), 401: count(401), 429: count(429), total: all.length };
};

/** Moves every sign-in counter of `account` `ms` into the past. */
const age = (account: string, ms: number) =>
  env.DB.prepare("UPDATE login_attempts SET window_start = window_start - ? WHERE key LIKE ?")
    .bind(ms, `login:%${account.toLowerCase()}%`)
    .run();

const retryAfter = (res: Response) => Number(res.headers.get("retry-after"));

// Every checked password costs a scrypt derivation (~0.1–0.3 s on a busy 2-core machine).
describe("sign-in protection", { timeout: 60_000 }, () => {
  it("100 concurrent wrong passwords: exactly 5 are checked, 95 refused unchecked; the right one after them is refused too", async () => {
    const t = await newTenant();
    const ip = address();
    const burst = await statuses(Array.from({ length: 100 }, () => signIn(t.account, "wrong password", ip)));
    expect(burst).toEqual({ 200: 0, 401: PAIR_FAILURES, 429: 100 - PAIR_FAILURES, total: 100 });
    const right = await signIn(t.account, t.password, ip);
    expect(right.status).toBe(429);
    expect(right.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await right.json()) as { status: number; detail: string };
    expect(problem.status).toBe(429);
    expect(problem.detail).toMatch(/Too many failed sign-ins to this account from this address/);
    expect(retryAfter(right)).toBeGreaterThan(WINDOW_MS / 1000 - 60);
    expect(retryAfter(right)).toBeLessThanOrEqual(WINDOW_MS / 1000);
  });

  it("a burst mixing the right password in, once the limit is used: all refused, nothing verified", async () => {
    const t = await newTenant();
    const ip = address();
    for (let i = 0; i < PAIR_FAILURES; i++) expect((await signIn(t.account, "nope", ip)).status).toBe(401);
    const burst = await statuses([
      ...Array.from({ length: 10 }, () => signIn(t.account, "nope", ip)),
      signIn(t.account, t.password, ip),
      ...Array.from({ length: 10 }, () => signIn(t.account, "nope", ip)),
    ]);
    expect(burst).toEqual({ 200: 0, 401: 0, 429: 21, total: 21 });
  });

  it("boundary: after 4 failures the 5th attempt is checked (and may sign in); after 5 the 6th is refused", async () => {
    const [t, u] = [await newTenant(), await newTenant()];
    const ip = address();
    for (let i = 0; i < PAIR_FAILURES - 1; i++)
      expect((await signIn(t.account, "nope", ip)).status).toBe(401);
    expect((await signIn(t.account, t.password, ip)).status).toBe(200);
    for (let i = 0; i < PAIR_FAILURES; i++) expect((await signIn(u.account, "nope", ip)).status).toBe(401);
    expect((await signIn(u.account, u.password, ip)).status).toBe(429);
  });

  it("a success clears the account-and-address count; the window ends after 15 minutes", async () => {
    const t = await newTenant();
    const ip = address();
    for (let i = 0; i < PAIR_FAILURES - 1; i++)
      expect((await signIn(t.account, "nope", ip)).status).toBe(401);
    expect((await signIn(t.account, t.password, ip)).status).toBe(200);
    for (let i = 0; i < PAIR_FAILURES; i++) expect((await signIn(t.account, "nope", ip)).status).toBe(401);
    expect((await signIn(t.account, t.password, ip)).status).toBe(429);
    await age(t.account, WINDOW_MS - 2000);
    expect((await signIn(t.account, t.password, ip)).status).toBe(429);
    await age(t.account, 2000);
    expect((await signIn(t.account, t.password, ip)).status).toBe(200);
  });

  it("an attacker failing 50 times on address X does not stop the owner on a known address Y", async () => {
    const t = await newTenant();
    const [x, y] = [address(), address()];
    expect((await signIn(t.account, t.password, y)).status).toBe(200);
    const attack = await statuses(Array.from({ length: 50 }, () => signIn(t.account, "guess", x)));
    expect(attack).toEqual({ 200: 0, 401: PAIR_FAILURES, 429: 50 - PAIR_FAILURES, total: 50 });
    // Make the account look like it has been attacked from many addresses for a long time.
    await env.DB.prepare("UPDATE login_attempts SET failures = 1000 WHERE key = ?")
      .bind(`login:account:${t.account.toLowerCase()}`)
      .run();
    expect((await signIn(t.account, t.password, y)).status).toBe(200);
    expect((await signIn(t.account, t.password, y)).status).toBe(200);
    expect((await signIn(t.account, t.password, x)).status).toBe(429);
  });

  it("the owner on a new address waits a bounded delay: 10 s after 5 failures, never more than 5 minutes", async () => {
    const t = await newTenant();
    const [x, z] = [address(), address()];
    for (let i = 0; i < 50; i++) await signIn(t.account, "guess", x);
    const delayed = await signIn(t.account, t.password, z);
    expect(delayed.status).toBe(429);
    expect(retryAfter(delayed)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(delayed)).toBeLessThanOrEqual(ACCOUNT_FIRST_DELAY_MS / 1000);
    expect(((await delayed.json()) as { detail: string }).detail).toMatch(/each new try waits 10 s/);
    // Retrying while delayed costs nothing: the refused tries count nowhere.
    for (let i = 0; i < 20; i++) expect((await signIn(t.account, t.password, z)).status).toBe(429);
    await age(t.account, ACCOUNT_FIRST_DELAY_MS);
    expect((await signIn(t.account, t.password, z)).status).toBe(200);

    // However many failures pile up, the wait between two tries stays at most 5 minutes.
    await env.DB.prepare("UPDATE login_attempts SET failures = 100000, window_start = ? WHERE key = ?")
      .bind(Date.now(), `login:account:${t.account.toLowerCase()}`)
      .run();
    const capped = await signIn(t.account, t.password, address());
    expect(capped.status).toBe(429);
    expect(retryAfter(capped)).toBeGreaterThan(ACCOUNT_DELAY_CAP_MS / 1000 - 10);
    expect(retryAfter(capped)).toBeLessThanOrEqual(ACCOUNT_DELAY_CAP_MS / 1000);
    await age(t.account, ACCOUNT_DELAY_CAP_MS);
    expect((await signIn(t.account, t.password, address())).status).toBe(200);
  });

  it("from new addresses the account's failures are spaced out: 5 concurrent new addresses pass, the 6th waits", async () => {
    const t = await newTenant();
    const burst = await statuses(Array.from({ length: 30 }, () => signIn(t.account, "guess", address())));
    expect(burst).toEqual({ 200: 0, 401: 5, 429: 25, total: 30 });
    await age(t.account, ACCOUNT_FIRST_DELAY_MS);
    const next = await statuses(Array.from({ length: 10 }, () => signIn(t.account, "guess", address())));
    expect(next).toEqual({ 200: 0, 401: 1, 429: 9, total: 10 });
    const wait = await signIn(t.account, t.password, address());
    expect(retryAfter(wait)).toBeGreaterThan(2 * (ACCOUNT_FIRST_DELAY_MS / 1000) - 5);
    expect(retryAfter(wait)).toBeLessThanOrEqual(2 * (ACCOUNT_FIRST_DELAY_MS / 1000));
  });

  it("a request carrying the employee's own valid session is never locked out by others' failures", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const x = address();
    for (let i = 0; i < 30; i++) await signIn(t.account, "guess", x);
    expect((await signIn(t.account, t.password, x)).status).toBe(429);
    expect((await signIn(t.account, t.password, x, { authorization: `Bearer ${other.token}` })).status).toBe(
      429,
    );
    expect((await signIn(t.account, t.password, x, { authorization: `Bearer ${t.token}` })).status).toBe(200);
  });

  it(`caps failures per address across accounts at ${ADDRESS_FAILURES}, except for accounts known at that address`, async () => {
    const t = await newTenant();
    const regular = await newTenant();
    const ip = address();
    expect((await signIn(regular.account, regular.password, ip)).status).toBe(200);
    for (let i = 0; i < ADDRESS_FAILURES; i++)
      expect((await signIn(`nobody_${i}_${unique()}`, "x", ip)).status).toBe(401);
    const refused = await signIn(t.account, t.password, ip);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(
      /from this address across accounts/,
    );
    expect((await signIn(regular.account, regular.password, ip)).status).toBe(200);
    expect((await signIn(t.account, t.password, address())).status).toBe(200);
  });

  it("counts an IPv6 client by its /64: rotating addresses inside it does not reset the count", async () => {
    const t = await newTenant();
    const prefix = `2001:db8:${(net++ % 65_000).toString(16)}:7`;
    for (let i = 1; i <= PAIR_FAILURES; i++)
      expect((await signIn(t.account, "nope", `${prefix}::${i}`)).status).toBe(401);
    expect((await signIn(t.account, t.password, `${prefix}:ffff::1`)).status).toBe(429);
  });

  it("an address stays known for 30 days after a successful sign-in", async () => {
    const t = await newTenant();
    const [recent, old] = [address(), address()];
    const remember = (ip: string, at: number) =>
      env.DB.prepare(
        `INSERT INTO sign_in_addresses (employee_row_id, address, last_success_at)
         SELECT id, ?, ? FROM employees WHERE account = ?`,
      )
        .bind(ip, at, t.account)
        .run();
    await remember(recent, Date.now() - KNOWN_ADDRESS_MS + 60_000);
    await remember(old, Date.now() - KNOWN_ADDRESS_MS);
    await env.DB.prepare(
      "INSERT OR REPLACE INTO login_attempts (key, window_start, failures) VALUES (?, ?, ?)",
    )
      .bind(`login:account:${t.account.toLowerCase()}`, Date.now(), 7)
      .run();
    expect((await signIn(t.account, t.password, old)).status).toBe(429);
    expect((await signIn(t.account, t.password, recent)).status).toBe(200);
  });
});
