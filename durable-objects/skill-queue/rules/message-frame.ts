/**
 * The commonest frame, a text `message.send`, decoded without the full command schema: the same
 * command the schema's decode gives (`decodeFrame` of `worker/realtime/protocol.ts`), or null to
 * let that decode decide. Only a frame that is exactly `{type, clientMsgId, text}` (an agent's
 * also `conversationId`), every field a string within the schema's limits, takes this path;
 * anything else (a file, an extra or missing field, a limit crossed) goes to the schema, which
 * answers errors.
 */
import { type AgentCommand, type CustomerCommand, MAX_TEXT_CHARS } from "../../../worker/realtime/protocol";

type Send<C> = Extract<C, { type: "message.send" }>;

/** Field limits of `message.send` (as in the protocol's schema). */
const CLIENT_MSG_ID_MAX = 64;
const ID_MAX = 80;

const within = (s: unknown, max: number): s is string =>
  typeof s === "string" && s.length >= 1 && s.length <= max;

/** A customer's text message, or null. */
export function quickCustomerSend(raw: string | ArrayBuffer): Send<CustomerCommand> | null {
  const data = parsed(raw, 3);
  if (!data) return null;
  const text = trimmedText(data.text);
  if (text === null || !within(data.clientMsgId, CLIENT_MSG_ID_MAX)) return null;
  return { type: "message.send", clientMsgId: data.clientMsgId, text };
}

/** An agent's (or quality checker's) text message, or null. */
export function quickAgentSend(raw: string | ArrayBuffer): Send<AgentCommand> | null {
  const data = parsed(raw, 4);
  if (!data) return null;
  const text = trimmedText(data.text);
  if (text === null || !within(data.clientMsgId, CLIENT_MSG_ID_MAX) || !within(data.conversationId, ID_MAX))
    return null;
  return { type: "message.send", conversationId: data.conversationId, clientMsgId: data.clientMsgId, text };
}

/** The frame's object when it is a `message.send` with exactly `keys` fields. */
function parsed(raw: string | ArrayBuffer, keys: number): Record<string, unknown> | null {
  // other frames are not parsed twice
  if (typeof raw !== "string" || !raw.includes('"message.send"')) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  if (o.type !== "message.send" || Object.keys(o).length !== keys) return null;
  return o;
}

/** The text trimmed, when it is a string of 1 to `MAX_TEXT_CHARS` characters after trimming. */
function trimmedText(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const t = text.trim();
  return t.length >= 1 && t.length <= MAX_TEXT_CHARS ? t : null;
}
