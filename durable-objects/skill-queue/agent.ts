/**
 * The staff side: agents and quality checkers connecting (an agent signs in by connecting) and
 * their commands: status, sign-out, messages, typing, read receipts, ending and transferring a
 * conversation, a callout agent's answer to an offered chat. Checker-only commands are delegated to
 * `checker.ts`, notes and tags to `notes.ts`.
 */
import type { AgentIdentity } from "../../worker/realtime/identity";
import { type AgentCommand, CloseCode, type ServerEvent } from "../../worker/realtime/protocol";
import { chooseStatus, presenceEvent, signIn, signOut } from "./agents";
import { attachmentFor, unknownAttachment } from "./attachments";
import { agentConnected, agentSignedOut, onAgentCallCommand } from "./calls/party";
import { onCheckerCommand, snapshot } from "./checker";
import type { QueueContext } from "./context";
import { ackAndFanOut, endConversation, fanOut, summary } from "./conversation";
import { sendContext } from "./customer-context";
import { dispatch } from "./dispatch";
import { inboxEvent, pickUp } from "./leave-message";
import { onAnnotation, replayNotes } from "./notes";
import { acceptOffer, rejectOffer } from "./offer-answers";
import { resendOffers } from "./offers";
import { replayAll, sendHistory } from "./paging";
import { handOverRefusalMessage } from "./rules/hand-over";
import { accessLoss, REVOKED_REASONS } from "./rules/staff-access";
import type { StaffAttachment } from "./sessions";
import type { ConversationRow } from "./store";
import { moveTo } from "./transfer";

type Reply = (event: ServerEvent) => void;

const AGENT_ONLY = new Set([
  "status.set",
  "agent.signOut",
  "leftMessage.pickUp",
  "call.accept",
  "call.decline",
  "offer.accept",
  "offer.reject",
]);

export async function onStaffConnect(q: QueueContext, ws: WebSocket, who: AgentIdentity): Promise<void> {
  const now = q.now();
  let configured = (await q.config.require(now)).agents.get(who.employeeId);
  if (!configured) {
    // the ticket was issued against D1 just now: a cache older than that agent's configuration reloads
    q.config.invalidate();
    configured = (await q.config.require(now)).agents.get(who.employeeId);
  }
  const attachment: StaffAttachment = {
    role: who.role,
    tenantId: who.tenantId,
    employeeId: who.employeeId,
    name: who.name,
    watching: [],
  };
  for (const old of q.sessions.employeeSockets(who.employeeId)) {
    q.sessions.close(old, CloseCode.replaced, "Another connection of this employee took over");
  }
  q.sessions.acceptStaff(ws, attachment);
  // the ticket's role was decided when it was issued: the configuration may have changed since
  const loss = accessLoss(who.role, configured?.platformRole ?? null);
  if (!configured || loss) {
    q.sessions.close(ws, CloseCode.revoked, REVOKED_REASONS[loss ?? "notConfigured"]);
    return;
  }
  const agent =
    who.role === "agent" ? await signIn(q, who.employeeId, who.name, configured.maxConcurrentChats) : null;
  const own = q.store.conversations.ofAgent(who.employeeId);
  q.sessions.send(ws, {
    type: "session.welcome",
    role: who.role,
    skillQueueId: q.queueId,
    conversations: own.map((c) => summary(q, c)),
    agent: agent ? presenceEvent(q, agent) : null,
    serverTime: now,
    calls: [],
  });
  for (const c of own) sendContext(q, c, [ws]);
  if (who.role === "qualityChecker") q.sessions.send(ws, snapshot(q));
  else {
    q.sessions.send(ws, inboxEvent(q));
    await agentConnected(q, ws, who.employeeId);
    resendOffers(q, ws, who.employeeId);
    await dispatch(q);
  }
}

export async function onStaffCommand(
  q: QueueContext,
  ws: WebSocket,
  me: StaffAttachment,
  cmd: AgentCommand,
  reply: Reply,
) {
  const notAllowed = (message: string) =>
    reply({ type: "error", code: "not_allowed", message, ref: cmd.type });
  if (AGENT_ONLY.has(cmd.type) && me.role !== "agent") return notAllowed("Only an agent may do this");
  switch (cmd.type) {
    case "conversation.watch":
    case "conversation.unwatch":
    case "checker.insert":
    case "conversation.intercept":
    case "agent.forceBusy":
    case "agent.release":
      if (me.role !== "qualityChecker") return notAllowed("Only a quality checker may do this");
      return onCheckerCommand(q, ws, me, cmd, reply);
    case "note.add":
    case "tags.set":
      return onAnnotation(q, ws, me, cmd, reply);
    case "session.resume": {
      const entries: { c: ConversationRow; lastSeq: number }[] = [];
      for (const entry of cmd.conversations) {
        const c = q.store.conversations.get(entry.conversationId);
        if (c && (c.agent_id === me.employeeId || me.watching.includes(c.id))) {
          entries.push({ c, lastSeq: entry.lastSeq });
          if (entry.lastNoteSeq !== undefined) replayNotes(q, ws, c, entry.lastNoteSeq);
        } else
          reply({
            type: "error",
            code: "not_found",
            message: "Conversation not found",
            ref: entry.conversationId,
          });
      }
      replayAll(q, ws, entries);
      return;
    }
    case "status.set": {
      const refusal = await chooseStatus(q, me.employeeId, cmd.status);
      if (refusal) reply({ type: "error", code: "not_allowed", message: refusal, ref: cmd.type });
      return;
    }
    case "agent.signOut":
      await agentSignedOut(q, me.employeeId);
      await signOut(q, me.employeeId, "Signed out");
      return;
    case "leftMessage.pickUp":
      return pickUp(q, me, cmd.conversationId, reply);
    case "call.accept":
    case "call.decline":
    case "call.signal":
    case "call.hangup":
      return onAgentCallCommand(q, me, cmd, reply);
    case "offer.accept":
      return acceptOffer(q, me, cmd.conversationId, reply);
    case "offer.reject":
      return rejectOffer(q, me, cmd.conversationId, reply);
  }
  const c = q.store.conversations.get(cmd.conversationId);
  if (cmd.type === "history.fetch" && c && (me.role === "qualityChecker" || c.agent_id === me.employeeId))
    return sendHistory(q, ws, c, cmd.beforeSeq);
  if (!c || c.agent_id !== me.employeeId || cmd.type === "history.fetch") {
    return reply({
      type: "error",
      code: "not_found",
      message: "Conversation not found",
      ref: cmd.conversationId,
    });
  }
  switch (cmd.type) {
    case "message.send": {
      // an ended chat still re-acknowledges a retry of a stored message (a connected one does it on append)
      if (c.state !== "connected" && !q.store.messages.byClientId(c.id, cmd.clientMsgId)) {
        return reply({
          type: "error",
          code: "conflict",
          message: "The conversation has ended",
          ref: cmd.clientMsgId,
        });
      }
      const file = cmd.attachmentId
        ? attachmentFor(q, c, cmd.attachmentId, { kind: "agent", id: me.employeeId })
        : null;
      if (cmd.attachmentId && !file) return reply(unknownAttachment(cmd.clientMsgId));
      ackAndFanOut(q, ws, c, {
        sender: "agent",
        senderName: me.name,
        text: cmd.text,
        clientMsgId: cmd.clientMsgId,
        attachment: file,
      });
      return;
    }
    case "typing.set":
      if (c.state === "connected")
        fanOut(q, c, { type: "typing", conversationId: c.id, from: "agent", isTyping: cmd.isTyping }, ws);
      return;
    case "read.mark":
      fanOut(
        q,
        c,
        { type: "read", conversationId: c.id, by: "agent", seq: Math.min(cmd.seq, c.last_seq) },
        ws,
      );
      return;
    case "conversation.end":
      if (c.state === "ended") return;
      await endConversation(q, c.id, "agentEnded");
      return;
    case "conversation.transfer": {
      if (c.state !== "connected")
        return reply({
          type: "error",
          code: "conflict",
          message: "Only a live conversation can be transferred",
          ref: cmd.type,
        });
      if (cmd.skillQueueId === q.queueId)
        return notAllowed("A conversation cannot be transferred to its own skill queue");
      const config = await q.config.require(q.now());
      const target = await q.config.otherQueue(c.tenant_id, cmd.skillQueueId);
      if (!target)
        return reply({
          type: "error",
          code: "not_found",
          message: "Skill queue not found",
          ref: cmd.skillQueueId,
        });
      if (target.type !== config.queue.type)
        return notAllowed("The target skill queue must be of the same type");
      // the target queue is asked after this step commits (a step never waits on another queue)
      q.steps.later(async () => {
        const refusal = await moveTo(q, c.id, target.id, false);
        if (refusal === null) return;
        reply(
          refusal === "nobodySignedIn" || refusal === "queueFull"
            ? {
                type: "error",
                code: "unavailable",
                message: handOverRefusalMessage(refusal, target.name),
                ref: cmd.type,
              }
            : {
                type: "error",
                code: "internal",
                message: "The target skill queue did not take the conversation",
                ref: cmd.type,
              },
        );
      });
      return;
    }
  }
}
