/**
 * Where attachments live in R2 and how they leave it. Keys are
 * `tenant/<tenantId>/conversation/<conversationId>/<attachmentId>`: whoever asks is resolved to a
 * tenant and a conversation first, so an id of another tenant or another conversation simply finds
 * nothing (404), and a conversation's files stay where they are when it moves between queues.
 */
import { contentDisposition } from "../rules/attachment-file-name";
import type { AttachmentMeta } from "../schemas/attachment-meta";

export function conversationPrefix(tenantId: string, conversationId: string): string {
  return `tenant/${tenantId}/conversation/${conversationId}/`;
}

export function attachmentKey(tenantId: string, conversationId: string, attachmentId: string): string {
  return `${conversationPrefix(tenantId, conversationId)}${attachmentId}`;
}

/** The custom metadata an object is stored with: the file's metadata as the server found it. */
export function storedMetadata(meta: AttachmentMeta): Record<string, string> {
  return { meta: JSON.stringify(meta) };
}

/**
 * The file as a download: the type the server found (never the uploader's), inline for images and
 * as an attachment otherwise, `nosniff`, a sandbox CSP (a file never runs as a page), private
 * caching, no referrer. `crossOrigin`: the widget shows customers' images on other sites' pages.
 * Null when there is no such object.
 */
export async function serveAttachment(
  bucket: R2Bucket,
  key: string,
  crossOrigin: boolean,
): Promise<Response | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  const meta = JSON.parse(object.customMetadata?.meta ?? "null") as AttachmentMeta | null;
  if (!meta) return null;
  const type = meta.contentType === "text/plain" ? "text/plain; charset=utf-8" : meta.contentType;
  return new Response(object.body, {
    headers: {
      "content-type": type,
      "content-length": String(object.size),
      "content-disposition": contentDisposition(meta.kind === "image" ? "inline" : "attachment", meta.name),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=3600",
      "referrer-policy": "no-referrer",
      "cross-origin-resource-policy": crossOrigin ? "cross-origin" : "same-origin",
      etag: object.httpEtag,
    },
  });
}

/**
 * Removes every file of a conversation (for whoever erases a conversation's data: retention, an
 * erasure request). R2 lists and deletes at most 1000 keys per call, so it pages (`pageSize`).
 * Returns how many objects it removed.
 */
export async function deleteConversationAttachments(
  env: { ATTACHMENTS: R2Bucket },
  tenantId: string,
  conversationId: string,
  pageSize = 1000,
): Promise<number> {
  const prefix = conversationPrefix(tenantId, conversationId);
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await env.ATTACHMENTS.list({ prefix, cursor, limit: pageSize });
    const keys = page.objects.map((o) => o.key);
    if (keys.length) await env.ATTACHMENTS.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}
