/**
 * Rows written straight into local D1 for tests that need configuration which another resource's
 * API would create (employees, skill queues, groups, routes, robots, history). Every row gets the
 * minimum a real row has; tests state only what matters to them.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { writeTranscript } from "../archive/transcripts";
import { hashPassword } from "../auth/password";
import { newId } from "../db/ids";
import {
  accessCodes,
  calledRoutes,
  conversationMessages,
  conversationNotes,
  conversations,
  employees,
  robots,
  skillQueueGroupMembers,
  skillQueueGroups,
  skillQueues,
  tenants,
} from "../db/schema";
import { database } from "../db/tenant-db";
import { login, unique } from "./helpers";

export const db = () => database(env.DB);

type QueueType = (typeof skillQueues.$inferInsert)["type"];

export async function addEmployee(
  tenantId: string,
  employeeId: string,
  role: "agent" | "tenantAdmin" = "agent",
) {
  const row = {
    id: newId("em"),
    tenantId,
    account: `emp_${unique()}`,
    name: `Employee ${employeeId}`,
    employeeId,
    role,
    ouId: null,
    accessibleOus: [],
    passwordHash: "unused",
  };
  await db().insert(employees).values(row);
  return row;
}

/** An employee who can sign in; answers the session token too. */
export async function addSignedInEmployee(
  tenantId: string,
  employeeId: string,
  role: "agent" | "tenantAdmin" = "agent",
) {
  const password = "correct horse battery";
  const row = { ...(await addEmployee(tenantId, employeeId, role)) };
  await db()
    .update(employees)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(employees.id, row.id));
  return { ...row, token: await login(row.account, password) };
}

export async function addEmployees(tenantId: string, employeeIds: string[]) {
  const rows = employeeIds.map((employeeId) => ({
    id: newId("em"),
    tenantId,
    account: `emp_${unique()}`,
    name: `Employee ${employeeId}`,
    employeeId,
    role: "agent" as const,
    ouId: null,
    accessibleOus: [],
    passwordHash: "unused",
  }));
  for (let i = 0; i < rows.length; i += 10)
    await db()
      .insert(employees)
      .values(rows.slice(i, i + 10));
}

/** A skill queue with every default of a release-only queue; `values` overrides any column. */
export async function addQueue(
  tenantId: string,
  type: QueueType,
  values: Partial<typeof skillQueues.$inferInsert> = {},
) {
  const release = { action: "release" as const, transferType: "skillQueue" as const, targetId: null };
  const row = {
    id: newId("sq"),
    tenantId,
    name: `queue ${unique()}`,
    type,
    channels: [],
    maxWaitingTime: 60,
    maxCallDuration: 86400,
    wrapUpDuration: 5,
    maxCallsInQueue: 100,
    queuing: {
      timeout: release,
      noAgent: release,
      busy: {
        ...release,
        queueUsage: 100,
        forwardingCondition: "deviceUsage" as const,
        threshold: 100,
        maxQueuingMethod: "fixed" as const,
        maxQueuing: 100,
      },
    },
    prompts: null,
    ...values,
  };
  await db().insert(skillQueues).values(row);
  return row.id;
}

export async function addGroup(tenantId: string, skillQueueIds: string[]) {
  const id = newId("sg");
  await db()
    .insert(skillQueueGroups)
    .values({ id, tenantId, name: `group ${unique()}` });
  if (skillQueueIds.length) {
    await db()
      .insert(skillQueueGroupMembers)
      .values(
        skillQueueIds.map((skillQueueId, position) => ({ tenantId, groupId: id, skillQueueId, position })),
      );
  }
  return id;
}

/** A called route to `skillQueueId` through a new access code of `mediaType`. */
export async function addRoute(
  tenantId: string,
  skillQueueId: string,
  mediaType: "voice" | "video" | "multimedia" = "multimedia",
) {
  const accessCodeId = newId("ac");
  const code = String(Math.floor(Math.random() * 1e9));
  await db().insert(accessCodes).values({ id: accessCodeId, tenantId, code, mediaType });
  const id = newId("cr");
  await db().insert(calledRoutes).values({
    id,
    tenantId,
    ouId: null,
    accessCodeId,
    extensionCode: "",
    deviceType: "skillQueue",
    skillQueueId,
  });
  return id;
}

export async function addRobot(tenantId: string, kind: "chatbot" | "assistant", accessCode: string) {
  const id = newId("rb");
  await db()
    .insert(robots)
    .values({ id, tenantId, name: `robot ${accessCode}`, accessCode, kind, intents: [], defaultReply: null });
  return id;
}

export async function setTenant(tenantId: string, values: Partial<typeof tenants.$inferInsert>) {
  await db().update(tenants).set(values).where(eq(tenants.id, tenantId));
}

export type ConversationFixture = Partial<typeof conversations.$inferInsert> & {
  messages?: string[];
  /** Staff notes (numbered 1, 2, … in this order). */
  notes?: { authorEmployeeId: string; authorName: string; text: string; createdAt: number }[];
  /** Archived as before transcripts went to R2: rows in conversation_messages and conversation_notes. */
  legacy?: boolean;
};

/**
 * An ended conversation with a transcript of alternating customer and agent messages, archived as
 * the queue object archives it (index row in D1, transcript in R2) or, with `legacy`, in the D1
 * rows the backfill moves.
 */
export async function addConversation(tenantId: string, values: ConversationFixture = {}) {
  const { messages = ["hello", "hi, how can I help?"], notes = [], legacy = false, ...rest } = values;
  const endedAt = rest.endedAt ?? Date.now();
  const row = {
    id: newId("cv"),
    tenantId,
    channelId: "ch_x",
    skillQueueId: null,
    customerId: `c${unique()}`,
    customerName: "Customer",
    agentEmployeeId: null,
    agentName: null,
    outcome: "ended",
    startedAt: endedAt - 60_000,
    queuedAt: null,
    connectedAt: null,
    endedAt,
    rating: null,
    comment: null,
    messageCount: messages.length,
    ...rest,
  };
  await db().insert(conversations).values(row);
  const lines = messages.map((text, seq) => ({
    seq: seq + 1,
    sender: seq % 2 ? ("agent" as const) : ("customer" as const),
    senderName: seq % 2 ? row.agentName : row.customerName,
    text,
    clientMsgId: null,
    createdAt: row.startedAt + seq * 1000,
    notice: null,
    attachment: null,
  }));
  const numbered = notes.map((n, i) => ({ seq: i + 1, ...n }));
  if (!legacy) {
    await writeTranscript(env.ARCHIVE, {
      tenantId,
      conversationId: row.id,
      startedAt: row.startedAt,
      messages: lines,
      notes: numbered,
    });
    return row;
  }
  // Inserted in reverse so that reading in insertion order would come out wrong.
  const ids = { tenantId, conversationId: row.id };
  for (const line of lines.reverse())
    await db()
      .insert(conversationMessages)
      .values({ ...ids, ...line });
  for (const note of numbered.reverse())
    await db()
      .insert(conversationNotes)
      .values({ ...ids, ...note });
  return row;
}
