/**
 * Rows written straight into local D1 for the skill queue and called route tests: OUs, agents with
 * OU rights, data isolation, and the things that refer to queues and routes (agents, groups,
 * channels), whose own APIs are not under test there.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import { newId } from "../db/ids";
import {
  agentSkillQueues,
  agents,
  type ChannelConfig,
  channels,
  employees,
  orgUnits,
  skillQueueGroupMembers,
  skillQueueGroups,
  tenants,
} from "../db/schema";
import { database } from "../db/tenant-db";
import { type Client, client, login, unique } from "./helpers";

const db = () => database(env.DB);
const PASSWORD = "correct horse battery";
let hash: Promise<string> | undefined;

export async function addOrgUnit(tenantId: string): Promise<string> {
  const id = newId("ou");
  await db()
    .insert(orgUnits)
    .values({ id, tenantId, name: `unit ${unique()}`, parentId: null });
  return id;
}

export async function setDataIsolation(tenantId: string, on: boolean): Promise<void> {
  await db().update(tenants).set({ dataIsolation: on }).where(eq(tenants.id, tenantId));
}

/** A signed-in common agent (role agent) with a home OU and accessible OUs. */
export async function agentClient(
  tenantId: string,
  ous: { ouId?: string | null; accessibleOus?: { ouId: string; access: "read" | "readWrite" }[] } = {},
): Promise<Client> {
  hash ??= hashPassword(PASSWORD);
  const account = `agent_${unique()}`;
  await db()
    .insert(employees)
    .values({
      id: newId("em"),
      tenantId,
      account,
      name: account,
      employeeId: String(Math.floor(Math.random() * 1e9)),
      role: "agent",
      ouId: ous.ouId ?? null,
      accessibleOus: ous.accessibleOus ?? [],
      passwordHash: await hash,
    });
  return client(await login(account, PASSWORD), tenantId);
}

/** An agent serving `skillQueueId` (or having it only as default). */
export async function addAgent(
  tenantId: string,
  skillQueueId: string,
  how: "member" | "default",
): Promise<string> {
  const id = newId("ag");
  await db()
    .insert(agents)
    .values({
      id,
      tenantId,
      employeeId: String(Math.floor(Math.random() * 1e9)),
      platformRole: "common",
      agentType: "versatile",
      skillType: "skillQueue",
      defaultSkillQueueId: how === "default" ? skillQueueId : null,
    });
  if (how === "member") {
    await db().insert(agentSkillQueues).values({ tenantId, agentId: id, skillQueueId, position: 0 });
  }
  return id;
}

export async function addGroup(tenantId: string, skillQueueId: string): Promise<string> {
  const id = newId("sg");
  await db()
    .insert(skillQueueGroups)
    .values({ id, tenantId, name: `group ${unique()}` });
  await db().insert(skillQueueGroupMembers).values({ tenantId, groupId: id, skillQueueId, position: 0 });
  return id;
}

/** A web channel whose route, silent-agent route or click-to-dial queue is the given id. */
export async function addChannel(
  tenantId: string,
  refs: { routeId?: string; silentAgentRouteId?: string; clickToDialQueueId?: string },
): Promise<string> {
  const id = newId("ch");
  const config: ChannelConfig = {
    transferKeywords: [],
    allowedOrigins: [],
    clickToDial: refs.clickToDialQueueId
      ? { calledParty: "agent", skillQueueId: refs.clickToDialQueueId, ivrAccessCode: null }
      : null,
    dialogEnd: { enabled: false, noReplyMinutes: 20, conclusion: "" },
    workTime: { workday: [], nonWorkday: [], nonWorkingNotice: "" },
    queueReminder: { intervalSeconds: 10, content: "" },
    chatbot: {
      enabled: false,
      avatar: "",
      name: "",
      gender: "unspecified",
      robotAccessCode: "",
      defaultReply: "",
      timeoutReply: "",
      transferPrompt: "",
    },
    assistant: { enabled: false, accessCode: "", silentAgentRouteId: refs.silentAgentRouteId ?? null },
  };
  await db()
    .insert(channels)
    .values({
      id,
      tenantId,
      accessCode: `ch_${unique()}`,
      type: "web",
      routeId: refs.routeId ?? "cr_none",
      config,
    });
  return id;
}

/** Deletes what `add*` created, by table and id. */
export async function removeRow(
  table: "agents" | "skill_queue_groups" | "channels",
  id: string,
): Promise<void> {
  if (table === "agents") {
    await db().delete(agentSkillQueues).where(eq(agentSkillQueues.agentId, id));
    await db().delete(agents).where(eq(agents.id, id));
  } else if (table === "skill_queue_groups") {
    await db().delete(skillQueueGroupMembers).where(eq(skillQueueGroupMembers.groupId, id));
    await db().delete(skillQueueGroups).where(eq(skillQueueGroups.id, id));
  } else {
    await db().delete(channels).where(eq(channels.id, id));
  }
}
