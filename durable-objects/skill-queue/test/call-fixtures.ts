/**
 * Click-to-dial fixtures: a web chat queue whose channel calls through a click-to-dial queue, the
 * chat's agent signed in to both, a customer chatting with them, and helpers to place a call and
 * open the customer's call socket.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { channels } from "../../../worker/db/schema";
import type { CallMedia, CallSummary } from "../../../worker/realtime/protocol";
import { presenceOf } from "../../agent-presence";
import {
  type AgentSpec,
  channelConfig,
  connectAgent,
  connectCustomer,
  db,
  type Fixture,
  type QueueOptions,
  queueStub,
  type Staff,
  setupQueue,
  TestSocket,
} from "./fixtures";

export type CallSetup = {
  fx: Fixture;
  /** The click-to-dial queue. */
  ctd: string;
  /** The chat's agent (versatile, in both queues). */
  agent: Staff;
  /** Their sockets to the chat queue and to the click-to-dial queue. */
  chatDesk: TestSocket;
  callDesk: TestSocket;
  customer: TestSocket & { customerId: string };
  conversationId: string;
};

/** Points the fixture's channel at a click-to-dial setting (null: none). */
export async function setClickToDial(
  fx: Fixture,
  clickToDial: {
    calledParty: "agent" | "ivr";
    skillQueueId: string | null;
    ivrAccessCode: string | null;
  } | null,
): Promise<void> {
  await db()
    .update(channels)
    .set({ config: channelConfig({ clickToDial }) })
    .where(eq(channels.id, fx.channelId));
  // what the config API does after a change
  await queueStub(fx.queueId).invalidateConfig();
}

/**
 * A chat queue and a click-to-dial queue (`ctdQueue`, video by default) on the channel; the chat's
 * agent is versatile and signed in to both (unless `agentInCtd` is false); a customer chats with them.
 */
export async function chatWithCallableAgent(
  options: { ctdQueue?: QueueOptions; agent?: AgentSpec; agentInCtd?: boolean } = {},
): Promise<CallSetup> {
  const fx = await setupQueue({ agents: [{ agentType: "versatile", ...options.agent }] });
  const agent = fx.agents[0]!;
  const inCtd = options.agentInCtd ?? true;
  const ctd = await fx.addQueue({ type: "videoClickToDial", ...options.ctdQueue }, inCtd ? [agent] : []);
  await setClickToDial(fx, { calledParty: "agent", skillQueueId: ctd, ivrAccessCode: null });
  const chatDesk = await connectAgent(agent, fx.queueId);
  await chatDesk.next("session.welcome");
  const callDesk = inCtd ? await connectAgent(agent, ctd) : chatDesk;
  if (inCtd) await callDesk.next("session.welcome");
  const customer = await connectCustomer(fx, { name: "Ada" });
  const conversationId = (await chatDesk.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, ctd, agent, chatDesk, callDesk, customer, conversationId };
}

/** The customer presses a call button and opens the call socket; returns it with the call's welcome. */
export async function placeCall(
  customer: TestSocket,
  media: CallMedia = "video",
): Promise<{ caller: TestSocket; callId: string; welcome: CallSummary }> {
  customer.send({ type: "call.start", media });
  const placed = await customer.next("call.placed");
  expect(placed.media).toBe(media);
  expect(placed.url).toMatch(/^\/ws\/call\?ticket=/);
  const caller = await TestSocket.open(placed.url);
  const welcome = (await caller.next("call.welcome")).call;
  expect(welcome.callId).toBe(placed.callId);
  return { caller, callId: placed.callId, welcome };
}

export const inState =
  (state: CallSummary["state"]) =>
  (f: { call: CallSummary }): boolean =>
    f.call.state === state;

/** Accepts the call ringing `desk` and waits until both sides see it connected. */
export async function answer(desk: TestSocket, caller: TestSocket, callId: string): Promise<void> {
  desk.send({ type: "call.accept", callId });
  await desk.next("call.updated", inState("connected"));
  await caller.next("call.updated", inState("connected"));
}

/** The agent's presence: their call slot and state. */
export function presence(fx: Fixture, employeeId: string) {
  return presenceOf(env, fx.tenantId, employeeId).snapshot();
}

/** A system message of the chat's transcript, as the customer sees it arrive. */
export function systemLine(customer: TestSocket, text: string | RegExp) {
  return customer.next(
    "message",
    (f) =>
      f.message.sender === "system" &&
      (typeof text === "string" ? f.message.text === text : text.test(f.message.text)),
  );
}

export { connectAgent, connectCustomer };
