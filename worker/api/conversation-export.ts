/**
 * Streams an export of conversation summaries as CSV or a JSON array: each pull of the stream reads
 * one more page of the selection, so memory stays one page however many conversations match.
 */
import { type CsvValue, csvLine } from "../rules/csv";
import type { ConversationSummary } from "../schemas/conversations";

type Page = { items: ConversationSummary[]; nextCursor: string | null };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The CSV columns: header and value of a summary. */
const COLUMNS: [string, (c: ConversationSummary) => CsvValue][] = [
  ["id", (c) => c.id],
  ["startedAt", (c) => iso(c.startedAt)],
  ["endedAt", (c) => iso(c.endedAt)],
  ["skillQueueId", (c) => c.skillQueueId],
  ["channelId", (c) => c.channelId],
  ["customerName", (c) => c.customerName],
  ["agentEmployeeId", (c) => c.agentEmployeeId],
  ["agentName", (c) => c.agentName],
  ["outcome", (c) => c.outcome],
  ["waitMs", (c) => c.waitMs],
  ["firstResponseMs", (c) => c.firstResponseMs],
  ["handleMs", (c) => c.handleMs],
  ["transfers", (c) => c.transfers],
  ["messageCount", (c) => c.messageCount],
  ["rating", (c) => c.evaluation?.rating],
  ["comment", (c) => c.evaluation?.comment],
];

export function exportResponse(
  format: "csv" | "json",
  now: number,
  nextPage: (cursor: string | undefined) => Promise<Page>,
): Response {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let first = true;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const page = await nextPage(cursor);
      let text = "";
      if (first && format === "csv") text += csvLine(COLUMNS.map(([name]) => name));
      if (first && format === "json") text += "[";
      for (const item of page.items) {
        if (format === "csv") text += csvLine(COLUMNS.map(([, value]) => value(item)));
        else text += `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
        first = false;
      }
      first = false;
      cursor = page.nextCursor ?? undefined;
      if (page.nextCursor === null) {
        done = true;
        if (format === "json") text += "\n]\n";
      }
      controller.enqueue(encoder.encode(text));
      if (done) controller.close();
    },
  });
  const stamp = new Date(now).toISOString().slice(0, 10);
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="conversations-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
