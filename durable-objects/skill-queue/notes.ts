/**
 * Staff-only annotations of a conversation: private notes and tags. Both go to the conversation's
 * agent and the quality checkers watching it (`staffAudience`), never to the customer: a note is
 * not a message, so the customer's fan-out, resume replay and `history.fetch` never see one, and
 * the customer's seqs never skip a number. Notes are numbered by their own seq per conversation,
 * acknowledged after they are stored (`note.acked`), deduplicated by `clientMsgId`, replayed to
 * staff on `session.resume` with `lastNoteSeq`, carried in `conversation.assigned`, moved with a
 * transfer and archived (`archive.ts`). Tags are the tenant's tag ids, set whole (`tags.set`);
 * set after the end they update the archive through the outbox.
 */
import { type AgentCommand, MAX_NOTES, type ServerEvent } from "../../worker/realtime/protocol";
import { queueArchive } from "./archive";
import type { QueueContext } from "./context";
import { staffAudience } from "./conversation";
import type { StaffAttachment } from "./sessions";
import { type ConversationRow, tagIdsOf, toNote } from "./store";

type Reply = (event: ServerEvent) => void;
type AnnotationCommand = Extract<AgentCommand, { type: "note.add" | "tags.set" }>;

/** The conversation's agent, or a quality checker watching it. */
function mayAnnotate(me: StaffAttachment, c: ConversationRow): boolean {
  return c.agent_id === me.employeeId || (me.role === "qualityChecker" && me.watching.includes(c.id));
}

export async function onAnnotation(
  q: QueueContext,
  ws: WebSocket,
  me: StaffAttachment,
  cmd: AnnotationCommand,
  reply: Reply,
): Promise<void> {
  const c = q.store.conversations.get(cmd.conversationId);
  if (!c || !mayAnnotate(me, c))
    return reply({
      type: "error",
      code: "not_found",
      message: "Conversation not found",
      ref: cmd.conversationId,
    });
  if (cmd.type === "note.add") return addNote(q, ws, me, c, cmd.clientMsgId, cmd.text, reply);
  return setTags(q, c, cmd.tagIds, reply);
}

/**
 * Stores a note (next note seq), acknowledges it to the author, then sends it to the staff who see
 * the conversation. A repeated clientMsgId is only acknowledged again with its original seq, also
 * after the end; a new note needs a live conversation with fewer than `MAX_NOTES` notes.
 */
function addNote(
  q: QueueContext,
  ws: WebSocket,
  me: StaffAttachment,
  c: ConversationRow,
  clientMsgId: string,
  text: string,
  reply: Reply,
): void {
  const refusal = q.store.notes.byClientId(c.id, clientMsgId)
    ? null
    : c.state === "ended"
      ? "The conversation has ended; notes are taken while it is live"
      : q.store.notes.count(c.id) >= MAX_NOTES
        ? `A conversation holds at most ${MAX_NOTES} notes`
        : null;
  if (refusal) {
    reply({ type: "error", code: "conflict", message: refusal, ref: clientMsgId });
    return;
  }
  const { row, duplicate } = q.store.notes.append({
    conversation_id: c.id,
    author_id: me.employeeId,
    author_name: me.name,
    text,
    client_msg_id: clientMsgId,
    at: q.now(),
  });
  q.sessions.send(ws, { type: "note.acked", conversationId: c.id, clientMsgId, seq: row.seq });
  if (!duplicate) q.sessions.sendAll(staffAudience(q, c), { type: "note", note: toNote(row) });
}

/** Replaces the conversation's tags with tags of the tenant's list (`invalid_frame` naming unknown ones). */
async function setTags(q: QueueContext, c: ConversationRow, tagIds: string[], reply: Reply): Promise<void> {
  const known = await q.config.tagIds(c.tenant_id);
  const issues: Record<string, string[]> = {};
  tagIds.forEach((id, i) => {
    if (!known.has(id)) issues[`tagIds.${i}`] = ["No such tag"];
  });
  if (Object.keys(issues).length) {
    reply({ type: "error", code: "invalid_frame", message: "Unknown tag", ref: "tags.set", issues });
    return;
  }
  q.store.conversations.update(c.id, { tags: JSON.stringify(tagIds) });
  if (c.state === "ended") queueArchive(q, c.id, "tags");
  q.sessions.sendAll(staffAudience(q, c), { type: "conversation.tagged", conversationId: c.id, tagIds });
}

/** A staff resume with `lastNoteSeq`: the notes after it, then the tags. */
export function replayNotes(q: QueueContext, ws: WebSocket, c: ConversationRow, lastNoteSeq: number): void {
  for (const n of q.store.notes.after(c.id, lastNoteSeq))
    q.sessions.send(ws, { type: "note", note: toNote(n) });
  q.sessions.send(ws, { type: "conversation.tagged", conversationId: c.id, tagIds: tagIdsOf(c) });
}
