#!/usr/bin/env node
// A tiny terminal chat client for the realtime plane (plain Node 20+), to hold a full chat from two
// terminals against `npm run dev`:
//
//   node scripts/chat-cli.mjs customer --channel <channelId> [--name Ada] [--visitor <id>] [--token <identity JWT>]
//   node scripts/chat-cli.mjs agent --account agent_alice --password demo-agent-pass --queue <skillQueueId>
//
// Options: --base http://localhost:8787 (or $BASE). Type text to send it; commands start with "/":
//   customer: /agent  /rate <1-5> [comment]  /typing  /leave  /quit
//   agent:    /list  /use <conversation id or prefix>  /end  /transfer <queueId>  /status idle|rest  /signout  /quit
//   checker:  /watch <id>  /insert <text>  /intercept <id>  /busy <employeeId>  /release <employeeId>  (plus the agent commands)
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", default: process.env.BASE ?? "http://localhost:8787" },
    channel: { type: "string" },
    name: { type: "string" },
    visitor: { type: "string" },
    token: { type: "string" },
    account: { type: "string" },
    password: { type: "string" },
    queue: { type: "string" },
  },
});
const role = positionals[0];
if (role !== "customer" && role !== "agent") {
  console.error(
    "usage: chat-cli.mjs customer --channel <id> | agent --account <a> --password <p> --queue <id>",
  );
  process.exit(2);
}
const base = values.base.replace(/\/+$/, "");
const WS = globalThis.WebSocket ?? (await import("ws")).default;

const state = {
  visitorId: values.visitor ?? randomBytes(12).toString("base64url"),
  session: null,
  current: null,
  lastSeq: new Map(),
  conversations: new Map(),
  socket: null,
  nextUrl: null,
  closing: false,
};

async function post(path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok)
    throw new Error(`${path}: ${res.status} ${data?.detail ?? ""} ${JSON.stringify(data?.errors ?? {})}`);
  return data;
}

async function ticketUrl() {
  if (state.nextUrl) {
    const url = state.nextUrl;
    state.nextUrl = null;
    return url;
  }
  if (role === "customer") {
    if (!values.channel) throw new Error("--channel is required");
    const body = { channelId: values.channel, visitorId: state.visitorId };
    if (values.name) body.name = values.name;
    if (values.token) body.identityToken = values.token;
    const t = await post("/api/v1/chat/tickets", body);
    return t.url;
  }
  if (!state.session) {
    const login = await post("/api/v1/auth/login", { account: values.account, password: values.password });
    state.session = login.token;
  }
  const t = await post(
    "/api/v1/agent/tickets",
    { skillQueueId: values.queue },
    { authorization: `Bearer ${state.session}` },
  );
  return t.url;
}

const time = (at) => new Date(at).toLocaleTimeString();
const say = (line) => {
  process.stdout.write(`\r${line}\n> `);
};

function show(f) {
  switch (f.type) {
    case "session.welcome":
      say(
        `· connected as ${f.role} to queue ${f.skillQueueId}${f.agent ? ` (status ${f.agent.status})` : ""}`,
      );
      for (const c of f.conversations) remember(c);
      if (role === "customer" && f.conversations[0]) state.current = f.conversations[0].conversationId;
      resume();
      break;
    case "message": {
      const m = f.message;
      state.lastSeq.set(m.conversationId, Math.max(state.lastSeq.get(m.conversationId) ?? 0, m.seq));
      const tag = role === "agent" ? `[${m.conversationId.slice(-6)}] ` : "";
      say(`${tag}${time(m.at)} ${m.senderName ?? m.sender} (${m.sender}) #${m.seq}: ${m.text}`);
      break;
    }
    case "message.acked":
      break;
    case "session.resumed":
      if (f.replayed) say(`· replayed ${f.replayed} message(s) of ${f.conversationId}`);
      // a long gap comes in pages: ask for the next one from this page's end
      if (f.more && role === "customer") send({ type: "session.resume", lastSeq: f.lastSeq });
      else if (f.more)
        send({
          type: "session.resume",
          conversations: [{ conversationId: f.conversationId, lastSeq: f.lastSeq }],
        });
      break;
    case "conversation.updated":
      remember(f.conversation);
      say(
        `· conversation ${f.conversation.conversationId.slice(-6)} is ${f.conversation.state}${f.reason ? ` (${f.reason})` : ""}${f.conversation.agentName ? ` with ${f.conversation.agentName}` : ""}`,
      );
      break;
    case "conversation.assigned":
      remember(f.conversation);
      state.current = f.conversation.conversationId;
      say(
        `· new conversation ${f.conversation.conversationId} with ${f.conversation.customerName ?? f.conversation.customerId} (now current)`,
      );
      for (const m of f.messages) show({ type: "message", message: m });
      break;
    case "conversation.removed":
      state.conversations.delete(f.conversationId);
      if (state.current === f.conversationId) state.current = null;
      say(`· conversation ${f.conversationId.slice(-6)} removed (${f.reason})`);
      break;
    case "queue.position":
      say(
        f.reminder
          ? `· ${f.reminder}`
          : `· position ${f.position} in the queue, about ${f.estimatedWaitSeconds} s`,
      );
      break;
    case "typing":
      if (f.isTyping) say(`· ${f.from} is typing…`);
      break;
    case "read":
      say(`· ${f.by} read up to #${f.seq}`);
      break;
    case "evaluation.recorded":
      say(`· evaluation ${f.rating}/5 ${f.comment}`);
      break;
    case "agent.updated":
      say(`· you are ${f.agent.status} with ${f.agent.activeChats}/${f.agent.maxConcurrentChats} chats`);
      break;
    case "queue.snapshot":
      say(
        `· snapshot: ${f.waiting} waiting, agents ${f.agents.map((a) => `${a.name}:${a.status}`).join(", ") || "none"}, live ${f.conversations.map((c) => `${c.conversationId.slice(-6)}:${c.state}`).join(", ") || "none"}`,
      );
      break;
    case "session.moved":
      state.nextUrl = f.url;
      say(`· the conversation moved to queue ${f.skillQueueId}; following…`);
      break;
    case "error":
      say(`! ${f.code}: ${f.message}${f.issues ? ` ${JSON.stringify(f.issues)}` : ""}`);
      break;
    default:
      say(`· ${JSON.stringify(f)}`);
  }
}

function remember(c) {
  state.conversations.set(c.conversationId, c);
}

function send(frame) {
  if (state.socket?.readyState === 1) state.socket.send(JSON.stringify(frame));
  else say("! not connected");
}

function resume() {
  if (role === "customer") {
    if (state.current) send({ type: "session.resume", lastSeq: state.lastSeq.get(state.current) ?? 0 });
  } else {
    const conversations = [...state.conversations.keys()].map((conversationId) => ({
      conversationId,
      lastSeq: state.lastSeq.get(conversationId) ?? 0,
    }));
    if (conversations.length) send({ type: "session.resume", conversations });
  }
}

async function connect(attempt = 0) {
  let url;
  try {
    url = await ticketUrl();
  } catch (err) {
    console.error(String(err.message ?? err));
    if (attempt > 5) process.exit(1);
    setTimeout(() => connect(attempt + 1), 1000 * (attempt + 1));
    return;
  }
  const ws = new WS(`${base.replace(/^http/, "ws")}${url}`);
  state.socket = ws;
  const heartbeat = setInterval(() => ws.readyState === 1 && ws.send("ping"), 25_000);
  ws.onmessage = (e) => {
    const text = typeof e.data === "string" ? e.data : e.data.toString();
    if (text === "pong") return;
    show(JSON.parse(text));
  };
  ws.onclose = (e) => {
    clearInterval(heartbeat);
    if (state.closing) process.exit(0);
    // 4005: access withdrawn (configuration, role or password changed); reconnecting cannot help
    if (e.code === 4005) {
      say(`· access revoked: ${e.reason || "sign in again"}`);
      process.exit(1);
    }
    say(`· socket closed (${e.code}${e.reason ? ` ${e.reason}` : ""}); reconnecting…`);
    if (e.code === 1000 && role === "agent") process.exit(0);
    setTimeout(() => connect(), e.code === 4004 ? 0 : 1000);
  };
  ws.onerror = () => {};
}

function pick(prefix) {
  const ids = [...state.conversations.keys()].filter((id) => id.endsWith(prefix) || id.startsWith(prefix));
  return ids.length === 1 ? ids[0] : null;
}

let counter = 0;
const clientMsgId = () => `cli-${Date.now().toString(36)}-${counter++}`;

function command(line) {
  const [cmd, ...rest] = line.slice(1).split(" ");
  const arg = rest.join(" ").trim();
  const conversationId = state.current;
  switch (cmd) {
    case "quit":
      state.closing = true;
      state.socket?.close(1000, "bye");
      setTimeout(() => process.exit(0), 200);
      return;
    case "agent":
      return send({ type: "agent.request" });
    case "rate": {
      const [rating, ...comment] = rest;
      return send({ type: "evaluation.submit", rating: Number(rating), comment: comment.join(" ") });
    }
    case "typing":
      return send(
        role === "customer"
          ? { type: "typing.set", isTyping: true }
          : { type: "typing.set", conversationId, isTyping: true },
      );
    case "leave":
      return send({ type: "conversation.leave" });
    case "list":
      for (const c of state.conversations.values())
        say(
          `  ${c.conversationId} ${c.state} ${c.customerName ?? c.customerId}${c.conversationId === state.current ? " (current)" : ""}`,
        );
      return;
    case "use": {
      const id = pick(arg);
      if (!id) return say("! no single conversation matches");
      state.current = id;
      return say(`· current conversation ${id}`);
    }
    case "end":
      return send({ type: "conversation.end", conversationId });
    case "transfer":
      return send({ type: "conversation.transfer", conversationId, skillQueueId: arg });
    case "status":
      return send({ type: "status.set", status: arg });
    case "signout":
      state.closing = true;
      return send({ type: "agent.signOut" });
    case "watch":
      return send({ type: "conversation.watch", conversationId: pick(arg) ?? arg });
    case "insert":
      return send({ type: "checker.insert", conversationId, clientMsgId: clientMsgId(), text: arg });
    case "intercept":
      return send({ type: "conversation.intercept", conversationId: pick(arg) ?? arg });
    case "busy":
      return send({ type: "agent.forceBusy", employeeId: arg });
    case "release":
      return send({ type: "agent.release", employeeId: arg });
    default:
      say("! unknown command");
  }
}

const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "> " });
rl.on("line", (line) => {
  const text = line.trim();
  if (!text) return rl.prompt();
  if (text.startsWith("/")) command(text);
  else if (role === "customer") send({ type: "message.send", clientMsgId: clientMsgId(), text });
  else if (!state.current) say("! no current conversation (/list, /use <id>)");
  else send({ type: "message.send", conversationId: state.current, clientMsgId: clientMsgId(), text });
  rl.prompt();
});
rl.on("close", () => {
  state.closing = true;
  state.socket?.close(1000, "bye");
  setTimeout(() => process.exit(0), 200);
});
await connect();
