import { describe, expect, it } from "vitest";
import {
  auditChanges,
  capChanges,
  diff,
  MAX_CHANGES_BYTES,
  REDACTED,
  redact,
  secretsSet,
} from "./audit-diff";

describe("audit diff", () => {
  it.each([
    ["unchanged", { a: 1 }, { a: 1 }, []],
    ["a changed field", { a: 1, b: 2 }, { a: 1, b: 3 }, [{ path: "b", before: 2, after: 3 }]],
    [
      "a nested field",
      { q: { t: { x: 1, y: 2 } } },
      { q: { t: { x: 1, y: 5 } } },
      [{ path: "q.t.y", before: 2, after: 5 }],
    ],
    ["a list as a whole", { l: [1, 2] }, { l: [1, 3] }, [{ path: "l", before: [1, 2], after: [1, 3] }]],
    ["an added field", { a: 1 }, { a: 1, b: null }, []],
    ["a field set", { a: 1 }, { a: 1, b: "x" }, [{ path: "b", before: null, after: "x" }]],
    [
      "created",
      null,
      { a: 1, b: { c: 2 } },
      [
        { path: "a", before: null, after: 1 },
        { path: "b", before: null, after: { c: 2 } },
      ],
    ],
    ["deleted", { a: 1 }, null, [{ path: "a", before: 1, after: null }]],
    ["a scalar replaced", 1, 2, [{ path: "(whole)", before: 1, after: 2 }]],
  ])("%s", (_name, before, after, expected) => {
    expect(diff(before, after)).toEqual(expected);
  });

  it("redacts secret fields at any depth but keeps empty ones visible", () => {
    expect(
      redact({
        name: "n",
        password: "p",
        thirdPartyAuth: { enabled: true, secretKey: "k" },
        list: [{ apiToken: "t" }],
        secret: "",
        tokenHash: null,
      }),
    ).toEqual({
      name: "n",
      password: REDACTED,
      thirdPartyAuth: { enabled: true, secretKey: REDACTED },
      list: [{ apiToken: REDACTED }],
      secret: "",
      tokenHash: null,
    });
  });

  it("records write-only secrets the request set, without their values", () => {
    expect(secretsSet({ name: "x", password: "hunter2", thirdPartyAuth: { secretKey: "k" } }, [])).toEqual([
      { path: "password", before: REDACTED, after: REDACTED },
      { path: "thirdPartyAuth.secretKey", before: REDACTED, after: REDACTED },
    ]);
    expect(secretsSet({ password: "" }, [])).toEqual([]);
    expect(secretsSet({ secret: "s" }, [{ path: "secret", before: null, after: REDACTED }])).toEqual([]);
  });

  it("caps the changes of one entry, the largest values first", () => {
    const big = "x".repeat(MAX_CHANGES_BYTES);
    const capped = capChanges([
      { path: "intents", before: [big], after: [big, big] },
      { path: "name", before: "a", after: "b" },
    ]);
    expect(JSON.stringify(capped).length).toBeLessThanOrEqual(MAX_CHANGES_BYTES);
    expect(capped[1]).toEqual({ path: "name", before: "a", after: "b" });
    expect(capped[0]!.after).toMatch(/^\[\d+ bytes, too large to keep\]$/);
    const small = [{ path: "a", before: 1, after: 2 }];
    expect(capChanges(small)).toEqual(small);
  });
});

describe("audit changes", () => {
  it("redacts a changed secret on both sides but shows that it changed", () => {
    expect(auditChanges({ url: "a", secret: "old" }, { url: "b", secret: "new" }, {})).toEqual([
      { path: "url", before: "a", after: "b" },
      { path: "secret", before: REDACTED, after: REDACTED },
    ]);
  });

  it("redacts a secret that appears, keeps null as null", () => {
    expect(auditChanges({ id: "w" }, { id: "w", secret: "whsec_x" }, {})).toEqual([
      { path: "secret", before: null, after: REDACTED },
    ]);
  });

  it("redacts secrets inside a changed object", () => {
    expect(auditChanges(null, { auth: { apiToken: "t", user: "u" } }, {})).toEqual([
      { path: "auth", before: null, after: { apiToken: REDACTED, user: "u" } },
    ]);
  });

  it("notes a write-only secret the body set and ignores updatedAt", () => {
    expect(
      auditChanges({ name: "A", updatedAt: 1 }, { name: "A", updatedAt: 2 }, { password: "pw" }),
    ).toEqual([{ path: "password", before: REDACTED, after: REDACTED }]);
  });

  it("records nothing for a write that changed nothing", () => {
    expect(auditChanges({ name: "A" }, { name: "A" }, { name: "A" })).toEqual([]);
  });
});
