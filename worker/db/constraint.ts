/**
 * Which SQLite constraint a failed write hit. D1 reports it in the error's text
 * ("UNIQUE constraint failed: employees.account: SQLITE_CONSTRAINT …"), and drizzle wraps that
 * error in its own ("Failed query: <sql> params: <values>") with the D1 error as `cause`. Only the
 * innermost D1 text is read: the wrapper's message holds the client's values and must never be
 * mistaken for a constraint.
 */
import { is, SQL } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";

export type ConstraintKind = "UNIQUE" | "CHECK" | "FOREIGN KEY" | "NOT NULL";

/**
 * `target` is what SQLite names after the colon: `table.col, table.col` for a unique index on
 * columns or a NOT NULL column, `index 'name'` for a unique index on an expression, the expression
 * or constraint name for CHECK, and "" for FOREIGN KEY (SQLite does not say which one).
 */
export type Constraint = { kind: ConstraintKind; target: string };

/** Bounds the walk over `cause`, which could in principle be cyclic. */
const MAX_DEPTH = 8;
const FAILED =
  /^(?:D1_(?:EXEC_)?ERROR: )?(UNIQUE|CHECK|FOREIGN KEY|NOT NULL) constraint failed(?:: (?!SQLITE_CONSTRAINT)(.+?))?(?:: SQLITE_CONSTRAINT.*)?$/s;

/** The constraint named in `err` or any of its causes (innermost first), or null. */
export function constraintOf(err: unknown): Constraint | null {
  const chain: unknown[] = [];
  for (let at = err; at instanceof Error && chain.length < MAX_DEPTH; at = at.cause) chain.push(at);
  for (const e of chain.reverse()) {
    const match = FAILED.exec((e as Error).message);
    if (match) return { kind: match[1] as ConstraintKind, target: match[2] ?? "" };
  }
  return null;
}

/** What SQLite reports when a write breaks the unique index `name` of `table`. */
export function uniqueIndex(table: SQLiteTable, name: string): Constraint {
  const config = getTableConfig(table);
  const found = config.indexes.find((i) => i.config.name === name && i.config.unique);
  if (!found) throw new Error(`${config.name} has no unique index ${name}`);
  const { columns } = found.config;
  if (columns.some((c) => is(c, SQL))) return { kind: "UNIQUE", target: `index '${name}'` };
  const names = columns.map((c) => `${config.name}.${(c as { name: string }).name}`);
  return { kind: "UNIQUE", target: names.join(", ") };
}

/** What SQLite reports when a write leaves the NOT NULL `column` of `table` empty. */
export function notNull(table: SQLiteTable, column: { name: string }): Constraint {
  return { kind: "NOT NULL", target: `${getTableConfig(table).name}.${column.name}` };
}

export const sameConstraint = (a: Constraint, b: Constraint) => a.kind === b.kind && a.target === b.target;
