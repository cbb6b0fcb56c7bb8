import { describe, expect, it } from "vitest";
import { timeline } from "./transcript";

const m = (seq: number, createdAt: number) => ({
  seq,
  sender: "customer" as const,
  senderName: null,
  text: `m${seq}`,
  createdAt,
});
const n = (seq: number, createdAt: number) => ({
  seq,
  authorEmployeeId: "1",
  authorName: "Ann",
  text: `n${seq}`,
  createdAt,
});
const keys = (lines: ReturnType<typeof timeline>) => lines.map((l) => `${l.kind[0]}${l.seq}`);

describe("transcript timeline", () => {
  it.each([
    ["notes between messages by time", [m(1, 10), m(2, 30)], [n(1, 20)], ["m1", "n1", "m2"]],
    ["a note at a message's time comes after it", [m(1, 10), m(2, 20)], [n(1, 10)], ["m1", "n1", "m2"]],
    ["notes before the first message", [m(1, 10)], [n(1, 5), n(2, 6)], ["n1", "n2", "m1"]],
    ["notes after the last message", [m(1, 10)], [n(1, 50)], ["m1", "n1"]],
    ["no notes", [m(1, 10), m(2, 20)], [], ["m1", "m2"]],
    ["no messages", [], [n(1, 1), n(2, 2)], ["n1", "n2"]],
  ])("%s", (_name, messages, notes, expected) => {
    expect(keys(timeline(messages, notes))).toEqual(expected);
  });
});
