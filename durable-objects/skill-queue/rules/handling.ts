/**
 * What a skill queue does with a customer it cannot keep (Table 1, "Queuing Processing Parameter
 * Configuration"): on queuing timeout, on busy/overflow, on nobody on-duty. Each is Release or
 * Transfer; a transfer happens only when it can succeed, otherwise the customer is released:
 *
 * - Transfer Type IVR: a web chat has no IVR to go to ("Calls in multimedia skill queues can be
 *   transferred only to skill queues"), so an IVR transfer left in the configuration releases.
 * - The target must exist, differ from this queue and be "of the same type as the skill queue".
 * - Loop guard: a conversation never re-enters a queue it was already transferred out of, and is
 *   transferred automatically at most `MAX_TRANSFER_HOPS` times.
 * - Busy handling: "The system can transfer a call to a skill queue only when the device usage of
 *   the skill queue after the call transfer is lower than the value of this parameter [Queue
 *   Usage (%)]. Otherwise, the system releases the call." Strictly lower.
 * - Timeout and no-agent handling have no Queue Usage setting: they transfer only when the target
 *   is not completely full, i.e. its usage after the transfer is below 100 %.
 */
import type { BusyAction, QueueAction } from "../../../worker/db/schema";

/** Automatic transfers one conversation may take before it is released. */
export const MAX_TRANSFER_HOPS = 3;

/** The target queue as seen at decision time. */
export type TransferTarget = { id: string; type: string; usageAfterTransfer: number };

export type HandlingContext = {
  /** The queue deciding. */
  selfId: string;
  /** The queue's type; transfers go only to a queue of the same type. Web chat queues are multimedia. */
  selfType?: string;
  /** The configured target's current state, null when it does not exist (deleted, other tenant). */
  target: TransferTarget | null;
  /** Queues this conversation was already automatically transferred out of, oldest first. */
  hops: string[];
};

export type Handling = { kind: "release" } | { kind: "transfer"; targetId: string };

export type ReleaseReason =
  | "configured"
  | "ivr"
  | "noTarget"
  | "self"
  | "typeMismatch"
  | "loop"
  | "tooManyHops"
  | "targetUsage";

/** Release or transfer, per the rules above. */
export function decideHandling(action: QueueAction | BusyAction, ctx: HandlingContext): Handling {
  const reason = releaseReason(action, ctx);
  return reason !== null || ctx.target === null
    ? { kind: "release" }
    : { kind: "transfer", targetId: ctx.target.id };
}

/**
 * Why `decideHandling` releases, for logs and the conversation record; null when it transfers.
 */
export function releaseReason(action: QueueAction | BusyAction, ctx: HandlingContext): ReleaseReason | null {
  if (action.action === "release") return "configured";
  if (action.transferType === "ivr") return "ivr";
  const target = ctx.target;
  if (target === null || action.targetId === null || target.id !== action.targetId) return "noTarget";
  if (target.id === ctx.selfId) return "self";
  if (target.type !== (ctx.selfType ?? "multimedia")) return "typeMismatch";
  if (ctx.hops.includes(target.id)) return "loop";
  if (ctx.hops.length >= MAX_TRANSFER_HOPS) return "tooManyHops";
  const ceiling = "queueUsage" in action ? action.queueUsage : 100;
  return target.usageAfterTransfer < ceiling ? null : "targetUsage";
}
