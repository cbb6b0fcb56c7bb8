/**
 * Erasing conversations reads their index rows (id and start, which locate the transcripts) once
 * per batch, and removes only the calling tenant's transcripts.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { transcriptKey } from "../archive/transcript";
import { addConversation } from "../test/config-fixtures";
import { newTenant } from "../test/helpers";
import { recordingD1 } from "../test/recording-d1";
import { eraseConversations } from "./erase-conversations";

const readsOfConversations = (statements: readonly string[]) =>
  statements.filter((s) => /^select\b.*\bfrom "conversations"/i.test(s));

describe("eraseConversations", () => {
  it("reads the conversations' index rows once and erases their transcripts, not another tenant's", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const a = await addConversation(t.tenantId, { messages: ["one", "two"] });
    const b = await addConversation(t.tenantId, { messages: ["three"], legacy: true });
    const foreign = await addConversation(other.tenantId, { messages: ["theirs"] });
    const recorded = recordingD1(env.DB);

    const erased = await eraseConversations({ ...env, DB: recorded.DB }, t.tenantId, [
      a.id,
      b.id,
      foreign.id,
    ]);

    expect(readsOfConversations(recorded.statements)).toHaveLength(1);
    expect(erased).toMatchObject({ conversations: 2, messages: 3 });
    expect(await env.ARCHIVE.head(transcriptKey(a))).toBeNull();
    expect(await env.ARCHIVE.head(transcriptKey(foreign))).not.toBeNull();
    const left = await env.DB.prepare("SELECT id FROM conversations WHERE id IN (?, ?, ?)")
      .bind(a.id, b.id, foreign.id)
      .all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual([foreign.id]);
  });
});
