/**
 * Bench-only echo Worker: the physical floor for the product's realtime path. Two Durable Objects
 * accept WebSockets exactly as the SkillQueue does (Hibernation API, `ping`/`pong` auto-response):
 * `EchoBare` sends every frame straight back; `EchoInsert` first writes one SQLite row per frame,
 * so its reply leaves only after the write is durable (the output gate), like a product ack.
 *
 * Routes: `GET /bench/echo/bare?room=<name>` and `GET /bench/echo/insert?room=<name>` (WebSocket),
 * `GET /bench/echo/stats?kind=insert&room=<name>` → `{rows}`.
 */
import { DurableObject } from "cloudflare:workers";

type EchoEnv = {
  ECHO_BARE: DurableObjectNamespace<EchoBare>;
  ECHO_INSERT: DurableObjectNamespace<EchoInsert>;
};

abstract class EchoBase extends DurableObject<EchoEnv> {
  constructor(ctx: DurableObjectState, env: EchoEnv) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  override async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname.endsWith("/stats")) return Response.json(this.stats());
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Open as a WebSocket", { status: 426 });
    }
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, "bye");
  }

  protected stats(): Record<string, number> {
    return { sockets: this.ctx.getWebSockets().length };
  }
}

/** Sends every frame straight back. */
export class EchoBare extends EchoBase {
  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    ws.send(message);
  }
}

/** Writes one SQLite row per frame, then sends the frame back (released after the write commits). */
export class EchoInsert extends EchoBase {
  constructor(ctx: DurableObjectState, env: EchoEnv) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, at INTEGER NOT NULL)",
    );
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    const body = typeof message === "string" ? message : new TextDecoder().decode(message);
    this.ctx.storage.sql.exec("INSERT INTO messages (body, at) VALUES (?, ?)", body, Date.now());
    ws.send(message);
  }

  protected override stats(): Record<string, number> {
    const rows = this.ctx.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages").one().n;
    return { ...super.stats(), rows };
  }
}

export default {
  async fetch(request: Request, env: EchoEnv): Promise<Response> {
    const url = new URL(request.url);
    const match = url.pathname.match(/^\/bench\/echo\/(bare|insert)(\/stats)?$/);
    if (!match) return new Response("Not found", { status: 404 });
    const room = url.searchParams.get("room") || "default";
    const ns = match[1] === "bare" ? env.ECHO_BARE : env.ECHO_INSERT;
    return ns.get(ns.idFromName(room)).fetch(request);
  },
} satisfies ExportedHandler<EchoEnv>;
