/**
 * The report's SQL against the pure definitions (`../rules/report-figures.ts`): a generated set of
 * archived conversations is counted both ways, per period, per group, per cell and overall.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  type ArchivedConversation,
  isAnswered,
  isContained,
  isOffered,
  percentile,
  releaseReason,
  responseRate,
} from "../rules/report-figures";
import { addSignedInEmployee } from "../test/config-fixtures";
import { client, newTenant } from "../test/helpers";

type Row = ArchivedConversation & {
  id: string;
  skillQueueId: string | null;
  agentEmployeeId: string | null;
  startedAt: number;
  firstResponseMs: number | null;
  handleMs: number | null;
};

/** Local midnight of 2026-03-02 in Asia/Shanghai (UTC+8). */
const DAY2 = Date.parse("2026-03-01T16:00:00Z");
const H = 3_600_000;

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number): Row[] {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick([
      "answered",
      "answered",
      "answered",
      "timeout",
      "busy",
      "noAgent",
      "off",
      "bot",
      "left",
    ]);
    const startedAt = DAY2 - 24 * H + Math.floor(rnd() * 72 * H);
    const queued = kind === "answered" || kind === "timeout" || (kind === "left" && rnd() < 0.5);
    const answered = kind === "answered";
    const waitMs = queued ? Math.floor(rnd() * 120_000) : null;
    rows.push({
      id: `cv_r${String(i).padStart(4, "0")}`,
      skillQueueId: pick(["sq_a", "sq_b", null]),
      agentEmployeeId: answered ? pick(["3001", "3002"]) : null,
      outcome:
        { timeout: "timeout", busy: "busy", noAgent: "noAgent", off: "nonWorkingTime", bot: "robotTimeout" }[
          kind as "timeout"
        ] ?? pick(["agentEnded", "customerLeft"]),
      startedAt,
      queuedAt: queued ? startedAt + 1000 : null,
      connectedAt: answered ? startedAt + 1000 + (waitMs ?? 0) : null,
      waitMs,
      answeredAt: answered ? startedAt + 1000 + (waitMs ?? 0) : null,
      firstResponseMs: answered && rnd() < 0.9 ? (waitMs ?? 0) + Math.floor(rnd() * 30_000) : null,
      handleMs: answered ? Math.floor(rnd() * 600_000) : null,
      transfers: rnd() < 0.15 ? 1 : 0,
      robotTurns: kind === "bot" || rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0,
      rating: answered && rnd() < 0.5 ? 1 + Math.floor(rnd() * 5) : null,
    });
  }
  return rows;
}

async function insert(tenantId: string, rows: Row[]) {
  const statements = rows.map((r) =>
    env.DB.prepare(
      `INSERT INTO conversations (id, tenant_id, channel_id, skill_queue_id, customer_id, agent_employee_id, agent_name,
        outcome, started_at, queued_at, connected_at, ended_at, rating, message_count, wait_ms, answered_at,
        first_response_ms, handle_ms, transfers, robot_turns)
       VALUES (?, ?, 'ch_x', ?, 'cu', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      `${r.id}_${tenantId}`,
      tenantId,
      r.skillQueueId,
      r.agentEmployeeId,
      r.agentEmployeeId && `Agent ${r.agentEmployeeId}`,
      r.outcome,
      r.startedAt,
      r.queuedAt,
      r.connectedAt,
      r.startedAt + 1_000_000,
      r.rating,
      r.waitMs,
      r.answeredAt,
      r.firstResponseMs,
      r.handleMs,
      r.transfers,
      r.robotTurns,
    ),
  );
  await env.DB.batch(statements);
}

/** The figures of `rows` by the pure rules. */
function expected(rows: Row[]) {
  const sorted = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const pct = (xs: (number | null)[]) => ({
    p50: percentile(sorted(xs), 50),
    p90: percentile(sorted(xs), 90),
  });
  const rated = rows.filter((r) => r.rating !== null);
  const answered = rows.filter(isAnswered).length;
  const count = (reason: string) => rows.filter((r) => releaseReason(r) === reason).length;
  return {
    conversations: rows.length,
    offered: rows.filter(isOffered).length,
    answered,
    released: {
      timeout: count("timeout"),
      busy: count("busy"),
      noAgent: count("noAgent"),
      nonWorkingTime: count("nonWorkingTime"),
    },
    transferred: rows.filter((r) => r.transfers > 0).length,
    contained: rows.filter(isContained).length,
    waitMs: pct(rows.map((r) => r.waitMs)),
    firstResponseMs: pct(rows.map((r) => r.firstResponseMs)),
    handleMs: pct(rows.map((r) => r.handleMs)),
    csat: {
      average: rated.length ? rated.reduce((s, r) => s + (r.rating ?? 0), 0) / rated.length : null,
      rated: rated.length,
      responseRate: responseRate(rated.length, answered),
      ratings: [1, 2, 3, 4, 5].map((n) => rated.filter((r) => r.rating === n).length),
    },
  };
}

describe("conversation reports", () => {
  it("counts exactly what the rules define, per local day, per queue, per cell and overall", async () => {
    const t = await newTenant({ timezone: "Asia/Shanghai" });
    const other = await newTenant({ timezone: "Asia/Shanghai" });
    const rows = generate(300);
    await insert(t.tenantId, rows);
    await insert(other.tenantId, generate(40));
    const res = await t.get("/reports/conversations?from=2026-03-01&to=2026-03-03&granularity=day&by=queue");
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.timezone).toBe("Asia/Shanghai");
    expect(report.periods.map((p: any) => [p.label, p.start])).toEqual([
      ["2026-03-01", DAY2 - 24 * H],
      ["2026-03-02", DAY2],
      ["2026-03-03", DAY2 + 24 * H],
    ]);
    expect(report.overall).toEqual(expected(rows));
    report.periods.forEach((p: any, i: number) => {
      expect(report.byPeriod[i]).toEqual(
        expected(rows.filter((r) => r.startedAt >= p.start && r.startedAt < p.end)),
      );
    });
    expect(report.groups.map((g: any) => g.id)).toEqual(["sq_a", "sq_b", null]);
    expect(report.groups.at(-1).name).toBe("No skill queue");
    for (const g of report.byGroup) {
      const { group, ...figures } = g;
      expect(figures).toEqual(expected(rows.filter((r) => r.skillQueueId === group)));
    }
    for (const cell of report.cells) {
      const { period, group, ...figures } = cell;
      const p = report.periods[period];
      const mine = rows.filter(
        (r) => r.skillQueueId === group && r.startedAt >= p.start && r.startedAt < p.end,
      );
      expect(figures).toEqual(expected(mine));
    }
    expect(report.cells).toHaveLength(9);
  });

  it("puts a conversation on the local date it started: the second before midnight and midnight", async () => {
    const t = await newTenant({ timezone: "Asia/Shanghai" });
    const rows = generate(2).map((r, i) => ({ ...r, skillQueueId: "sq_a", startedAt: DAY2 - 1 + i }));
    await insert(t.tenantId, rows);
    const res = await t.get("/reports/conversations?from=2026-03-01&to=2026-03-02");
    expect(res.body.byPeriod.map((f: any) => f.conversations)).toEqual([1, 1]);
    const week = await t.get("/reports/conversations?from=2026-03-01&to=2026-03-02&granularity=week");
    // 2026-03-01 is a Sunday: two ISO weeks
    expect(week.body.periods.map((p: any) => p.label)).toEqual(["2026-02-23", "2026-03-02"]);
    expect(week.body.byPeriod.map((f: any) => f.conversations)).toEqual([1, 1]);
  });

  it("groups by the agent who had the conversation, with the employee's name", async () => {
    const t = await newTenant();
    await addSignedInEmployee(t.tenantId, "3001");
    const rows = generate(60).map((r) => ({ ...r, startedAt: Date.parse("2026-03-02T10:00:00Z") }));
    await insert(t.tenantId, rows);
    const res = await t.get("/reports/conversations?from=2026-03-02&to=2026-03-02&by=agent");
    expect(res.body.groups).toEqual([
      { id: "3001", name: "Employee 3001" },
      { id: "3002", name: "Agent 3002" },
      { id: null, name: "No agent" },
    ]);
    expect(res.body.byGroup[0].answered).toBe(rows.filter((r) => r.agentEmployeeId === "3001").length);
  });

  it("an empty range answers zeros and no percentiles", async () => {
    const t = await newTenant();
    const res = await t.get("/reports/conversations?from=2020-01-01&to=2020-01-07&granularity=week");
    expect(res.status).toBe(200);
    expect(res.body.overall).toEqual(expected([]));
    expect(res.body.groups).toEqual([]);
    expect(res.body.cells).toEqual([]);
  });

  it.each([
    ["to=2026-01-01", "from"],
    ["from=2026-01-01", "to"],
    ["from=2026-02-30&to=2026-03-01", "from"],
    ["from=2026-1-1&to=2026-01-02", "from"],
    ["from=2026-01-02&to=2026-01-01", "to"],
    ["from=2026-01-01&to=2027-01-02", "to"],
    ["from=2026-01-01&to=2026-01-02&granularity=month", "granularity"],
    ["from=2026-01-01&to=2026-01-02&by=channel", "by"],
  ])("refuses ?%s naming %s", async (query, field) => {
    const t = await newTenant();
    const res = await t.get(`/reports/conversations?${query}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it("takes a whole leap year (366 days) and refuses 367", async () => {
    const t = await newTenant();
    expect((await t.get("/reports/conversations?from=2028-01-01&to=2028-12-31")).status).toBe(200);
    const over = await t.get("/reports/conversations?from=2028-01-01&to=2029-01-01");
    expect(over.status).toBe(422);
    expect(over.body.errors.to[0]).toMatch(/at most 366 days/);
  });

  it("is for administrators only", async () => {
    const t = await newTenant();
    const agent = await addSignedInEmployee(t.tenantId, "3009");
    const res = await client(agent.token, t.tenantId).get(
      "/reports/conversations?from=2026-01-01&to=2026-01-02",
    );
    expect(res.status).toBe(403);
  });
});
