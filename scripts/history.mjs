// Archived conversation history for demos, the e2e journey and the report bench: deterministic
// rows (same seed, same rows, same ids) written straight into local D1 with
// `wrangler d1 execute --local`, since nothing in the API creates history except real chats.
// `INSERT OR IGNORE` makes a second run a no-op.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./lib.mjs";

const CUSTOMERS = [
  "Li Wei",
  "Maria Garcia",
  "Chen Jing",
  "Aiko Tanaka",
  "Omar Haddad",
  "Emma Müller",
  "Ravi Patel",
  "Zhang Min",
  "Lucas Silva",
  "Fatima Khan",
  "Noah Smith",
  "Sofia Rossi",
];
const TOPICS = [
  ["Where is my order #{n}?", "Your order #{n} left our warehouse yesterday and arrives in 2 days."],
  [
    "I want a refund for order #{n}",
    "I have started the refund for order #{n}; it reaches your card in 3–5 days.",
  ],
  ["The app does not let me sign in", "I have reset your sign-in; please try again with the link I sent."],
  ["Can I change my delivery address?", "Done: the parcel now goes to the new address."],
  ["Do you ship to Canada?", "Yes, we ship to Canada within 5–7 working days."],
  ["My coupon code is not accepted", "The code expired last week; I have added a new one to your account."],
];
const ROBOT = [
  "Orders ship within 24 hours; delivery takes 2–4 working days.",
  "You can return any item within 30 days for a full refund.",
];

/** mulberry32: a small deterministic generator. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = (v) =>
  v === null || v === undefined
    ? "NULL"
    : typeof v === "number"
      ? String(Math.round(v))
      : `'${String(v).replaceAll("'", "''")}'`;

/**
 * Generates `count` ended conversations of the last `days` days before `now`, spread over the
 * given queues and agents. Returns `{conversations, messages}` as plain rows (D1 column names).
 * Options: `messages` (false: no transcripts, for the bench), `seed`.
 */
export function generateHistory({
  tenantId,
  channelId,
  queueIds,
  agents,
  count,
  days,
  now = Date.now(),
  seed = 1,
  messages = true,
}) {
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo));
  const convs = [];
  const lines = [];
  const tag = tenantId.slice(-8);
  for (let i = 0; i < count; i++) {
    const id = `cv_hist_${tag}_${seed}_${i}`;
    // busier in the working day of UTC+8 and on weekdays: a visible shape in the charts
    let startedAt = now - between(0, days * 86_400_000);
    if (rnd() < 0.5) startedAt -= (startedAt % 86_400_000) - between(1, 10) * 3_600_000;
    if (startedAt >= now) startedAt = now - between(60_000, 3_600_000);
    const roll = rnd();
    const kind =
      roll < 0.62
        ? "answered"
        : roll < 0.7
          ? "timeout"
          : roll < 0.74
            ? "busy"
            : roll < 0.77
              ? "noAgent"
              : roll < 0.81
                ? "off"
                : roll < 0.95
                  ? "bot"
                  : "left";
    const viaBot = kind === "bot" || rnd() < 0.4;
    const botTurns = viaBot ? between(1, 4) : 0;
    const queuedAt = ["answered", "timeout", "left"].includes(kind)
      ? startedAt + botTurns * 15_000 + 2000
      : null;
    const waitMs =
      queuedAt === null ? null : kind === "timeout" ? 180_000 : Math.floor(3000 + rnd() ** 2 * 150_000);
    const answered = kind === "answered";
    const connectedAt = answered ? queuedAt + waitMs : null;
    const firstResponseMs = answered && rnd() < 0.95 ? waitMs + between(2000, 45_000) : null;
    const handleMs = answered ? between(60_000, 900_000) : null;
    const endedAt = answered
      ? connectedAt + handleMs
      : queuedAt !== null
        ? queuedAt + waitMs
        : startedAt + botTurns * 15_000 + 5000;
    const agent = answered ? pick(agents) : null;
    const rating = answered && rnd() < 0.6 ? pick([5, 5, 5, 4, 4, 4, 3, 2, 1]) : null;
    const outcome =
      {
        timeout: "timeout",
        busy: "busy",
        noAgent: "noAgent",
        off: "nonWorkingTime",
        bot: "robotTimeout",
        left: "customerLeft",
      }[kind] ?? pick(["agentEnded", "agentEnded", "customerLeft", "noReply"]);
    const customer = pick(CUSTOMERS);
    const [ask, answer] = pick(TOPICS);
    const n = String(between(10000, 99999));
    const transcript = [];
    const say = (sender, senderName, text, at) =>
      transcript.push({ sender, senderName, text: text.replaceAll("{n}", n), at });
    say("customer", customer, ask, startedAt);
    for (let t = 0; t < botTurns; t++)
      say("robot", "Demo Assistant", pick(ROBOT), startedAt + t * 15_000 + 1000);
    if (answered) {
      say("system", null, `You are now chatting with ${agent.name}.`, connectedAt);
      if (firstResponseMs !== null) say("agent", agent.name, answer, queuedAt + firstResponseMs);
      say("customer", customer, "Thank you!", endedAt - 1000);
    } else if (kind !== "bot" && kind !== "left") {
      say("system", null, "Sorry, no agent is available right now. Please try again later.", endedAt);
    }
    convs.push({
      id,
      tenant_id: tenantId,
      channel_id: channelId,
      skill_queue_id: pick(queueIds),
      customer_id: `cu_hist_${i % 997}`,
      customer_name: customer,
      customer_name_verified: 0,
      agent_employee_id: agent?.employeeId ?? null,
      agent_name: agent?.name ?? null,
      outcome,
      started_at: startedAt,
      queued_at: queuedAt,
      connected_at: connectedAt,
      ended_at: endedAt,
      rating,
      comment:
        rating === null ? null : rating >= 4 ? "Quick and friendly" : rating <= 2 ? "Took too long" : null,
      message_count: messages ? transcript.length : 0,
      wait_ms: waitMs,
      answered_at: connectedAt,
      first_response_ms: firstResponseMs,
      handle_ms: handleMs,
      transfers: answered && rnd() < 0.08 ? 1 : 0,
      robot_turns: botTurns,
    });
    if (messages) {
      for (const [seq, m] of transcript.entries()) {
        lines.push({
          tenant_id: tenantId,
          conversation_id: id,
          seq: seq + 1,
          sender: m.sender,
          sender_name: m.senderName,
          text: m.text,
          client_msg_id: null,
          created_at: m.at,
        });
      }
    }
  }
  return { conversations: convs, messages: lines };
}

/** The rows as `INSERT OR IGNORE` statements of up to `perStatement` rows. */
export function historySql({ conversations, messages }, perStatement = 200) {
  const out = [];
  for (const [table, rows] of [
    ["conversations", conversations],
    ["conversation_messages", messages],
  ]) {
    if (!rows.length) continue;
    const cols = Object.keys(rows[0]);
    for (let i = 0; i < rows.length; i += perStatement) {
      const values = rows.slice(i, i + perStatement).map((r) => `(${cols.map((c) => q(r[c])).join(",")})`);
      out.push(`INSERT OR IGNORE INTO ${table} (${cols.join(",")}) VALUES\n${values.join(",\n")};`);
    }
  }
  return out;
}

/**
 * Writes the statements to local D1 with `wrangler d1 execute DB --local --file`. Options:
 * `persistTo` (a session's state directory), `config` (a wrangler config), `wrangler` (the
 * command: the node_modules/.bin one by default).
 */
export async function applyHistory(statements, { persistTo, config, wrangler = ["wrangler"] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "edge-cs-history-"));
  const file = join(dir, "history.sql");
  writeFileSync(file, `${statements.join("\n")}\n`);
  try {
    const [cmd, ...pre] = wrangler;
    await run(
      cmd,
      [
        ...pre,
        "d1",
        "execute",
        "DB",
        "--local",
        "--yes",
        "--file",
        file,
        ...(persistTo ? ["--persist-to", persistTo] : []),
        ...(config ? ["-c", config] : []),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
