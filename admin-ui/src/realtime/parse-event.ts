/** Server frames are checked against the protocol's schema before anything reads them; unknown or malformed frames are dropped. */
import * as v from "valibot";
import {
  type CustomerEvent,
  CustomerEventSchema,
  type ServerEvent,
  ServerEventSchema,
} from "../../../worker/realtime/protocol";

/** A staff socket's frame (any server event). */
export function parseServerEvent(frame: unknown): ServerEvent | null {
  const parsed = v.safeParse(ServerEventSchema, frame);
  return parsed.success ? parsed.output : null;
}

/** A customer socket's frame: only the events customers receive, so staff-only frames stay out of widget.js. */
export function parseCustomerEvent(frame: unknown): CustomerEvent | null {
  const parsed = v.safeParse(CustomerEventSchema, frame);
  return parsed.success ? parsed.output : null;
}
