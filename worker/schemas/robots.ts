/** Robots: keyword-intent chatbots and agent assistants, addressed by their access code. */
import * as v from "valibot";
import { nameSchema } from "./common";

export const ROBOT_KINDS = ["chatbot", "assistant"] as const;
export const MAX_INTENTS = 200;
export const MAX_KEYWORDS = 20;

const text = (field: string, min: number, max: number) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.trim(),
    v.minLength(min, `${field} must not be empty`),
    v.maxLength(max, `${field} must be at most ${max} characters`),
  );

/** Letters, digits and `_`, 1–32 characters; unique in the tenant. */
export const RobotAccessCodeSchema = v.pipe(
  v.string("accessCode must be text"),
  v.regex(/^[A-Za-z0-9_]{1,32}$/, "accessCode must be 1–32 letters, digits or _"),
);

export const IntentSchema = v.strictObject({
  /** A customer message containing any keyword (case-insensitive) matches the intent. */
  keywords: v.pipe(
    v.array(text("A keyword", 1, 50), "keywords must be a list of text"),
    v.minLength(1, "An intent needs at least one keyword"),
    v.maxLength(MAX_KEYWORDS, `An intent has at most ${MAX_KEYWORDS} keywords`),
    v.checkItems(
      (k, index, all) => all.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === index,
      "Each keyword may appear once in an intent",
    ),
  ),
  reply: text("reply", 1, 1000),
});
export type Intent = v.InferOutput<typeof IntentSchema>;

export const RobotInputSchema = v.strictObject({
  name: nameSchema(100),
  accessCode: RobotAccessCodeSchema,
  kind: v.picklist(ROBOT_KINDS, "kind must be chatbot or assistant"),
  /** 0–200 intents, tried in order; the first match answers. None: every message gets the default reply. */
  intents: v.optional(
    v.pipe(
      v.array(IntentSchema, "intents must be a list of {keywords, reply}"),
      v.maxLength(MAX_INTENTS, `A robot has at most ${MAX_INTENTS} intents`),
    ),
    [],
  ),
  /** Answer when no intent matches; empty or null means none. */
  defaultReply: v.optional(
    v.nullable(
      v.pipe(
        v.string("defaultReply must be text"),
        v.trim(),
        v.maxLength(1000, "defaultReply must be at most 1000 characters"),
        v.transform((reply): string | null => reply || null),
      ),
    ),
    null,
  ),
});
export type RobotInput = v.InferOutput<typeof RobotInputSchema>;

export const RobotSchema = v.object({
  id: v.string(),
  name: v.string(),
  accessCode: v.string(),
  kind: v.picklist(ROBOT_KINDS),
  intents: v.array(v.object({ keywords: v.array(v.string()), reply: v.string() })),
  defaultReply: v.nullable(v.string()),
  createdAt: v.number(),
});
export type Robot = v.InferOutput<typeof RobotSchema>;
