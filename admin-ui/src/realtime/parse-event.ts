/** Server frames are checked against the protocol's schema before anything reads them; unknown or malformed frames are dropped. */
import * as v from "valibot";
import { type ServerEvent, ServerEventSchema } from "../../../worker/realtime/protocol";

export function parseServerEvent(frame: unknown): ServerEvent | null {
  const parsed = v.safeParse(ServerEventSchema, frame);
  return parsed.success ? parsed.output : null;
}
