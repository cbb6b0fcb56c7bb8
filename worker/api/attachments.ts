/**
 * Files in chats (docs/protocol.md "Attachments"). An upload is the raw file as the request body
 * (`Content-Length` required, the name in `?name=`); the Worker streams it to R2 while the
 * conversation's queue object decides whether it may start and records it when it is stored, and
 * answers its metadata. The sender then sends `message.send` with the `attachmentId`.
 *
 * - Customers (`/api/v1/chat/attachments`): the attachment token of their `session.welcome`
 *   (`Authorization: Bearer`, or `?token=` for image and link URLs) admits them to that one
 *   conversation. CORS for any origin: the token, not the page, is the credential.
 * - Employees (`/api/v1/conversations/:conversationId/attachments`): the session; an upload must
 *   come from the conversation's agent, a download from an administrator, from whoever sees the
 *   live conversation in its skill queue (`?skillQueueId=`: its agent or a quality checker of the
 *   queue) or from the agent who handled the archived conversation.
 *
 * Another tenant's or another conversation's file answers 404, like one that does not exist.
 */
import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type * as v from "valibot";
import type { UploaderRef, UploadRefusal } from "../../durable-objects/skill-queue/attachments";
import { attachmentKey, serveAttachment } from "../attachments/bucket";
import { storeUpload } from "../attachments/store-upload";
import { conversations, skillQueues } from "../db/schema";
import type { AppEnv, Env } from "../env";
import { document } from "../http/openapi";
import { ApiError, notFound } from "../http/problem";
import {
  type AttachmentGrant,
  attachmentSigningKey,
  verifyAttachmentToken,
} from "../realtime/attachment-token";
import { limit, limitRequest } from "../realtime/ticket-rate-limit";
import { attachmentFileName } from "../rules/attachment-file-name";
import { AttachmentMetaSchema } from "../schemas/attachment-meta";
import { MAX_ATTACHMENT_BYTES } from "../schemas/attachments";
import { caller, tenantDb } from "./context";

/** Customer uploads per client address per minute; `CHAT_ATTACHMENTS_PER_ADDRESS` overrides ("0" = off). */
export const UPLOADS_PER_ADDRESS = 30;
const ATTACHMENT_ID = /^at_[0-9a-z]{26}$/;

type Target = { tenantId: string; queueId: string; conversationId: string; uploader: UploaderRef };

const queueStub = (env: Env, queueId: string) => env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(queueId));

function refusal(r: UploadRefusal): ApiError {
  const headers = r.retryAfterSeconds ? { "retry-after": String(r.retryAfterSeconds) } : undefined;
  return new ApiError(r.status, r.detail, undefined, headers);
}

/** The announced size: required, a whole number, not empty and not over the largest any channel allows. */
function announcedSize(header: string | undefined): number {
  if (header === undefined) throw new ApiError(411, "Send the file's size in the Content-Length header");
  if (!/^\d{1,12}$/.test(header)) throw new ApiError(400, "Content-Length must be a whole number of bytes");
  const size = Number(header);
  if (size === 0) throw new ApiError(422, "The file is empty", { file: ["The file is empty"] });
  if (size > MAX_ATTACHMENT_BYTES) throw new ApiError(413, "The file is larger than 25 MB");
  return size;
}

/** Begin (the queue object), stream to R2, finish; whatever fails on the way is undone. */
async function receive(c: Context<AppEnv>, t: Target) {
  const size = announcedSize(c.req.header("content-length"));
  const stub = queueStub(c.env, t.queueId);
  const grant = await stub.beginUpload({ ...t, size });
  if (!grant.ok) throw refusal(grant);
  const key = attachmentKey(t.tenantId, t.conversationId, grant.attachmentId);
  let meta: v.InferOutput<typeof AttachmentMetaSchema>;
  try {
    meta = await storeUpload(c.req.raw.body, {
      bucket: c.env.ATTACHMENTS,
      key,
      id: grant.attachmentId,
      name: attachmentFileName(c.req.query("name")),
      size,
      allowedTypes: grant.settings.allowedTypes,
    });
  } catch (err) {
    await stub.dropUpload(grant.attachmentId);
    throw err;
  }
  const done = await stub.finishUpload(t.conversationId, meta);
  if (!done.ok) {
    await c.env.ATTACHMENTS.delete(key);
    throw refusal(done);
  }
  return c.json(meta, 201);
}

/** The customer's grant from their attachment token (header or query); 401 when missing, wrong or expired. */
async function customerGrant(c: Context<AppEnv>, allowQuery: boolean): Promise<AttachmentGrant> {
  const key = attachmentSigningKey(c.env);
  if (!key) throw notFound("Attachments are not set up on this deployment");
  const header = c.req.header("authorization");
  const token = header?.startsWith("Bearer ")
    ? header.slice(7)
    : allowQuery
      ? c.req.query("token")
      : undefined;
  const grant = token ? await verifyAttachmentToken(token, key, Date.now()) : null;
  if (!grant)
    throw new ApiError(
      401,
      "The attachment token is missing, wrong or expired; reconnect the chat for a new one",
    );
  return grant;
}

export const chatAttachmentsApi = new Hono<AppEnv>()
  .use(
    cors({
      origin: (origin) => origin || "*",
      allowMethods: ["GET", "POST"],
      allowHeaders: ["content-type", "authorization"],
      maxAge: 600,
    }),
  )
  .post("/", async (c) => {
    const grant = await customerGrant(c, false);
    const address = c.req.header("cf-connecting-ip") ?? "local";
    await limitRequest(
      c.env.DB,
      [
        {
          key: `chat-attachment:address:${address}`,
          max: limit(c.env.CHAT_ATTACHMENTS_PER_ADDRESS, UPLOADS_PER_ADDRESS),
          what: "this address",
        },
      ],
      Date.now(),
      "file uploads",
    );
    return receive(c, {
      tenantId: grant.tenantId,
      queueId: grant.queueId,
      conversationId: grant.conversationId,
      uploader: { kind: "customer", id: grant.customerId },
    });
  })
  .get("/:attachmentId", async (c) => {
    const grant = await customerGrant(c, true);
    const id = c.req.param("attachmentId");
    const key = attachmentKey(grant.tenantId, grant.conversationId, id);
    const res = ATTACHMENT_ID.test(id) ? await serveAttachment(c.env.ATTACHMENTS, key, true) : null;
    if (!res) throw notFound("Attachment");
    return res;
  });

/** The skill queue `skillQueueId` of the caller's tenant, or 404. */
async function tenantQueue(c: Context<AppEnv>, skillQueueId: string | undefined): Promise<string> {
  if (!skillQueueId) throw new ApiError(422, "skillQueueId is required", { skillQueueId: ["Required"] });
  const db = tenantDb(c);
  const [row] = await db.db
    .select({ id: skillQueues.id })
    .from(skillQueues)
    .where(db.where(skillQueues, eq(skillQueues.id, skillQueueId)));
  if (!row) throw notFound("Skill queue");
  return row.id;
}

/** Whether the caller may read the conversation's files (see the module comment). */
async function staffMayRead(c: Context<AppEnv>, conversationId: string): Promise<boolean> {
  const who = caller(c);
  if (who.role === "tenantAdmin") return true;
  const queueId = c.req.query("skillQueueId");
  if (queueId) {
    const id = await tenantQueue(c, queueId).catch(() => null);
    if (id && (await queueStub(c.env, id).staffMaySee(who.tenantId, conversationId, who.employeeId)))
      return true;
  }
  const db = tenantDb(c);
  const [archived] = await db.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      db.where(
        conversations,
        and(eq(conversations.id, conversationId), eq(conversations.agentEmployeeId, who.employeeId)),
      ),
    );
  return archived !== undefined;
}

/** Mounted at `/api/v1/conversations` beside the history routes. */
export const staffAttachmentsApi = new Hono<AppEnv>()
  .post("/:conversationId/attachments", async (c) => {
    const who = caller(c);
    return receive(c, {
      tenantId: who.tenantId,
      queueId: await tenantQueue(c, c.req.query("skillQueueId")),
      conversationId: c.req.param("conversationId"),
      uploader: { kind: "agent", id: who.employeeId },
    });
  })
  .get("/:conversationId/attachments/:attachmentId", async (c) => {
    const conversationId = c.req.param("conversationId");
    const id = c.req.param("attachmentId");
    const key = attachmentKey(caller(c).tenantId, conversationId, id);
    const res =
      ATTACHMENT_ID.test(id) && (await staffMayRead(c, conversationId))
        ? await serveAttachment(c.env.ATTACHMENTS, key, false)
        : null;
    if (!res) throw notFound("Attachment");
    return res;
  });

const tag = "Attachments";
const fileBody =
  "The raw file (any Content-Type; the server finds the real type from the content). Content-Length is required (411 without it); a body over the channel's maxBytes answers 413 before anything is read.";
const uploadErrors =
  "403 when the channel has attachments off; 409 when the conversation ended or holds its maximum of files; 413 over the channel's maxBytes; 415 when the content is of no accepted type; 429 when uploading too fast (Retry-After).";
const served =
  "Served with the Content-Type the server found, Content-Disposition inline for images and attachment otherwise, X-Content-Type-Options: nosniff, Content-Security-Policy: default-src 'none'; sandbox and Cache-Control: private.";
document(
  {
    method: "post",
    path: "/api/v1/chat/attachments",
    summary: "Upload a file to the customer's conversation",
    description: `Customers: Authorization: Bearer <attachments.token of session.welcome>. ${fileBody} ${uploadErrors} Also limited to ${UPLOADS_PER_ADDRESS} uploads per client address per minute, 10 per conversation per minute, 50 files and 100 MB per conversation. Then send message.send with attachmentId.`,
    tag,
    status: 201,
    query: {
      name: "the file name shown to the other side (cleaned: no control characters or paths, ≤ 120 characters)",
    },
    rawBody: fileBody,
    response: AttachmentMetaSchema,
    auth: "none",
    errors: [400, 401, 403, 404, 409, 411, 413, 415, 429],
  },
  {
    method: "get",
    path: "/api/v1/chat/attachments/:attachmentId",
    summary: "Download a file of the customer's conversation",
    description: `Customers: ?token=<attachments.token of session.welcome> (or Authorization: Bearer). ${served} A file of another conversation or tenant answers 404.`,
    tag,
    query: { token: "the attachment token of the customer's session.welcome" },
    rawResponse: "the file",
    auth: "none",
    errors: [401],
  },
  {
    method: "post",
    path: "/api/v1/conversations/:conversationId/attachments",
    summary: "Upload a file to a live conversation as its agent",
    description: `${fileBody} Only the conversation's agent (404 for anyone else). ${uploadErrors} Then send message.send with attachmentId.`,
    tag,
    status: 201,
    query: {
      skillQueueId: "the skill queue the conversation is in now (required)",
      name: "the file name shown to the customer (cleaned: no control characters or paths, ≤ 120 characters)",
    },
    rawBody: fileBody,
    response: AttachmentMetaSchema,
    auth: "employee",
    errors: [400, 411, 413, 415, 429],
  },
  {
    method: "get",
    path: "/api/v1/conversations/:conversationId/attachments/:attachmentId",
    summary: "Download a file of a conversation",
    description: `Administrators: any conversation of the tenant. Others: a live conversation they see in its skill queue (?skillQueueId=: its agent, or a quality checker of that queue), or an archived one they handled as the agent; anything else answers 404. ${served}`,
    tag,
    query: { skillQueueId: "the skill queue a live conversation is in now" },
    rawResponse: "the file",
    auth: "employee",
  },
);
