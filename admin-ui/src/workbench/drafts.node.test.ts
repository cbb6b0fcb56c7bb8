import { describe, expect, it } from "vitest";
import { MAX_TEXT_CHARS } from "../../../worker/realtime/protocol";
import { Drafts, MAX_DRAFTS } from "./drafts";
import { memoryStorage } from "./test/memory-storage";

describe("Drafts", () => {
  it("keeps a draft per chat across instances (a reload) and per employee", () => {
    const storage = memoryStorage();
    const a = new Drafts(storage, "1001");
    a.set("cv1", "Let me check your ");
    a.set("cv2", "您好");
    const reloaded = new Drafts(storage, "1001");
    expect(reloaded.get("cv1")).toBe("Let me check your ");
    expect(reloaded.get("cv2")).toBe("您好");
    expect(new Drafts(storage, "2002").get("cv1")).toBe("");
  });

  it("removes a draft that was sent or emptied, and the entry when none is left", () => {
    const storage = memoryStorage();
    const d = new Drafts(storage, "1001");
    d.set("cv1", "x");
    d.set("cv1", "   ");
    expect(d.get("cv1")).toBe("");
    expect(storage.data.size).toBe(0);
    d.set("cv2", "y");
    d.delete("cv2");
    expect(new Drafts(storage, "1001").get("cv2")).toBe("");
  });

  it(`keeps the ${MAX_DRAFTS} most recently edited drafts and cuts each at ${MAX_TEXT_CHARS} characters`, () => {
    let t = 0;
    const storage = memoryStorage();
    const d = new Drafts(storage, "1001", () => ++t);
    for (let i = 0; i <= MAX_DRAFTS; i++) d.set(`cv${i}`, `draft ${i}`);
    const reloaded = new Drafts(storage, "1001");
    expect(reloaded.get("cv0")).toBe("");
    expect(reloaded.get("cv1")).toBe("draft 1");
    expect(reloaded.get(`cv${MAX_DRAFTS}`)).toBe(`draft ${MAX_DRAFTS}`);
    d.set("long", "a".repeat(MAX_TEXT_CHARS + 5));
    expect(d.get("long")).toHaveLength(MAX_TEXT_CHARS);
  });

  it("survives broken or blocked storage", () => {
    const storage = memoryStorage();
    storage.setItem("ecs.drafts.1001", "{not json");
    expect(new Drafts(storage, "1001").get("cv1")).toBe("");
    storage.setItem("ecs.drafts.1001", JSON.stringify({ cv1: { text: 5 }, cv2: { text: "ok", at: 1 } }));
    expect(new Drafts(storage, "1001").get("cv2")).toBe("ok");
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const d = new Drafts(full, "1001");
    d.set("cv1", "still here");
    expect(d.get("cv1")).toBe("still here");
    expect(new Drafts(null, "1001").get("cv1")).toBe("");
  });
});
