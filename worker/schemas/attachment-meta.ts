/**
 * An uploaded file as the upload routes answer it and messages carry it (`ChatMessage.attachment`
 * in `worker/realtime/protocol.ts`). Its own module, importing only valibot, because the widget
 * bundles it.
 */
import * as v from "valibot";

/** An uploaded file as messages carry it (`attachmentId` in `message.send` refers to it). */
export const AttachmentMetaSchema = v.object({
  id: v.string(),
  /** The uploader's file name, cleaned (no control or bidi characters, no paths, ≤ 120 characters). */
  name: v.string(),
  /** The type the server found in the file's first bytes, never the uploader's claim. */
  contentType: v.string(),
  size: v.number(),
  /** `image` for PNG, JPEG, GIF and WebP (shown as previews), `file` otherwise. */
  kind: v.picklist(["image", "file"]),
  width: v.optional(v.number()),
  height: v.optional(v.number()),
});
export type AttachmentMeta = v.InferOutput<typeof AttachmentMetaSchema>;
