import { describe, expect, it } from "vitest";
import type { TransferTarget } from "../../../worker/schemas/realtime";
import { REFRESH_MS, TransferTargets, targetLabel, targetWarning } from "./transfer-targets";

const target = (t: Partial<TransferTarget>): TransferTarget => ({
  id: "sq_b",
  name: "Billing",
  signedIn: 3,
  idle: 2,
  waiting: 1,
  accepts: true,
  refusal: null,
  message: null,
  ...t,
});

describe("transfer picker options", () => {
  it.each([
    [target({}), "Billing — 2 idle / 3 signed in, 1 waiting", null],
    [
      target({ idle: 0, waiting: 4 }),
      "Billing — 0 idle / 3 signed in, 4 waiting",
      "Nobody in Billing is idle now: the customer will wait there.",
    ],
    [
      target({ signedIn: 0, idle: 0, waiting: 0, accepts: false, refusal: "nobodySignedIn" }),
      "Billing — nobody signed in",
      null,
    ],
    [
      target({ idle: 0, waiting: 5, accepts: false, refusal: "queueFull" }),
      "Billing — queue full (0 idle / 3 signed in, 5 waiting)",
      null,
    ],
  ])("%o → %s", (t, label, warning) => {
    expect(targetLabel(t)).toBe(label);
    expect(targetWarning(t)).toBe(warning);
  });
});

describe("TransferTargets", () => {
  it("loads, keeps an answer for REFRESH_MS, then loads again; one load at a time", async () => {
    let clock = 1000;
    let calls = 0;
    const model = new TransferTargets(
      async () => {
        calls++;
        return [target({ waiting: calls })];
      },
      () => clock,
    );
    let changes = 0;
    model.subscribe(() => changes++);
    expect(model.items).toBeNull();
    await Promise.all([model.refresh(), model.refresh()]);
    expect(calls).toBe(1);
    expect(model.get("sq_b")?.waiting).toBe(1);
    clock += REFRESH_MS - 1;
    await model.refresh();
    expect(calls).toBe(1);
    clock += 1;
    await model.refresh();
    expect(calls).toBe(2);
    expect(model.get("sq_b")?.waiting).toBe(2);
    expect(changes).toBe(2);
  });

  it("keeps the last answer and says why when a load fails, and tries again at once", async () => {
    let clock = 0;
    let fail = false;
    const model = new TransferTargets(
      async () => {
        if (fail) throw new Error("offline");
        return [target({})];
      },
      () => clock,
    );
    await model.refresh();
    fail = true;
    clock += REFRESH_MS;
    await model.refresh();
    expect(model.error).toBe("offline");
    expect(model.items).toHaveLength(1);
    fail = false;
    await model.refresh();
    expect(model.error).toBeNull();
  });
});
