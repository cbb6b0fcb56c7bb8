/**
 * Rate limit of customer chat tickets (`POST /api/v1/chat/tickets`, which needs no login), kept by
 * the Workers rate-limiting bindings (`[[ratelimits]]` in wrangler.toml) rather than D1 rows, so a
 * customer's admission writes nothing to D1 (docs/scaling.md). Fixed one-minute windows, per client
 * address (`CHAT_TICKETS_BY_ADDRESS`, 30) and per channel (`CHAT_TICKETS_BY_CHANNEL`, 600). The
 * address is checked first and only a request it lets through counts against the channel, so one
 * address cannot use up a channel's budget and lock its customers out. A refused request adds
 * nothing, but its counter is already at the limit, so a flood stays refused until the window ends.
 * The counters are per location and eventually consistent in production (an abuse guard, not a
 * quota); locally they live in memory.
 */
import { ApiError } from "../http/problem";
import { TICKET_WINDOW_MS, TICKETS_PER_ADDRESS, TICKETS_PER_CHANNEL } from "./ticket-rate-limit";

export { TICKET_WINDOW_MS, TICKETS_PER_ADDRESS, TICKETS_PER_CHANNEL };

export type TicketLimits = {
  CHAT_TICKETS_BY_ADDRESS?: RateLimit;
  CHAT_TICKETS_BY_CHANNEL?: RateLimit;
  /** "0" turns the address limit off (load runs, where every customer shares one address). */
  CHAT_TICKETS_PER_ADDRESS?: string;
  /** "0" turns the channel limit off. */
  CHAT_TICKETS_PER_CHANNEL?: string;
};

/**
 * Seconds until the current window ends: the bindings count in windows aligned to the clock
 * (`floor(now / 60 s)`), so a refused client may retry at the next whole minute; at least 1.
 */
export function retryAfterSeconds(now: number, windowMs = TICKET_WINDOW_MS): number {
  const end = (Math.floor(now / windowMs) + 1) * windowMs;
  return Math.max(1, Math.ceil((end - now) / 1000));
}

/**
 * Counts one ticket request of `address` for `channelId`; throws 429 problem+json with
 * `Retry-After` (seconds until the window ends) when either limit is reached.
 */
export async function limitChatTicket(
  env: TicketLimits,
  address: string,
  channelId: string,
  now: number,
): Promise<void> {
  const checks = [
    {
      on: env.CHAT_TICKETS_PER_ADDRESS !== "0",
      binding: env.CHAT_TICKETS_BY_ADDRESS,
      key: address,
      what: "this address",
    },
    {
      on: env.CHAT_TICKETS_PER_CHANNEL !== "0",
      binding: env.CHAT_TICKETS_BY_CHANNEL,
      key: channelId,
      what: "this channel",
    },
  ];
  for (const check of checks) {
    if (!check.on || !check.binding) continue;
    // sequential on purpose: a request refused for its address must not count for the channel
    const { success } = await check.binding.limit({ key: check.key });
    if (!success) {
      const wait = retryAfterSeconds(now);
      throw new ApiError(
        429,
        `Too many chat requests from ${check.what}; try again in ${wait} s`,
        undefined,
        {
          "retry-after": String(wait),
        },
      );
    }
  }
}
