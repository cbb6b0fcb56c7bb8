/**
 * Tells running SkillQueue objects that their configuration changed in D1, so the change reaches
 * a live queue without a restart. Call after a successful write to a skill queue, a channel, a
 * robot, an agent or the tenant calendar (pass every affected queue id). Failures are logged, not
 * thrown: the objects also reload their cached configuration after `CONFIG_TTL_MS`.
 */
import type { Env } from "../env";

export async function notifyConfigChanged(
  env: Pick<Env, "SKILL_QUEUE">,
  skillQueueIds: Iterable<string>,
): Promise<void> {
  await Promise.all(
    [...new Set(skillQueueIds)].map(async (id) => {
      try {
        await env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(id)).invalidateConfig();
      } catch (err) {
        console.error("config notification failed", id, err);
      }
    }),
  );
}

/**
 * Tells running SkillQueue objects that an employee's password changed or the employee was
 * removed, so each closes the employee's sockets (close code 4005) and signs them out. Failures
 * are logged, not thrown.
 */
export async function notifyEmployeeRevoked(
  env: Pick<Env, "SKILL_QUEUE">,
  skillQueueIds: Iterable<string>,
  employeeId: string,
): Promise<void> {
  await Promise.all(
    [...new Set(skillQueueIds)].map(async (id) => {
      try {
        await env.SKILL_QUEUE.get(env.SKILL_QUEUE.idFromName(id)).revokeEmployee(employeeId);
      } catch (err) {
        console.error("revocation notification failed", id, err);
      }
    }),
  );
}
