/** A tenant and its call centre set up through the public REST API (what the console pages do). */
import { PLATFORM_TOKEN } from "./server";

export class Rest {
  constructor(
    readonly origin: string,
    private readonly token: string,
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.origin}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async must<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

export async function login(origin: string, account: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account, password }),
  });
  if (res.status !== 200) throw new Error(`login ${account} → ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export type CallCentre = {
  admin: { account: string; password: string };
  agent: { account: string; password: string; name: string; employeeId: string };
  channelId: string;
  skillQueueId: string;
  rest: Rest;
};

let n = 0;

/** A fresh tenant with one multimedia queue, a chatbot web channel and one agent, all through the API. */
export async function callCentre(origin: string): Promise<CallCentre> {
  const tag = `${Date.now().toString(36)}${n++}`;
  const admin = { account: `admin_${tag}`, password: "admin-pass-123" };
  const res = await fetch(`${origin}/api/v1/platform/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: `E2E ${tag}`,
      timezone: "UTC",
      admin: { ...admin, name: "E2E Admin" },
      quotas: { multimediaAgents: 10, videoAgents: 0, versatileAgents: 0, intelligentAgents: 0 },
    }),
  });
  if (res.status !== 201) throw new Error(`tenant → ${res.status} ${await res.text()}`);
  const rest = new Rest(origin, await login(origin, admin.account, admin.password));
  // Every day is a workday, all day: the journeys must not depend on when they run.
  await rest.must("PATCH", "/tenant", {
    calendar: { workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [], extraWorkdays: [] },
  });
  const agent = {
    account: `alice_${tag}`,
    password: "agent-pass-123",
    name: "Alice",
    employeeId: String(7000 + n),
  };
  await rest.must("POST", "/employees", { ...agent, role: "agent", accessibleOus: [] });
  // TODO(console): create the access code, skill queue, called route, robot, agent and channel
  // through the console pages (labels = the spec's parameter names) once those pages land.
  const code = await rest.must("POST", "/access-codes", {
    code: `40${Date.now() % 1e8}`,
    mediaType: "multimedia",
  });
  const queue = await rest.must("POST", "/skill-queues", {
    name: `Web ${tag}`,
    type: "multimedia",
    channels: ["web"],
  });
  const route = await rest.must("POST", "/called-routes", {
    accessCodeId: code.id,
    deviceType: "skillQueue",
    skillQueueId: queue.id,
  });
  await rest.must("POST", "/robots", {
    name: "Helper Bot",
    accessCode: `bot_${tag}`,
    kind: "chatbot",
    intents: [
      { keywords: ["shipping"], reply: "Orders ship within 24 hours." },
      { keywords: ["refund"], reply: "Refunds take 5 days." },
    ],
    defaultReply: "Sorry, I did not understand.",
  });
  await rest.must("POST", "/agents", {
    employeeId: agent.employeeId,
    platformRole: "common",
    agentType: "multimedia",
    skillType: "skillQueue",
    skillQueueIds: [queue.id],
    defaultSkillQueueId: queue.id,
    maxConcurrentChats: 3,
  });
  const day = [{ start: "00:00", end: "24:00" }];
  const channel = await rest.must("POST", "/channels", {
    accessCode: `web_${tag}`,
    type: "web",
    routeId: route.id,
    transferKeywords: ["human"],
    allowedOrigins: [origin],
    workTime: { workday: day, nonWorkday: day, nonWorkingNotice: "We are closed." },
    chatbot: {
      enabled: true,
      avatar: "",
      name: "Helper Bot",
      gender: "unspecified",
      robotAccessCode: `bot_${tag}`,
      defaultReply: "Sorry, I did not understand.",
      timeoutReply: "Are you still there?",
      transferPrompt: "Transferring you to an agent…",
    },
  });
  return { admin, agent, channelId: channel.id, skillQueueId: queue.id, rest };
}
