/**
 * Work-time boundaries: while a channel has customers waiting in this queue, a `workTime` timer
 * (ref: the channel id) is due at the channel's next work-time change (`nextWorkTimeChange`).
 * When agent work time ends, the customers still waiting get the channel's non-working-time notice
 * and their wait ends (`nonWorkingTime`, a message may be left: `leave-message.ts`); conversations with the chatbot or with an agent
 * go on. The handler re-checks the clock, so an early or repeated firing only re-arms the timer.
 */

import type { Notice } from "../../worker/realtime/protocol";
import type { ChannelRow, QueueConfig } from "./config";
import type { QueueContext } from "./context";
import { releaseWait } from "./leave-message";
import { DEFAULT_NON_WORKING_NOTICE } from "./queue";
import { isWorkingTime, nextWorkTimeChange, WORK_TIME_HORIZON_MS } from "./rules/work-time";

/**
 * The notice a customer gets outside the channel's agent work time: the channel's own words as
 * written, else the default (with its notice code, so the widget words it in the customer's language).
 */
export function nonWorkingNotice(channel: ChannelRow): { text: string; notice: Notice | null } {
  const own = channel.config.workTime.nonWorkingNotice;
  return own
    ? { text: own, notice: null }
    : { text: DEFAULT_NON_WORKING_NOTICE, notice: { code: "nonWorkingTime", params: {} } };
}

/** Whether agents of the channel are working now, in the tenant's calendar and time zone. */
export function channelWorking(channel: ChannelRow, config: QueueConfig, now: number): boolean {
  return isWorkingTime(channel.config.workTime, config.tenant.calendar, config.tenant.timezone, now);
}

/**
 * Schedules the channel's `workTime` timer at its next work-time change, unless one is scheduled
 * (a change further than the rule's horizon is re-checked at the horizon).
 */
export function armWorkTime(q: QueueContext, channel: ChannelRow, config: QueueConfig): void {
  if (q.timers.get("workTime", channel.id) !== null) return;
  const now = q.now();
  const next = nextWorkTimeChange(
    channel.config.workTime,
    config.tenant.calendar,
    config.tenant.timezone,
    now,
  );
  q.timers.set("workTime", channel.id, next ?? now + WORK_TIME_HORIZON_MS);
}

/** Makes every scheduled work-time check due now (the channels' or the calendar's settings changed). */
export function recheckWorkTime(q: QueueContext): void {
  for (const channelId of q.timers.refs("workTime")) q.timers.set("workTime", channelId, q.now());
}

/**
 * `workTime` timer: outside work time the channel's waiting customers get the notice and end
 * (`nonWorkingTime`); inside it nothing changes. Either way the timer is re-armed while the
 * channel still has waiting customers (the next one to queue arms it otherwise).
 */
export async function workTimeBoundary(q: QueueContext, channelId: string): Promise<void> {
  const waiting = q.store.conversations.inState("queued").filter((c) => c.channel_id === channelId);
  const first = waiting[0];
  if (!first) return;
  const now = q.now();
  const config = await q.config.get(now);
  const channel = await q.config.channel(first.tenant_id, channelId);
  if (!config || !channel) return;
  if (!channelWorking(channel, config, now)) {
    const notice = nonWorkingNotice(channel);
    for (const c of waiting) await releaseWait(q, c.id, "nonWorkingTime", notice);
    return;
  }
  armWorkTime(q, channel, config);
}
