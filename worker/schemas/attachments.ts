/**
 * Attachments: a channel's settings (the `attachments` section of a web channel) and what the
 * upload routes answer (`AttachmentMetaSchema`, in `attachment-meta.ts` so the widget bundles it
 * without the rest).
 */
import * as v from "valibot";
import { ATTACHMENT_TYPES, IMAGE_TYPES } from "../rules/attachment-type";

export const MIN_ATTACHMENT_BYTES = 1024;
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const DEFAULT_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What a channel allows unless its administrator chooses otherwise: images, PDF and plain text. */
export const DEFAULT_ATTACHMENT_TYPES: readonly (typeof ATTACHMENT_TYPES)[number][] = [
  ...IMAGE_TYPES,
  "application/pdf",
  "text/plain",
];

const typeList = ATTACHMENT_TYPES.join(", ");

/** The channel section (PATCH merges it one level deep like every section). */
export const AttachmentSettingsObject = v.strictObject({
  /** Customers and agents may send files in this channel's chats. */
  enabled: v.optional(v.boolean("attachments.enabled must be true or false"), true),
  /** Largest file in bytes, 1 KB–25 MB (default 10 MB). */
  maxBytes: v.optional(
    v.pipe(
      v.number("maxBytes must be a number of bytes"),
      v.integer("maxBytes must be a whole number of bytes"),
      v.minValue(MIN_ATTACHMENT_BYTES, "maxBytes must be between 1 KB (1024) and 25 MB (26214400)"),
      v.maxValue(MAX_ATTACHMENT_BYTES, "maxBytes must be between 1 KB (1024) and 25 MB (26214400)"),
    ),
    DEFAULT_ATTACHMENT_BYTES,
  ),
  /** The types the server accepts, as it recognises them from the file's first bytes. */
  allowedTypes: v.optional(
    v.pipe(
      v.array(v.picklist(ATTACHMENT_TYPES, `Each allowed type must be one of ${typeList}`)),
      v.checkItems((t, i, all) => all.indexOf(t) === i, "Each type may appear once"),
    ),
    () => [...DEFAULT_ATTACHMENT_TYPES],
  ),
});
export type AttachmentSettings = v.InferOutput<typeof AttachmentSettingsObject>;

/** The stored settings with defaults filled in (channels saved before attachments existed have none). */
export function attachmentsOf(stored: unknown): AttachmentSettings {
  const parsed = v.safeParse(AttachmentSettingsObject, stored ?? {});
  return parsed.success ? parsed.output : v.parse(AttachmentSettingsObject, {});
}

export const AttachmentSettingsSchema = v.object({
  enabled: v.boolean(),
  maxBytes: v.number(),
  allowedTypes: v.array(v.string()),
});
