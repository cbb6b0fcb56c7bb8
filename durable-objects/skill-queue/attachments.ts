/**
 * Files in chats, the queue object's part: the customer's attachment token (sent with
 * `session.welcome`), uploads begun and finished by the Worker (which streams the bytes to R2,
 * `worker/api/attachments.ts`), checking a message's file before the message is stored, and
 * whether an employee may download a conversation's files. The object is the authority on who
 * takes part in a live conversation, so every check of that kind is made here.
 */
import { newId } from "../../worker/db/ids";
import {
  ATTACHMENT_TOKEN_TTL_MS,
  attachmentSigningKey,
  signAttachmentToken,
} from "../../worker/realtime/attachment-token";
import { sizeText } from "../../worker/rules/file-size";
import type { AttachmentMeta } from "../../worker/schemas/attachment-meta";
import { type AttachmentSettings, attachmentsOf } from "../../worker/schemas/attachments";
import type { ChannelRow } from "./config";
import { configuredRole } from "./config";
import type { QueueContext } from "./context";
import { quotaRefusal } from "./rules/attachment-quota";
import type { ConversationRow, Uploader } from "./store";

/** What the customer's `session.welcome` carries when the deployment has a signing key. */
export type AttachmentOffer = {
  token: string;
  expiresAt: number;
  maxBytes: number;
  allowedTypes: string[];
};

/**
 * The customer's token for this conversation and the channel's limits (none allowed when the
 * channel has attachments off: the token still lets them see the files already sent). Undefined
 * when the deployment has no signing key.
 */
export async function attachmentOffer(
  q: QueueContext,
  c: ConversationRow,
  channel: ChannelRow | null,
  now: number,
): Promise<AttachmentOffer | undefined> {
  const key = attachmentSigningKey(q.env);
  if (!key) return undefined;
  const settings = attachmentsOf(channel?.config.attachments);
  const expiresAt = now + ATTACHMENT_TOKEN_TTL_MS;
  const token = await signAttachmentToken(
    {
      tenantId: c.tenant_id,
      channelId: c.channel_id,
      queueId: q.queueId,
      conversationId: c.id,
      customerId: c.customer_id,
      expiresAt,
    },
    key,
  );
  return settings.enabled
    ? { token, expiresAt, maxBytes: settings.maxBytes, allowedTypes: settings.allowedTypes }
    : { token, expiresAt, maxBytes: 0, allowedTypes: [] };
}

/** Who uploads: the conversation's customer or its agent. */
export type UploaderRef = { kind: Uploader; id: string };

export type UploadRequest = {
  queueId: string;
  tenantId: string;
  conversationId: string;
  uploader: UploaderRef;
  /** The size the upload announced (`Content-Length`). */
  size: number;
};

/** A refused upload, as the Worker answers it (problem+json). */
export type UploadRefusal = {
  ok: false;
  status: 403 | 404 | 409 | 413 | 429;
  detail: string;
  retryAfterSeconds?: number;
};
export type UploadGrant = { ok: true; attachmentId: string; settings: AttachmentSettings };

const notFound: UploadRefusal = { ok: false, status: 404, detail: "Conversation not found" };

function takesPart(c: ConversationRow, who: UploaderRef): boolean {
  return who.kind === "customer" ? c.customer_id === who.id : c.agent_id === who.id;
}

/**
 * Starts an upload to a live conversation of the uploader (a customer any time before the end, an
 * agent while connected), within the channel's size limit and, for customers, the conversation's
 * quota (`rules/attachment-quota.ts`); the upload then counts until it is finished or dropped.
 */
export async function beginUpload(q: QueueContext, r: UploadRequest): Promise<UploadGrant | UploadRefusal> {
  const first = q.store.conversations.get(r.conversationId);
  if (!first || first.tenant_id !== r.tenantId) return notFound;
  const channel = await q.config.channel(first.tenant_id, first.channel_id);
  const settings = attachmentsOf(channel?.config.attachments);
  const now = q.now();
  // read again after the wait: nothing below awaits, so these checks and the insert are one step
  const c = q.store.conversations.get(r.conversationId);
  if (!c || !takesPart(c, r.uploader)) return notFound;
  if (c.state === "ended" || (r.uploader.kind === "agent" && c.state !== "connected"))
    return { ok: false, status: 409, detail: "The conversation has ended" };
  if (!settings.enabled) return { ok: false, status: 403, detail: "This channel does not accept files" };
  if (r.size > settings.maxBytes)
    return { ok: false, status: 413, detail: `The file is larger than ${sizeText(settings.maxBytes)}` };
  if (r.uploader.kind === "customer") {
    const refusal = quotaRefusal(q.store.attachments.usage(c.id, "customer", now), r.size, now);
    if (refusal?.reason === "rate")
      return {
        ok: false,
        status: 429,
        detail: "Too many files at once; try again in a moment",
        retryAfterSeconds: Math.ceil(refusal.retryAfterMs / 1000),
      };
    if (refusal)
      return {
        ok: false,
        status: 409,
        detail:
          refusal.reason === "files"
            ? "This conversation holds as many files as it may"
            : "This conversation holds as many megabytes of files as it may",
      };
  }
  const attachmentId = newId("at", now);
  q.store.attachments.begin({
    id: attachmentId,
    conversation_id: c.id,
    uploader: r.uploader.kind,
    uploader_id: r.uploader.id,
    size: r.size,
    created_at: now,
  });
  return { ok: true, attachmentId, settings };
}

/** The bytes are in R2: the upload becomes a file messages may carry (unless the chat ended meanwhile). */
export function finishUpload(
  q: QueueContext,
  conversationId: string,
  meta: AttachmentMeta,
): { ok: true } | UploadRefusal {
  const row = q.store.attachments.get(meta.id);
  const c = q.store.conversations.get(conversationId);
  if (!row || row.conversation_id !== conversationId || !c) return notFound;
  if (c.state === "ended") {
    q.store.attachments.drop(meta.id);
    return { ok: false, status: 409, detail: "The conversation has ended" };
  }
  q.store.attachments.finish(meta.id, meta);
  return { ok: true };
}

/** The upload failed or was refused: it no longer counts. */
export function dropUpload(q: QueueContext, attachmentId: string): void {
  const row = q.store.attachments.get(attachmentId);
  if (row && row.meta === null) q.store.attachments.drop(attachmentId);
}

/** The file a `message.send` refers to: stored, of this conversation and uploaded by the sender's side. */
export function attachmentFor(
  q: QueueContext,
  c: ConversationRow,
  attachmentId: string,
  sender: UploaderRef,
): AttachmentMeta | null {
  const row = q.store.attachments.get(attachmentId);
  if (!row?.meta || row.conversation_id !== c.id) return null;
  if (row.uploader !== sender.kind || (sender.kind === "agent" && row.uploader_id !== sender.id)) return null;
  return JSON.parse(row.meta) as AttachmentMeta;
}

/** The `error` a `message.send` with an unknown file gets. */
export function unknownAttachment(ref: string) {
  return {
    type: "error" as const,
    code: "not_found" as const,
    message: "That file was not uploaded to this conversation; upload it again",
    ref,
  };
}

/**
 * Whether an employee sees a conversation here now: its agent, or any quality checker of this
 * queue (who may watch every conversation in it).
 */
export async function staffMaySee(
  q: QueueContext,
  tenantId: string,
  conversationId: string,
  employeeId: string,
): Promise<boolean> {
  const c = q.store.conversations.get(conversationId);
  if (!c || c.tenant_id !== tenantId) return false;
  if (c.agent_id === employeeId) return true;
  const config = await q.config.get(q.now());
  return config !== null && configuredRole(config, employeeId) === "qualityChecker";
}
