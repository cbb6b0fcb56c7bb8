/**
 * An archived conversation as one timeline: the messages (what the customer saw) and the staff's
 * private notes, merged by time. A note written at the same millisecond as a message comes after
 * it; messages keep their seq order and notes theirs.
 */
import type { Conversation } from "../../../../worker/schemas/conversations";

type Message = Conversation["transcript"][number];
type Note = Conversation["notes"][number];

export type TimelineLine = ({ kind: "message" } & Message) | ({ kind: "note" } & Note);

export function timeline(transcript: readonly Message[], notes: readonly Note[]): TimelineLine[] {
  const out: TimelineLine[] = [];
  let n = 0;
  for (const m of transcript) {
    while (n < notes.length && notes[n]!.createdAt < m.createdAt) out.push({ kind: "note", ...notes[n++]! });
    out.push({ kind: "message", ...m });
  }
  while (n < notes.length) out.push({ kind: "note", ...notes[n++]! });
  return out;
}
