/**
 * Streams an uploaded file into R2 without holding it: the first bytes (at most `SNIFF_BYTES`) are
 * read to find the real type (`rules/attachment-type.ts`), refused when the channel does not allow
 * it, then written ahead of the rest of the body into a `FixedLengthStream` of the announced
 * length (R2 needs a known length). The body may not run past its `Content-Length`; a body that
 * ends early or runs long aborts the write, so no partial object is ever stored.
 */

import { ApiError } from "../http/problem";
import { SNIFF_BYTES, sniff } from "../rules/attachment-type";
import type { AttachmentMeta } from "../schemas/attachment-meta";
import { storedMetadata } from "./bucket";

export type UploadTarget = {
  bucket: R2Bucket;
  key: string;
  id: string;
  name: string;
  /** Bytes announced by `Content-Length`, already within the channel's limit. */
  size: number;
  allowedTypes: readonly string[];
};

const LENGTH_MISMATCH = "The body does not match its Content-Length";

export async function storeUpload(
  body: ReadableStream<Uint8Array> | null,
  t: UploadTarget,
): Promise<AttachmentMeta> {
  if (!body) throw new ApiError(422, "The file is empty", { file: ["The file is empty"] });
  const reader = body.getReader();
  try {
    const head = await readHead(reader, Math.min(t.size, SNIFF_BYTES), t.size);
    const found = sniff(head, head.length === t.size);
    if (!found)
      throw new ApiError(415, "This kind of file is not accepted", {
        file: ["The file's content is not of a type the server recognises"],
      });
    if (!t.allowedTypes.includes(found.type))
      throw new ApiError(415, `Files of type ${found.type} are not allowed in this chat`, {
        file: [`Allowed types: ${t.allowedTypes.join(", ")}`],
      });
    const meta: AttachmentMeta = {
      id: t.id,
      name: t.name,
      contentType: found.type,
      size: t.size,
      kind: found.kind,
      ...(found.width && found.height ? { width: found.width, height: found.height } : {}),
    };
    const fixed = new FixedLengthStream(t.size);
    const put = t.bucket.put(t.key, fixed.readable, {
      httpMetadata: { contentType: found.type },
      customMetadata: storedMetadata(meta),
    });
    // a failed put must not become an unhandled rejection while the pump still runs
    put.catch(() => {});
    await pump(head, reader, fixed.writable.getWriter(), t.size);
    await put;
    return meta;
  } finally {
    reader.releaseLock();
  }
}

/** Reads at least `want` bytes (fewer only when the body ends), failing past `limit`. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, want: number, limit: number) {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < want) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    if (length > limit) throw new ApiError(400, LENGTH_MISMATCH);
  }
  if (length === 0) throw new ApiError(422, "The file is empty", { file: ["The file is empty"] });
  if (length < want) throw new ApiError(400, LENGTH_MISMATCH);
  const head = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.byteLength;
  }
  return head;
}

async function pump(
  head: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  size: number,
): Promise<void> {
  try {
    await writer.write(head);
    let written = head.byteLength;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      written += value.byteLength;
      if (written > size) throw new ApiError(400, LENGTH_MISMATCH);
      await writer.write(value);
    }
    if (written !== size) throw new ApiError(400, LENGTH_MISMATCH);
    await writer.close();
  } catch (err) {
    await writer.abort(err).catch(() => {});
    throw err;
  }
}
