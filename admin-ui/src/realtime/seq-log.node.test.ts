import { describe, expect, it } from "vitest";
import { Outbox } from "./outbox";
import { SeqLog } from "./seq-log";

describe("SeqLog", () => {
  it("keeps seq order whatever the arrival order and holds each seq once", () => {
    const log = new SeqLog<{ seq: number; t: string }>();
    expect(log.add({ seq: 3, t: "c" })).toBe(true);
    expect(log.add({ seq: 1, t: "a" })).toBe(true);
    expect(log.add({ seq: 3, t: "c again" })).toBe(false);
    expect(
      log.addAll([
        { seq: 2, t: "b" },
        { seq: 1, t: "a" },
        { seq: 4, t: "d" },
      ]),
    ).toBe(2);
    expect(log.items().map((m) => m.t)).toEqual(["a", "b", "c", "d"]);
    expect(log.lastSeq).toBe(4);
    expect(log.size).toBe(4);
  });

  it("starts at lastSeq 0", () => {
    expect(new SeqLog().lastSeq).toBe(0);
  });
});

describe("Outbox", () => {
  it("keeps unacknowledged frames in write order and forgets acknowledged ones", () => {
    const box = new Outbox<{ clientMsgId: string; text: string }>();
    box.add({ clientMsgId: "a", text: "1" });
    box.add({ clientMsgId: "b", text: "2" });
    box.add({ clientMsgId: "c", text: "3" });
    expect(box.ack("b")?.text).toBe("2");
    expect(box.ack("b")).toBeUndefined();
    expect(box.frames().map((f) => f.clientMsgId)).toEqual(["a", "c"]);
    expect(box.has("a")).toBe(true);
    expect(box.size).toBe(2);
  });
});
