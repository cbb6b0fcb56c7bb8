/**
 * A customer's data as one JSON document, streamed: each pull of the stream reads one more
 * conversation (its summary, tags, transcript, staff notes, calls and the files it holds, listed
 * by name and type), so memory stays one conversation however long the history. Then the
 * customer's cases. Left messages are the conversations with `leftAt` (listed apart too, by id).
 * Internal notes are included: they are data the tenant keeps about the customer.
 */
import { and, asc, desc, eq, isNotNull, lt, or } from "drizzle-orm";
import { readTranscript } from "../archive/transcripts";
import { cases, conversationCalls, conversations, conversationTags, tags } from "../db/schema";
import { database } from "../db/tenant-db";
import type { Env } from "../env";
import type { IdentifierKind } from "../schemas/privacy";
import { type CustomerMatch, casesOf, conversationsOf } from "./customer-match";

/** Conversation ids read per D1 round while streaming. */
const PAGE = 50;

type Cursor = { endedAt: number; id: string } | null;

async function conversationPage(env: Pick<Env, "DB">, match: CustomerMatch, after: Cursor) {
  const db = database(env.DB);
  return db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, match.tenantId),
        conversationsOf(match),
        after
          ? or(
              lt(conversations.endedAt, after.endedAt),
              and(eq(conversations.endedAt, after.endedAt), lt(conversations.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(conversations.endedAt), desc(conversations.id))
    .limit(PAGE);
}

/** One conversation of the export, complete. */
async function conversationDocument(
  env: Pick<Env, "DB" | "ARCHIVE">,
  row: typeof conversations.$inferSelect,
) {
  const db = database(env.DB);
  const { tenantId, ...summary } = row;
  const [tagRows, calls] = await db.batch([
    db
      .select({ name: tags.name })
      .from(conversationTags)
      .innerJoin(tags, and(eq(tags.id, conversationTags.tagId), eq(tags.tenantId, conversationTags.tenantId)))
      .where(and(eq(conversationTags.tenantId, tenantId), eq(conversationTags.conversationId, row.id)))
      .orderBy(asc(tags.name)),
    db
      .select({
        media: conversationCalls.media,
        outcome: conversationCalls.outcome,
        placedAt: conversationCalls.placedAt,
        connectedAt: conversationCalls.connectedAt,
        endedAt: conversationCalls.endedAt,
        durationSeconds: conversationCalls.durationSeconds,
      })
      .from(conversationCalls)
      .where(and(eq(conversationCalls.tenantId, tenantId), eq(conversationCalls.conversationId, row.id)))
      .orderBy(asc(conversationCalls.placedAt)),
  ]);
  const transcript = await readTranscript(env, { tenantId, id: row.id, startedAt: row.startedAt });
  const messages = transcript.messages.map(({ seq, sender, senderName, text, createdAt, attachment }) => ({
    seq,
    sender,
    senderName,
    text,
    createdAt,
    attachment,
  }));
  const notes = transcript.notes.map(({ seq, authorName, text, createdAt }) => ({
    seq,
    authorName,
    text,
    createdAt,
  }));
  const attachments = messages.flatMap((m) =>
    m.attachment
      ? [
          {
            id: m.attachment.id,
            name: m.attachment.name,
            contentType: m.attachment.contentType,
            size: m.attachment.size,
          },
        ]
      : [],
  );
  return { ...summary, tags: tagRows.map((t) => t.name), messages, notes, calls, attachments };
}

/** The export as a streamed `application/json` download. */
export function exportCustomer(
  env: Pick<Env, "DB" | "ARCHIVE">,
  match: CustomerMatch,
  kind: IdentifierKind,
  now: number,
): Response {
  const encoder = new TextEncoder();
  let queue: (typeof conversations.$inferSelect)[] = [];
  let cursor: Cursor = null;
  let stage: "head" | "conversations" | "tail" | "done" = "head";
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const put = (text: string) => controller.enqueue(encoder.encode(text));
      if (stage === "head") {
        const head = {
          exportedAt: new Date(now).toISOString(),
          identifierKind: kind,
          customerIds: match.customerIds,
        };
        put(`${JSON.stringify(head).slice(0, -1)},\n"conversations":[`);
        stage = "conversations";
        return;
      }
      if (stage === "conversations") {
        if (queue.length === 0) {
          queue = await conversationPage(env, match, cursor);
          const last = queue.at(-1);
          if (!last) {
            stage = "tail";
            put("\n]");
            return;
          }
          cursor = { endedAt: last.endedAt, id: last.id };
        }
        const row = queue.shift();
        if (row) put(`${first ? "\n" : ",\n"}${JSON.stringify(await conversationDocument(env, row))}`);
        first = false;
        return;
      }
      if (stage === "tail") {
        const db = database(env.DB);
        const [caseRows, left] = await db.batch([
          db
            .select()
            .from(cases)
            .where(and(eq(cases.tenantId, match.tenantId), casesOf(match)))
            .orderBy(asc(cases.createdAt)),
          db
            .select({
              conversationId: conversations.id,
              leftAt: conversations.leftAt,
              contact: conversations.contact,
              outcome: conversations.outcome,
            })
            .from(conversations)
            .where(
              and(
                eq(conversations.tenantId, match.tenantId),
                conversationsOf(match),
                isNotNull(conversations.leftAt),
              ),
            )
            .orderBy(asc(conversations.leftAt)),
        ]);
        const caseDocs = caseRows.map(({ tenantId: _t, ...c }) => c);
        put(`,\n"cases":${JSON.stringify(caseDocs)},\n"leftMessages":${JSON.stringify(left)}\n}\n`);
        stage = "done";
        controller.close();
      }
    },
  });
  const stamp = new Date(now).toISOString().slice(0, 10);
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="customer-data-${stamp}.json"`,
      "cache-control": "no-store",
    },
  });
}
