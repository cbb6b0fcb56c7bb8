/**
 * A web chat call centre with click to dial, configured through the REST API (the console's forms
 * have their own journeys): a multimedia skill queue and its called route, a video click-to-dial
 * skill queue, a versatile agent serving both, and a web channel whose CTD Called Party is the
 * audio and video agent through that click-to-dial queue.
 */
import { PLATFORM_TOKEN } from "./server";

let n = 0;

export type ClickToDialCentre = {
  admin: { account: string; password: string };
  agent: { account: string; password: string; name: string; employeeId: string };
  chatQueueName: string;
  callQueueName: string;
  channelId: string;
};

async function call(origin: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${origin}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const data = await res.json().catch(() => null);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(data)}`);
  return data as Record<string, any>;
}

export async function clickToDialCentre(origin: string): Promise<ClickToDialCentre> {
  const tag = `${Date.now().toString(36)}${n++}`;
  const admin = { account: `admin_${tag}`, password: "admin-pass-123" };
  await fetch(`${origin}/api/v1/platform/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: `Calls ${tag}`,
      timezone: "UTC",
      admin: { ...admin, name: "Calls Admin" },
      quotas: { multimediaAgents: 5, videoAgents: 5, versatileAgents: 5, intelligentAgents: 0 },
    }),
  }).then(async (r) => {
    if (r.status !== 201) throw new Error(`tenant → ${r.status} ${await r.text()}`);
  });
  const token = (await call(origin, null, "POST", "/auth/login", admin)).token as string;
  const api = (method: string, path: string, body?: unknown) => call(origin, token, method, path, body);
  const chatQueueName = `Web ${tag}`;
  const callQueueName = `Video calls ${tag}`;
  const code = await api("POST", "/access-codes", {
    code: `41${String(Date.now() % 1e8)}${n}`,
    mediaType: "multimedia",
  });
  const chatQueue = await api("POST", "/skill-queues", {
    name: chatQueueName,
    type: "multimedia",
    channels: ["web"],
  });
  const callQueue = await api("POST", "/skill-queues", {
    name: callQueueName,
    type: "videoClickToDial",
    wrapUpDuration: 0,
  });
  const route = await api("POST", "/called-routes", {
    accessCodeId: code.id,
    deviceType: "skillQueue",
    skillQueueId: chatQueue.id,
  });
  const agent = {
    account: `vera_${tag}`,
    password: "agent-pass-123",
    name: "Vera",
    employeeId: `8${n}${Date.now() % 1000}`,
  };
  await api("POST", "/employees", {
    account: agent.account,
    name: agent.name,
    employeeId: agent.employeeId,
    role: "agent",
    accessibleOus: [],
    password: agent.password,
  });
  await api("POST", "/agents", {
    employeeId: agent.employeeId,
    platformRole: "common",
    agentType: "versatile",
    skillType: "skillQueue",
    skillQueueIds: [chatQueue.id, callQueue.id],
    defaultSkillQueueId: chatQueue.id,
    maxConcurrentChats: 3,
  });
  const channel = await api("POST", "/channels", {
    accessCode: `calls_${tag}`,
    type: "web",
    routeId: route.id,
    allowedOrigins: [origin],
    clickToDial: { calledParty: "agent", skillQueueId: callQueue.id },
  });
  return { admin, agent, chatQueueName, callQueueName, channelId: channel.id as string };
}
