/**
 * The verified identity the Worker hands to a SkillQueue Durable Object with a WebSocket upgrade.
 * Only the Worker can reach a Durable Object, so the DO trusts `IDENTITY_HEADER`; the Worker
 * strips any client-sent copy before forwarding.
 */
import * as v from "valibot";
import { PreChatValueSchema } from "../schemas/pre-chat";

export const IDENTITY_HEADER = "x-ecs-identity";
/** The skill queue the Durable Object serves (it is named after it). */
export const QUEUE_HEADER = "x-ecs-skill-queue";

export const CustomerIdentitySchema = v.object({
  kind: v.literal("customer"),
  tenantId: v.string(),
  channelId: v.string(),
  customerId: v.string(),
  customerName: v.nullable(v.string()),
  /**
   * True when the name comes from a verified identity token; false when the customer typed it
   * (tickets issued before this field existed read as false).
   */
  customerNameVerified: v.optional(v.boolean(), false),
  /** Set when the customer follows a conversation that moved here from another queue. */
  conversationId: v.nullable(v.string()),
  /** The pre-chat form's values, kept with a conversation this connection starts. */
  preChat: v.optional(v.array(PreChatValueSchema), []),
});
export type CustomerIdentity = v.InferOutput<typeof CustomerIdentitySchema>;

export const AgentIdentitySchema = v.object({
  kind: v.literal("agent"),
  tenantId: v.string(),
  employeeId: v.string(),
  name: v.string(),
  role: v.picklist(["agent", "qualityChecker"]),
});
export type AgentIdentity = v.InferOutput<typeof AgentIdentitySchema>;

/** A customer's call socket (`/ws/call`): admitted to the one click-to-dial call it was issued for. */
export const CallerIdentitySchema = v.object({
  kind: v.literal("caller"),
  tenantId: v.string(),
  channelId: v.string(),
  customerId: v.string(),
  conversationId: v.string(),
  callId: v.string(),
});
export type CallerIdentity = v.InferOutput<typeof CallerIdentitySchema>;

export const IdentitySchema = v.variant("kind", [
  CustomerIdentitySchema,
  AgentIdentitySchema,
  CallerIdentitySchema,
]);
export type Identity = v.InferOutput<typeof IdentitySchema>;
/** An identity as written into a ticket (fields with defaults may be left out). */
export type IdentityInput = v.InferInput<typeof IdentitySchema>;

/** Reads the identity header of a forwarded upgrade; null when absent or malformed. */
export function readIdentity(request: Request): Identity | null {
  const raw = request.headers.get(IDENTITY_HEADER);
  if (!raw) return null;
  try {
    const parsed = v.safeParse(IdentitySchema, JSON.parse(raw));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
