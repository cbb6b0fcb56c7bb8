import { describe, expect, it } from "vitest";
import { customerDisplay, customerLabel, visitorAlias } from "./customer-name";

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

describe("visitorAlias", () => {
  it.each([
    // expected values computed independently (FNV-1a + MurmurHash3 fmix32, mod 9000)
    ["anon_3f9a0c1b2d4e5f60718293a4b5c6d7", "Visitor 5224"],
    ["anon_0000000000000000000000000000", "Visitor 8274"],
    ["customer-42", "Visitor 1948"],
    ["", "Visitor 1923"],
  ])("%j → %s, the same every time", (customerId, alias) => {
    expect(visitorAlias(customerId)).toBe(alias);
    expect(visitorAlias(customerId)).toBe(visitorAlias(customerId));
  });

  it("stays within Visitor 1000–9999 and tells most of 500 similar ids apart (≈486 expected by chance)", () => {
    const aliases = Array.from({ length: 500 }, (_, i) =>
      visitorAlias(`anon_${i.toString(36).padStart(8, "0")}`),
    );
    for (const a of aliases) expect(a).toMatch(/^Visitor [1-9]\d{3}$/);
    expect(new Set(aliases).size).toBeGreaterThan(475);
  });
});

describe("customerDisplay", () => {
  it.each([
    [
      { customerName: "Ada", customerNameVerified: true },
      { name: "Ada", source: "verified" },
    ],
    [
      { customerName: " Ada ", customerNameVerified: false },
      { name: "Ada", source: "typed" },
    ],
    [
      { customerName: null, customerNameVerified: false },
      { name: visitorAlias("cu1"), source: "alias" },
    ],
    [
      { customerName: "  ", customerNameVerified: true },
      { name: visitorAlias("cu1"), source: "alias" },
    ],
  ])("%j → %j", (c, shown) => {
    expect(customerDisplay({ customerId: "cu1", ...c })).toEqual(shown);
  });
});
