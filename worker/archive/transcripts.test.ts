/**
 * The archive module's read and delete, as erasure and retention will call them: a transcript in
 * R2 or in the legacy rows reads the same; deleting removes both kinds for the given conversations
 * of one tenant and nothing of another tenant.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addConversation } from "../test/config-fixtures";
import { newTenant } from "../test/helpers";
import { transcriptKey } from "./transcript";
import { deleteTranscripts, readTranscript } from "./transcripts";

const refOf = (c: { tenantId: string; id: string; startedAt: number }) => ({
  tenantId: c.tenantId,
  id: c.id,
  startedAt: c.startedAt,
});

describe("archive transcripts", () => {
  it("deletes the R2 objects and legacy rows of the given conversations of one tenant only", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const inR2 = await addConversation(t.tenantId, { messages: ["keep me?", "no"] });
    const legacy = await addConversation(t.tenantId, { messages: ["old"], legacy: true });
    const kept = await addConversation(t.tenantId, { messages: ["stays"] });
    const foreign = await addConversation(other.tenantId, { messages: ["theirs"] });
    expect((await readTranscript(env, refOf(legacy))).messages.map((m) => m.text)).toEqual(["old"]);

    // another tenant's ref in the list is left alone
    await deleteTranscripts(env, t.tenantId, [inR2, legacy, foreign].map(refOf));
    expect(await env.ARCHIVE.head(transcriptKey(refOf(inR2)))).toBeNull();
    expect((await readTranscript(env, refOf(inR2))).messages).toEqual([]);
    expect((await readTranscript(env, refOf(legacy))).messages).toEqual([]);
    expect((await readTranscript(env, refOf(kept))).messages.map((m) => m.text)).toEqual(["stays"]);
    expect((await readTranscript(env, refOf(foreign))).messages.map((m) => m.text)).toEqual(["theirs"]);
    // idempotent
    await deleteTranscripts(env, t.tenantId, [inR2, legacy].map(refOf));
    await deleteTranscripts(env, t.tenantId, []);
  });
});
