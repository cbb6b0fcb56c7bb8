/** Conversation tags: the tenant's list (managed in the console) that conversations are tagged from. */
import * as v from "valibot";
import { MAX_TAGS } from "../realtime/protocol";
import { idSchema, nameSchema } from "./common";

/** Most tags a tenant may define. */
export const MAX_TENANT_TAGS = 200;
/** Most tags one conversation may carry (the same in the workbench's `tags.set`). */
export const MAX_CONVERSATION_TAGS = MAX_TAGS;

export const TagInputSchema = v.strictObject({
  /** 1–40 characters, unique in the tenant whatever the case. */
  name: nameSchema(40),
});
export type TagInput = v.InferOutput<typeof TagInputSchema>;

export const TagSchema = v.object({ id: v.string(), name: v.string(), createdAt: v.number() });
export type Tag = v.InferOutput<typeof TagSchema>;

/** A conversation's tags: ids from the tenant's list, each once, at most `MAX_CONVERSATION_TAGS`. */
export const TagIdsSchema = v.pipe(
  v.array(idSchema, "tagIds must be a list of tag ids"),
  v.maxLength(MAX_CONVERSATION_TAGS, `A conversation has at most ${MAX_CONVERSATION_TAGS} tags`),
  v.checkItems((id, index, all) => all.indexOf(id) === index, "Each tag may appear once"),
);

/** `PATCH /conversations/:id`: the conversation's whole tag list. */
export const ConversationPatchSchema = v.strictObject({ tagIds: TagIdsSchema });
