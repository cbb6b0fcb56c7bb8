/** Reports over archived conversations: the query and the figures (see docs/reports.md). */
import * as v from "valibot";
import { daysBetween, MAX_REPORT_DAYS } from "../rules/report-periods";

const localDate = (field: string) =>
  v.pipe(
    v.string(`${field} is required`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date written YYYY-MM-DD`),
    v.check((d) => {
      const at = Date.parse(`${d}T00:00:00Z`);
      return Number.isFinite(at) && new Date(at).toISOString().startsWith(d);
    }, `${field} must be a date that exists in the calendar`),
  );

/** `GET /reports/conversations` query: local dates of the tenant's time zone, both included. */
export const ReportQuerySchema = v.pipe(
  v.object({
    from: localDate("from"),
    to: localDate("to"),
    granularity: v.optional(v.picklist(["day", "week"], "granularity must be day or week"), "day"),
    by: v.optional(v.picklist(["queue", "agent"], "by must be queue or agent"), "queue"),
  }),
  v.forward(
    v.check((q) => daysBetween(q.from, q.to) >= 1, "to must be on or after from"),
    ["to"],
  ),
  v.forward(
    v.check(
      (q) => daysBetween(q.from, q.to) <= MAX_REPORT_DAYS,
      `A report covers at most ${MAX_REPORT_DAYS} days: choose a later from or an earlier to`,
    ),
    ["to"],
  ),
);
export type ReportQuery = v.InferOutput<typeof ReportQuerySchema>;

const Percentiles = v.object({ p50: v.nullable(v.number()), p90: v.nullable(v.number()) });

export const FiguresSchema = v.object({
  /** Every conversation that started in the period. */
  conversations: v.number(),
  offered: v.number(),
  answered: v.number(),
  released: v.object({
    timeout: v.number(),
    busy: v.number(),
    noAgent: v.number(),
    /** Off-hours. */
    nonWorkingTime: v.number(),
  }),
  transferred: v.number(),
  /** Resolved by the chatbot: robot turns and never asked for a person. */
  contained: v.number(),
  waitMs: Percentiles,
  firstResponseMs: Percentiles,
  handleMs: Percentiles,
  csat: v.object({
    average: v.nullable(v.number()),
    rated: v.number(),
    /** rated ÷ answered, null when nothing was answered. */
    responseRate: v.nullable(v.number()),
    /** How many rated 1, 2, 3, 4, 5. */
    ratings: v.array(v.number()),
  }),
});
export type Figures = v.InferOutput<typeof FiguresSchema>;

export const PeriodSchema = v.object({ label: v.string(), start: v.number(), end: v.number() });

export const ReportSchema = v.object({
  timezone: v.string(),
  from: v.string(),
  to: v.string(),
  granularity: v.picklist(["day", "week"]),
  by: v.picklist(["queue", "agent"]),
  periods: v.array(PeriodSchema),
  /** Skill queues or agents that have conversations in the range; id null: none (no agent took it). */
  groups: v.array(v.object({ id: v.nullable(v.string()), name: v.string() })),
  overall: FiguresSchema,
  /** One per period, in the order of `periods`. */
  byPeriod: v.array(FiguresSchema),
  /** One per group over the whole range, in the order of `groups`. */
  byGroup: v.array(v.object({ group: v.nullable(v.string()), ...FiguresSchema.entries })),
  /** Period × group, only where there were conversations. */
  cells: v.array(v.object({ period: v.number(), group: v.nullable(v.string()), ...FiguresSchema.entries })),
});
export type Report = v.InferOutput<typeof ReportSchema>;
