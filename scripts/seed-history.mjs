// Demo history for `npm run dev`: twelve weeks of archived conversations of the demo tenant, so the
// Reports page and the history search have something to show. Written once (only while the
// tenant has no history yet), straight into local D1 (see history.mjs) as transcripts were archived
// before they went to R2; `npm run dev` then moves them with the archive backfill.
import { applyHistory, generateHistory, historySql } from "./history.mjs";

const DEMO_CONVERSATIONS = 1500;
const DEMO_DAYS = 84;

/** `demo` is what `seed()` returned; `token` an administrator's bearer token. */
export async function seedHistory(origin, demo, token) {
  const get = async (path) => {
    const res = await fetch(`${origin}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
  if ((await get("/conversations?limit=1")).items.length) return false;
  const { user } = await get("/auth/me");
  const queues = (await get("/skill-queues?limit=200")).items.map((q) => q.id);
  const history = generateHistory({
    tenantId: user.tenantId,
    channelId: demo.channelId,
    queueIds: queues,
    agents: demo.agents.map((a) => ({ employeeId: a.employeeId, name: a.name })),
    count: DEMO_CONVERSATIONS,
    days: DEMO_DAYS,
  });
  await applyHistory(historySql(history));
  return true;
}
