// Scenario 1, relay: customer/agent pairs on one skill queue exchange messages open-loop at a
// total rate; latency is from the scheduled send to the peer's receipt (customer→agent and back),
// plus the sender's ack. Also the sustained persisted-and-acknowledged rate on the one queue DO.
import { latencyHistogram, recordMs, summarize } from "../lib/hdr.mjs";
import { performance, runOpenLoop, waitUntil } from "../lib/open-loop.mjs";

/**
 * Runs `count` messages at `rate` over `pairs` (array of `{customer, agent, conversationId}`),
 * alternating direction unless `oneWay`. Message i goes on pair i % pairs.length.
 */
export async function relayPhase({ pairs, rate, count, oneWay = false, tag, drainTimeoutMs = 60_000 }) {
  const peer = latencyHistogram();
  const ack = latencyHistogram();
  const dueAt = new Float64Array(count);
  const got = new Uint8Array(count);
  const acked = new Uint8Array(count);
  let received = 0;
  let ackedCount = 0;
  let duplicates = 0;
  const prefix = `${tag}:`;
  const onEvent = (e, client) => {
    const now = performance.now();
    if (e.type === "message" && e.message.text.startsWith(prefix)) {
      const i = Number(e.message.text.slice(prefix.length));
      const fromCustomer = e.message.sender === "customer";
      if ((client.kind === "agent") !== fromCustomer) return; // the sender's own copy
      if (got[i]) {
        duplicates++;
        return;
      }
      got[i] = 1;
      received++;
      recordMs(peer, now - dueAt[i]);
    } else if (e.type === "message.acked" && e.clientMsgId.startsWith(prefix)) {
      const i = Number(e.clientMsgId.slice(prefix.length));
      if (acked[i]) return;
      acked[i] = 1;
      ackedCount++;
      recordMs(ack, now - dueAt[i]);
    }
  };
  for (const p of pairs) {
    p.customer.onEvent = onEvent;
    p.agent.onEvent = onEvent;
  }
  const started = performance.now();
  const loop = await runOpenLoop({
    rate,
    count,
    deadlineMs: (count / rate) * 1000 + 30_000,
    send: (i, due) => {
      dueAt[i] = due;
      const p = pairs[i % pairs.length];
      const fromAgent = !oneWay && Math.floor(i / pairs.length) % 2 === 1;
      const id = `${prefix}${i}`;
      if (fromAgent) p.agent.say(id, id, p.conversationId);
      else p.customer.say(id, id);
    },
  });
  const sendSeconds = (performance.now() - started) / 1000;
  // A saturated object keeps draining after the last send; wait for it (bounded) so the next
  // measurement does not run against its backlog.
  await waitUntil(() => received >= loop.sent && ackedCount >= loop.sent, drainTimeoutMs);
  const elapsedS = (performance.now() - started) / 1000;
  const closed = pairs.filter((p) => !p.customer.open || !p.agent.open).length;
  return {
    latencyMs: summarize(peer),
    ackLatencyMs: summarize(ack),
    sent: loop.sent,
    received,
    acked: ackedCount,
    lost: loop.sent - received,
    unacked: loop.sent - ackedCount,
    duplicates,
    ackedPerSecond: Math.round(ackedCount / Math.max(elapsedS, sendSeconds)),
    drainSeconds: Math.round((elapsedS - sendSeconds) * 10) / 10,
    clientMaxLagMs: Math.round(loop.maxLagMs),
    socketsClosed: closed,
  };
}
