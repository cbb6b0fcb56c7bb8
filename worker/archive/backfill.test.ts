/**
 * The backfill of legacy transcripts (D1 rows) into R2: batch by batch until done, run twice with
 * nothing duplicated, the legacy rows gone, every transcript read back as it was; an object already
 * in R2 is kept; only the platform operator may run it.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addConversation } from "../test/config-fixtures";
import { fetchApp, newTenant } from "../test/helpers";
import { backfillBatch } from "./backfill";
import { transcriptKey } from "./transcript";
import { readTranscript, writeTranscript } from "./transcripts";

const note = (text: string, createdAt: number) => ({
  authorEmployeeId: "2001",
  authorName: "Ann",
  text,
  createdAt,
});

const backfill = (token = "test-platform-token") =>
  fetchApp("/api/v1/platform/archive/backfill", {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });

async function legacyCount(ids: string[]): Promise<number> {
  const bound = JSON.stringify(ids);
  const [m, n] = await env.DB.batch([
    env.DB.prepare(
      "SELECT count(*) AS n FROM conversation_messages WHERE conversation_id IN (SELECT value FROM json_each(?))",
    ).bind(bound),
    env.DB.prepare(
      "SELECT count(*) AS n FROM conversation_notes WHERE conversation_id IN (SELECT value FROM json_each(?))",
    ).bind(bound),
  ]);
  return (m!.results[0] as { n: number }).n + (n!.results[0] as { n: number }).n;
}

async function legacyHistory() {
  const a = await newTenant();
  const b = await newTenant();
  const T = Date.UTC(2026, 0, 31, 23, 0);
  const convs = [
    await addConversation(a.tenantId, {
      legacy: true,
      startedAt: T,
      endedAt: T + 7_200_000,
      messages: ["one", "two", "three"],
      notes: [note("vip", T + 10)],
    }),
    await addConversation(a.tenantId, { legacy: true, messages: ["only messages"] }),
    await addConversation(a.tenantId, {
      legacy: true,
      messages: [],
      notes: [note("only a note", Date.now())],
    }),
    await addConversation(b.tenantId, { legacy: true, messages: ["other tenant", "reply"] }),
    await addConversation(b.tenantId, { legacy: true, messages: ["x", "y", "z", "w"] }),
  ];
  return {
    a,
    b,
    convs,
    refs: convs.map((c) => ({ tenantId: c.tenantId, id: c.id, startedAt: c.startedAt })),
  };
}

describe("archive backfill", () => {
  it("moves legacy transcripts to R2 in bounded batches, deletes the rows, and a second run changes nothing", async () => {
    const { refs } = await legacyHistory();
    const ids = refs.map((r) => r.id);
    const before = await Promise.all(refs.map((r) => readTranscript(env, r)));
    expect(await legacyCount(ids)).toBe(12);
    expect(await Promise.all(refs.map((r) => env.ARCHIVE.head(transcriptKey(r))))).toEqual(
      refs.map(() => null),
    );

    const calls: { moved: number; done: boolean }[] = [];
    for (let i = 0; i < 20; i++) {
      const step = await backfillBatch(env, 2);
      calls.push(step);
      if (step.done) break;
    }
    expect(calls.at(-1)?.done).toBe(true);
    expect(calls.every((c) => c.moved <= 2)).toBe(true);
    expect(calls.reduce((sum, c) => sum + c.moved, 0)).toBeGreaterThanOrEqual(refs.length);
    expect(await legacyCount(ids)).toBe(0);
    // the month of the key is the conversation's start (UTC), per tenant
    expect(transcriptKey(refs[0]!)).toBe(`t/${refs[0]!.tenantId}/2026-01/${refs[0]!.id}.json`);
    const objects = await Promise.all(refs.map((r) => env.ARCHIVE.head(transcriptKey(r))));
    expect(objects.every((o) => o !== null)).toBe(true);
    const after = await Promise.all(refs.map((r) => readTranscript(env, r)));
    expect(after).toEqual(before);
    expect(after[0]!.messages.map((m) => m.text)).toEqual(["one", "two", "three"]);
    expect(after[2]!.notes.map((n) => n.text)).toEqual(["only a note"]);

    const etags = objects.map((o) => o!.etag);
    const again = await backfill();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ moved: 0, done: true });
    expect(
      (await Promise.all(refs.map((r) => env.ARCHIVE.head(transcriptKey(r))))).map((o) => o!.etag),
    ).toEqual(etags);
    expect(await Promise.all(refs.map((r) => readTranscript(env, r)))).toEqual(before);
  });

  it("keeps an object already in R2 (newer, or put by a batch cut short) and only deletes the legacy rows", async () => {
    const t = await newTenant();
    const conv = await addConversation(t.tenantId, { legacy: true, messages: ["old partial"] });
    const ref = { tenantId: t.tenantId, id: conv.id, startedAt: conv.startedAt };
    const newer = {
      tenantId: t.tenantId,
      conversationId: conv.id,
      startedAt: conv.startedAt,
      messages: [],
      notes: [{ seq: 1, ...note("archived again later", conv.endedAt) }],
    };
    await writeTranscript(env.ARCHIVE, newer);
    const res = await backfill();
    expect(res.status).toBe(200);
    expect(await legacyCount([conv.id])).toBe(0);
    expect((await readTranscript(env, ref)).notes.map((n) => n.text)).toEqual(["archived again later"]);
  });

  it("needs the platform token", async () => {
    const t = await newTenant();
    expect((await backfill("wrong")).status).toBe(401);
    const res = await fetchApp("/api/v1/platform/archive/backfill", {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(res.status).toBe(401);
  });
});
