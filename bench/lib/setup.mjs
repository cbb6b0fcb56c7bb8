// Builds a complete tenant through the public REST API only: tenant and admin, multimedia access
// code, one skill queue sized for load, its called route, a web channel (chatbot off, so a new
// customer queues at once) and `agents` employees configured as agents of that queue.
import { randomBytes } from "node:crypto";
import { login, must } from "./api.mjs";
import { pool } from "./sockets.mjs";

export const BENCH_ORIGIN = "http://bench.localhost";
const PASSWORD = "bench-pass-1234";

/**
 * Creates the tenant. Options: `agents` (count), `maxConcurrentChats`, `maxCallsInQueue`,
 * `reminderSeconds`, `chatbot` (customers stay with the robot instead of queueing), `label`. Resolves `{tenantId, adminToken, skillQueueId, channelId, routeId,
 * accessCodeId, agents: [{employeeId, account, token}]}`.
 */
export async function setupTenant(origin, platformToken, options = {}) {
  const label = options.label ?? randomBytes(3).toString("hex");
  const agentCount = options.agents ?? 0;
  const admin = { account: `admin_${label}`, password: PASSWORD, name: "Bench Admin" };
  const tenant = await must(origin, "POST", "/platform/tenants", {
    token: platformToken,
    body: {
      name: `Bench ${label}`,
      timezone: "UTC",
      admin,
      quotas: {
        multimediaAgents: Math.max(agentCount, 1),
        videoAgents: 0,
        versatileAgents: 0,
        intelligentAgents: 0,
      },
    },
  });
  const adminToken = await login(origin, admin.account, admin.password);
  const api = (method, path, body) => must(origin, method, path, { token: adminToken, body });

  const code = await api("POST", "/access-codes", {
    code: String(4000000 + Math.floor(Math.random() * 999999)),
    mediaType: "multimedia",
  });
  const queue = await api("POST", "/skill-queues", {
    name: `Bench queue ${label}`,
    type: "multimedia",
    channels: ["web"],
    maxWaitingTime: options.maxWaitingTime ?? 60000,
    maxCallsInQueue: options.maxCallsInQueue ?? 10000,
    wrapUpDuration: 0,
    queuing: {
      timeout: { action: "release" },
      noAgent: { action: "release" },
      busy: {
        action: "release",
        queueUsage: 100,
        forwardingCondition: "waitingDuration",
        threshold: 9999,
        maxQueuingMethod: "fixed",
        maxQueuing: 10000,
      },
    },
  });
  const route = await api("POST", "/called-routes", {
    accessCodeId: code.id,
    deviceType: "skillQueue",
    skillQueueId: queue.id,
  });
  if (options.chatbot) {
    await api("POST", "/robots", {
      name: "Bench bot",
      accessCode: `bot_${label}`,
      kind: "chatbot",
      intents: [{ keywords: ["hello"], reply: "Hi." }],
      defaultReply: "Type agent to talk to a person.",
    });
  }
  const channel = await api("POST", "/channels", {
    accessCode: `bench_${label}`,
    type: "web",
    routeId: route.id,
    transferKeywords: ["agent"],
    allowedOrigins: [BENCH_ORIGIN],
    queueReminder: { intervalSeconds: options.reminderSeconds ?? 10, content: "You are number {position}." },
    ...(options.chatbot
      ? {
          chatbot: {
            enabled: true,
            name: "Bench bot",
            robotAccessCode: `bot_${label}`,
            defaultReply: "Type agent to talk to a person.",
            timeoutReply: "Still there?",
            transferPrompt: "Transferring…",
          },
        }
      : {}),
  });
  const agents = await pool(agentCount, 6, async (i) => {
    const employeeId = String(100000 + i);
    const account = `agent_${label}_${i}`;
    await api("POST", "/employees", {
      account,
      name: `Agent ${i}`,
      employeeId,
      role: "agent",
      accessibleOus: [],
      password: PASSWORD,
    });
    await api("POST", "/agents", {
      employeeId,
      platformRole: "common",
      agentType: "multimedia",
      skillType: "skillQueue",
      skillQueueIds: [queue.id],
      defaultSkillQueueId: queue.id,
      maxConcurrentChats: options.maxConcurrentChats ?? 5,
    });
    return { employeeId, account, token: await login(origin, account, PASSWORD) };
  });
  return {
    tenantId: tenant.id,
    label,
    admin,
    adminToken,
    skillQueueId: queue.id,
    channelId: channel.id,
    routeId: route.id,
    accessCodeId: code.id,
    agents,
  };
}
