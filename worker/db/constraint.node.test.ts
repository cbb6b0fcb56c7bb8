import { describe, expect, it } from "vitest";
import { constraintOf, notNull, uniqueIndex } from "./constraint";
import { agents, employees, orgUnits, skillQueues } from "./schema";

const d1 = (text: string) =>
  new Error(`D1_ERROR: ${text}: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)`, {
    cause: new Error(`${text}: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)`),
  });
const drizzle = (cause: Error, params = "x") =>
  new Error(`Failed query: insert into "t" ("a") values (?)\nparams: ${params}`, { cause });

describe("constraintOf", () => {
  it.each([
    [
      "a drizzle error wrapping D1's",
      drizzle(d1("UNIQUE constraint failed: employees.account")),
      { kind: "UNIQUE", target: "employees.account" },
    ],
    [
      "a D1 batch error (no drizzle wrapper)",
      d1("UNIQUE constraint failed: skill_queues.tenant_id, skill_queues.name"),
      { kind: "UNIQUE", target: "skill_queues.tenant_id, skill_queues.name" },
    ],
    [
      "an expression index",
      d1("UNIQUE constraint failed: index 'org_units_sibling_name'"),
      { kind: "UNIQUE", target: "index 'org_units_sibling_name'" },
    ],
    [
      "a NOT NULL column",
      new Error("D1_ERROR: NOT NULL constraint failed: agents.id: SQLITE_CONSTRAINT"),
      { kind: "NOT NULL", target: "agents.id" },
    ],
    [
      "a CHECK constraint",
      new Error("D1_EXEC_ERROR: CHECK constraint failed: a <> 'x': SQLITE_CONSTRAINT"),
      { kind: "CHECK", target: "a <> 'x'" },
    ],
    [
      "a foreign key, which SQLite does not name",
      drizzle(new Error("D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT")),
      { kind: "FOREIGN KEY", target: "" },
    ],
    [
      "a text without the SQLITE_CONSTRAINT suffix",
      new Error("UNIQUE constraint failed: robots.tenant_id, robots.access_code"),
      { kind: "UNIQUE", target: "robots.tenant_id, robots.access_code" },
    ],
  ])("reads %s", (_, err, expected) => {
    expect(constraintOf(err)).toEqual(expected);
  });

  it.each([
    ["another D1 error", drizzle(new Error("D1_ERROR: no such table: x: SQLITE_ERROR"))],
    [
      "constraint text only in the client's values inside drizzle's message",
      drizzle(new Error("D1_ERROR: too many SQL variables"), "UNIQUE constraint failed: employees.account"),
    ],
    ["a string", "UNIQUE constraint failed: employees.account"],
    ["null", null],
  ])("finds nothing in %s", (_, err) => {
    expect(constraintOf(err)).toBeNull();
  });

  it("stops on a cyclic cause chain", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(constraintOf(a)).toBeNull();
  });
});

describe("what the schema's constraints look like when they fail", () => {
  it.each([
    [uniqueIndex(employees, "employees_account"), "UNIQUE", "employees.account"],
    [
      uniqueIndex(skillQueues, "skill_queues_tenant_name"),
      "UNIQUE",
      "skill_queues.tenant_id, skill_queues.name",
    ],
    [
      uniqueIndex(orgUnits, "org_units_sibling_name"),
      "UNIQUE",
      "org_units.tenant_id, org_units.parent_id, org_units.name",
    ],
    [uniqueIndex(orgUnits, "org_units_top_level_name"), "UNIQUE", "org_units.tenant_id, org_units.name"],
    [notNull(agents, agents.id), "NOT NULL", "agents.id"],
  ])("%j", (constraint, kind, target) => {
    expect(constraint).toEqual({ kind, target });
  });

  it("refuses an index the table does not have, or one that is not unique", () => {
    expect(() => uniqueIndex(employees, "nope")).toThrow(/no unique index nope/);
    expect(() => uniqueIndex(orgUnits, "org_units_tenant")).toThrow();
  });
});
