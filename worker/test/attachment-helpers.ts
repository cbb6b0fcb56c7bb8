/** Uploading and downloading attachments through the real Worker in tests, and sample files. */
import { env } from "cloudflare:workers";
import { connectAgent, connectCustomer, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { fetchApp } from "./helpers";

/** A customer connected to the queue's first agent: both sockets, the conversation and the attachment token. */
export async function connectedChat(options: Parameters<typeof setupQueue>[0] = {}) {
  const fx = await setupQueue(options);
  const agent = await connectAgent(fx.agents[0]!, fx.queueId);
  const customer = await connectCustomer(fx);
  const welcome = await customer.next("session.welcome");
  const id = (await agent.next("conversation.assigned")).conversation.conversationId;
  await customer.next("conversation.updated", (f) => f.conversation.state === "connected");
  return { fx, agent, customer, id, token: welcome.attachments?.token ?? "", welcome };
}

/** A real 3×2 red PNG. */
export const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGO4o6EBQQxwFgBKnAcJpT391QAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);
export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const text = (s: string) => new TextEncoder().encode(s);

/** Bytes of `size` that sniff as plain text. */
export const textOfSize = (size: number) => new Uint8Array(size).fill(0x61);

export type Upload = { status: number; body: any; headers: Headers };

async function answer(res: Response): Promise<Upload> {
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : null, headers: res.headers };
}

/** A customer upload with the attachment token of their `session.welcome`. */
export async function customerUpload(
  token: string,
  bytes: Uint8Array<ArrayBuffer>,
  name = "file.bin",
  headers: Record<string, string> = {},
): Promise<Upload> {
  const res = await fetchApp(`/api/v1/chat/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/octet-stream",
      "content-length": String(bytes.byteLength),
      "cf-connecting-ip": "203.0.113.9",
      ...headers,
    },
    body: bytes,
  });
  return answer(res);
}

/** An agent's upload to a live conversation in `queueId`. */
export async function staffUpload(
  sessionToken: string,
  conversationId: string,
  queueId: string,
  bytes: Uint8Array<ArrayBuffer>,
  name = "file.bin",
): Promise<Upload> {
  const res = await fetchApp(
    `/api/v1/conversations/${conversationId}/attachments?skillQueueId=${queueId}&name=${encodeURIComponent(name)}`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${sessionToken}`,
        "content-type": "image/png",
        "content-length": String(bytes.byteLength),
      },
      body: bytes,
    },
  );
  return answer(res);
}

export function customerDownload(token: string, attachmentId: string): Promise<Response> {
  return fetchApp(`/api/v1/chat/attachments/${attachmentId}?token=${encodeURIComponent(token)}`);
}

export function staffDownload(
  sessionToken: string,
  conversationId: string,
  attachmentId: string,
  queueId?: string,
): Promise<Response> {
  const query = queueId ? `?skillQueueId=${queueId}` : "";
  return fetchApp(`/api/v1/conversations/${conversationId}/attachments/${attachmentId}${query}`, {
    headers: { authorization: `Bearer ${sessionToken}` },
  });
}

/** Sets a channel's attachment settings straight in D1 (the queue object reads them on its next load). */
export async function setAttachments(
  channelId: string,
  settings: { enabled?: boolean; maxBytes?: number; allowedTypes?: string[] },
): Promise<void> {
  const full = {
    enabled: true,
    maxBytes: 10 * 1024 * 1024,
    allowedTypes: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"],
    ...settings,
  };
  await env.DB.prepare("UPDATE channels SET config = json_set(config, '$.attachments', json(?)) WHERE id = ?")
    .bind(JSON.stringify(full), channelId)
    .run();
}

/** Keys of the R2 objects under a prefix. */
export async function r2Keys(prefix: string): Promise<string[]> {
  return (await env.ATTACHMENTS.list({ prefix })).objects.map((o) => o.key);
}
