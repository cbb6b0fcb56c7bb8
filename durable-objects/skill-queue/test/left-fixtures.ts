/** Waits that end without an agent, for the left-message tests (`left-messages`, webhooks). */
import { type ChannelOptions, connectAgent, connectCustomer, setupQueue } from "./fixtures";

/** One agent busy with a first customer (limit 1), so the next customer waits. */
export async function busyQueue(channel: ChannelOptions = {}) {
  const fx = await setupQueue({ agents: [{ maxConcurrentChats: 1 }], channel });
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  await agent.next("session.welcome");
  const first = await connectCustomer(fx);
  await agent.next("conversation.assigned");
  await first.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, agent };
}

/** A customer waiting in the queue (position told). */
export async function waitingCustomer(fx: { channelId: string }, visitorId?: string, name?: string) {
  const c = await connectCustomer(fx, { visitorId, name });
  const welcome = await c.next("session.welcome");
  await c.next("queue.position");
  return { c, id: welcome.conversations[0]!.conversationId };
}

/** A customer who asked for an agent while nobody was signed in: released, message offered. */
export async function releasedNoAgent(channel: ChannelOptions = {}) {
  const fx = await setupQueue({ agents: [{}], channel });
  const c = await connectCustomer(fx, { visitorId: `left${Date.now()}abcdefgh` });
  const id = (await c.next("session.welcome")).conversations[0]!.conversationId;
  const ended = await c.next("conversation.updated", (f) => f.conversation.state === "ended");
  return { fx, c, id, ended };
}
