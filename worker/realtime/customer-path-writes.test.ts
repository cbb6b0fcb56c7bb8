/**
 * The customer's path from "open the widget" (`POST /api/v1/chat/tickets`) to "socket in the
 * queue object" writes nothing to D1: D1 has one single-threaded primary per database, so a write
 * per connection would make it the deployment's ceiling (docs/scaling.md). Two witnesses: the
 * Worker runs with a D1 binding that records every statement it is given (any that is not a read
 * counts), and every D1 table's content is the same before and after (which also covers writes
 * the queue object would make with its own binding).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { connectAgent, setupQueue, TestSocket, tick } from "../../durable-objects/skill-queue/test/fixtures";
import type { Env } from "../env";
import worker from "../index";
import { recordingD1 } from "../test/recording-d1";

const CONNECTIONS = 20;

/** `env` whose D1 binding records the SQL of every statement prepared or executed through it. */
function recordingEnv(): { env: Env; statements: string[] } {
  const { DB, statements } = recordingD1(env.DB);
  return { env: { ...(env as unknown as Env), DB }, statements };
}

const isRead = (query: string) => /^\s*(select|with\b(?![\s\S]*\b(insert|update|delete)\b))/i.test(query);

/** Every row of every table of the D1 database, as one string (D1's own tables left out). */
async function content(): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
    parts.push(`${name}:${JSON.stringify(rows.results)}`);
  }
  return parts.join("\n");
}

describe("customer path", () => {
  it(`${CONNECTIONS} customers get a ticket and a socket in the queue object without one D1 write`, async () => {
    // an agent is signed in (its own ticket is a D1 write, before counting), so every customer
    // stays in a live conversation: ending one archives it to D1, which is not this path
    const fx = await setupQueue({ agents: [{ maxConcurrentChats: CONNECTIONS }] });
    const agent = await connectAgent(fx.agents[0]!, fx.queueId);
    await agent.next("session.welcome");
    const before = await content();
    const recording = recordingEnv();
    const call = async (path: string, init?: RequestInit) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(new Request(`http://local.test${path}`, init), recording.env, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const sockets: TestSocket[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const res = await call("/api/v1/chat/tickets", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": `192.0.2.${i}` },
        body: JSON.stringify({ channelId: fx.channelId, visitorId: `path-writes-visitor-${i}` }),
      });
      expect(res.status).toBe(201);
      const { url } = (await res.json()) as { url: string };
      const up = await call(url, { headers: { upgrade: "websocket" } });
      expect(up.status).toBe(101);
      up.webSocket?.accept();
      const socket = new TestSocket(up.webSocket as WebSocket);
      await socket.next("session.welcome");
      sockets.push(socket);
    }
    await tick(100);
    expect(recording.statements.length).toBeGreaterThan(0); // the recorder sees the Worker's reads
    expect(recording.statements.filter((q) => !isRead(q))).toEqual([]);
    expect(await content()).toBe(before);
    for (const s of [...sockets, agent]) s.close();
  });
});
