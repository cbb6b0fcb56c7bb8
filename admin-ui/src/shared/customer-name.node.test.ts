import { describe, expect, it } from "vitest";
import { customerLabel } from "./customer-name";

describe("customerLabel", () => {
  it.each([
    ["Ada", true, "Ada"],
    ["Ada", false, "Ada (unverified)"],
    [null, true, "Customer"],
    [null, false, "Customer"],
    ["", false, "Customer"],
    ["   ", false, "Customer"],
    ["  Ada ", false, "Ada (unverified)"],
  ])("%j verified=%s → %s", (customerName, customerNameVerified, label) => {
    expect(customerLabel({ customerName, customerNameVerified }, "Customer")).toBe(label);
  });
});
