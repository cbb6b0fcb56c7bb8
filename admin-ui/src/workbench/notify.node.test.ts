import { describe, expect, it } from "vitest";
import { alertFor } from "./notify";

describe("alertFor", () => {
  it.each([
    ["newChat", false, true, { sound: true, notification: false }],
    ["newChat", false, false, { sound: true, notification: true }],
    ["newChat", true, true, { sound: true, notification: true }],
    ["message", false, true, { sound: false, notification: false }],
    ["message", false, false, { sound: true, notification: true }],
    ["message", true, true, { sound: true, notification: true }],
  ] as const)("%s, page hidden %s, chat in view %s → %j", (kind, hidden, inView, alert) => {
    expect(alertFor(kind, { hidden, inView })).toEqual(alert);
  });
});
