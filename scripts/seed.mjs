// Idempotent demo data, created through the public REST API so it obeys every rule the API
// enforces. Safe to run on every `npm run dev`: existing objects are found and kept.

export const DEMO = {
  admin: { account: "demo_admin", password: "demo-admin-pass" },
  agents: [
    { account: "agent_alice", name: "Alice", employeeId: "1001", password: "demo-agent-pass" },
    { account: "agent_bob", name: "Bob", employeeId: "1002", password: "demo-agent-pass" },
  ],
  channelAccessCode: "demo_web",
};

class Api {
  constructor(origin, token) {
    this.origin = origin;
    this.token = token;
  }
  async call(method, path, body) {
    const res = await fetch(`${this.origin}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    return { status: res.status, data };
  }
  async must(method, path, body) {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.data)}`);
    return res.data;
  }
  async all(path) {
    const items = [];
    let cursor = null;
    do {
      const page = await this.must("GET", `${path}?limit=200${cursor ? `&cursor=${cursor}` : ""}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
  /** Finds the first item matching `match` in `path`, or creates it with `body`. */
  async ensure(path, match, body) {
    const found = (await this.all(path)).find(match);
    return found ?? (await this.must("POST", path, body));
  }
}

async function login(origin, account, password) {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account, password }),
  });
  return res.status === 200 ? (await res.json()).token : null;
}

export async function seed(origin, platformToken) {
  let token = await login(origin, DEMO.admin.account, DEMO.admin.password);
  if (!token) {
    const res = await fetch(`${origin}/api/v1/platform/tenants`, {
      method: "POST",
      headers: { authorization: `Bearer ${platformToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Demo Shop",
        timezone: "Asia/Shanghai",
        admin: { ...DEMO.admin, name: "Demo Admin" },
        quotas: { multimediaAgents: 10, videoAgents: 5, versatileAgents: 5, intelligentAgents: 5 },
      }),
    });
    if (res.status !== 201) throw new Error(`creating the demo tenant → ${res.status} ${await res.text()}`);
    token = await login(origin, DEMO.admin.account, DEMO.admin.password);
  }
  const api = new Api(origin, token);

  for (const agent of DEMO.agents) {
    await api.ensure("/employees", (e) => e.account === agent.account, {
      account: agent.account,
      name: agent.name,
      employeeId: agent.employeeId,
      role: "agent",
      accessibleOus: [],
      password: agent.password,
    });
  }
  const code = await api.ensure("/access-codes", (a) => a.code === "4008123", {
    code: "4008123",
    mediaType: "multimedia",
  });
  const queue = await api.ensure("/skill-queues", (q) => q.name === "Web Chat Support", {
    name: "Web Chat Support",
    description: "Customers from the website chat widget",
    type: "multimedia",
    channels: ["web"],
  });
  const route = await api.ensure(
    "/called-routes",
    (r) => r.accessCodeId === code.id && r.extensionCode === "",
    {
      accessCodeId: code.id,
      deviceType: "skillQueue",
      skillQueueId: queue.id,
    },
  );
  await api.ensure("/robots", (r) => r.accessCode === "demo_bot", {
    name: "Demo Assistant",
    accessCode: "demo_bot",
    kind: "chatbot",
    intents: [
      {
        keywords: ["shipping", "delivery", "发货"],
        reply: "Orders ship within 24 hours; delivery takes 2–4 working days.",
      },
      {
        keywords: ["refund", "return", "退款"],
        reply: "You can return any item within 30 days for a full refund.",
      },
      {
        keywords: ["hours", "open", "营业"],
        reply: "Our agents are online every day from 00:00 to 24:00 in this demo.",
      },
    ],
    defaultReply: "Sorry, I did not understand. Ask about shipping, refunds or hours, or type 'agent'.",
  });
  for (const agent of DEMO.agents) {
    await api.ensure("/agents", (a) => a.employeeId === agent.employeeId, {
      employeeId: agent.employeeId,
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueue",
      skillQueueIds: [queue.id],
      defaultSkillQueueId: queue.id,
      maxConcurrentChats: 3,
    });
  }
  const channel = await api.ensure("/channels", (c) => c.accessCode === DEMO.channelAccessCode, {
    accessCode: DEMO.channelAccessCode,
    type: "web",
    routeId: route.id,
    transferKeywords: ["agent", "human", "人工"],
    allowedOrigins: [origin, origin.replace("localhost", "127.0.0.1")],
    queueReminder: {
      intervalSeconds: 10,
      content: "You are number {position} in the queue (about {waitSeconds} s).",
    },
    chatbot: {
      enabled: true,
      avatar: "",
      name: "Demo Assistant",
      gender: "unspecified",
      robotAccessCode: "demo_bot",
      defaultReply: "Sorry, I did not understand. Type 'agent' to talk to a person.",
      timeoutReply: "Are you still there? Type 'agent' to talk to a person.",
      transferPrompt: "Transferring you to an agent…",
    },
  });
  return { ...DEMO, channelId: channel.id, skillQueueId: queue.id, adminToken: token };
}
