/**
 * Quality checkers: a live snapshot of the queue, watching a conversation (its messages reach the
 * checker), inserting a message, intercepting (taking the conversation over from its agent),
 * forcing an agent busy and releasing them (`rules/forced-busy.ts`).
 */
import type { AgentCommand, ServerEvent } from "../../worker/realtime/protocol";
import { announceAgent, presenceEvent, releaseSlot, setStatus } from "./agents";
import { sendChatCall } from "./calls/chat-side";
import type { QueueContext } from "./context";
import { ackAndFanOut, broadcastUpdate, post, summary } from "./conversation";
import { conversationAssigned } from "./event-payloads";
import { assignedEvent } from "./paging";
import { MAX_WATCHED, type StaffAttachment } from "./sessions";

type CheckerCommand = Extract<
  AgentCommand,
  {
    type:
      | "conversation.watch"
      | "conversation.unwatch"
      | "checker.insert"
      | "conversation.intercept"
      | "agent.forceBusy"
      | "agent.release";
  }
>;

export function snapshot(q: QueueContext): Extract<ServerEvent, { type: "queue.snapshot" }> {
  return {
    type: "queue.snapshot",
    conversations: q.store.conversations.inState("bot", "queued", "connected").map((c) => summary(q, c)),
    agents: q.store.agents.all().map((a) => presenceEvent(q, a)),
    waiting: q.store.waiting.summary().count,
  };
}

/** Sends every connected quality checker the current snapshot. */
export function notifyCheckers(q: QueueContext): void {
  const checkers = q.sessions.checkers();
  if (checkers.length) q.sessions.sendAll(checkers, snapshot(q));
}

type Reply = (event: ServerEvent) => void;

export async function onCheckerCommand(
  q: QueueContext,
  ws: WebSocket,
  me: StaffAttachment,
  cmd: CheckerCommand,
  reply: Reply,
) {
  const notFound = (what: string) =>
    reply({ type: "error", code: "not_found", message: `${what} not found`, ref: cmd.type });
  if (cmd.type === "agent.forceBusy" || cmd.type === "agent.release") {
    const agent = q.store.agents.get(cmd.employeeId);
    if (!agent) return notFound("Signed-in agent");
    if (cmd.type === "agent.forceBusy") return setStatus(q, cmd.employeeId, "busy", me.name);
    if (agent.status !== "busy")
      return reply({
        type: "error",
        code: "conflict",
        message: `${agent.name} is not forced busy`,
        ref: cmd.type,
      });
    return setStatus(q, cmd.employeeId, "idle");
  }
  const c = q.store.conversations.get(cmd.conversationId);
  if (!c || c.state === "ended") return notFound("Live conversation");
  switch (cmd.type) {
    case "conversation.watch": {
      if (!me.watching.includes(c.id)) {
        if (me.watching.length >= MAX_WATCHED) {
          return reply({
            type: "error",
            code: "conflict",
            message: `Watch at most ${MAX_WATCHED} conversations`,
            ref: cmd.type,
          });
        }
        me.watching.push(c.id);
        q.sessions.setAttachment(ws, me);
      }
      q.sessions.send(ws, assignedEvent(q, c), true);
      sendChatCall(q, ws, c.id);
      return;
    }
    case "conversation.unwatch":
      me.watching = me.watching.filter((id) => id !== c.id);
      q.sessions.setAttachment(ws, me);
      reply({ type: "conversation.removed", conversationId: c.id, reason: "unwatched" });
      return;
    case "checker.insert":
      if (c.state !== "connected") {
        return reply({
          type: "error",
          code: "conflict",
          message: "Only a conversation with an agent takes insertions",
          ref: cmd.clientMsgId,
        });
      }
      ackAndFanOut(q, ws, c, {
        sender: "checker",
        senderName: me.name,
        text: cmd.text,
        clientMsgId: cmd.clientMsgId,
      });
      return;
    case "conversation.intercept": {
      if (c.state !== "connected" || !c.agent_id) {
        return reply({
          type: "error",
          code: "conflict",
          message: "Only a conversation with an agent can be intercepted",
          ref: cmd.type,
        });
      }
      if (c.agent_id === me.employeeId) return;
      const previous = c.agent_id;
      q.store.conversations.update(c.id, { agent_id: me.employeeId, agent_name: me.name });
      q.sessions.sendAll(q.sessions.employeeSockets(previous), {
        type: "conversation.removed",
        conversationId: c.id,
        reason: "intercepted",
      });
      await releaseSlot(q, previous, c.id);
      announceAgent(q, previous);
      const row = q.store.conversations.get(c.id);
      if (row) conversationAssigned(q, row, "intercepted", previous);
      if (row) q.sessions.send(ws, assignedEvent(q, row), true);
      post(q, c.id, {
        sender: "system",
        senderName: null,
        text: `${me.name} took over the conversation.`,
        notice: { code: "tookOver", params: { name: me.name } },
        clientMsgId: null,
      });
      broadcastUpdate(q, c.id);
      notifyCheckers(q);
      return;
    }
  }
}
