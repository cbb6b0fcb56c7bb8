/**
 * Which organization units (OUs) an employee may choose, exactly as the spec's two lists say.
 * `null` stands for "Unorganized".
 *
 * Skill queue (Table 1):
 * - tenant administrator: all OUs of the tenant (and Unorganized, the value of an empty field);
 * - common agent, data isolation on: accessible OUs with read and write permission;
 * - common agent, data isolation off: Unorganized and all OUs.
 *
 * Called route (Table 2):
 * - tenant administrator: all OUs and the unorganized OU;
 * - common agent, data isolation on: accessible OUs;
 * - common agent, data isolation off: the home OU, accessible OUs and the unorganized OU.
 *
 * Reading OU-owned data (skill queues and their live statistics, employees) is our reading of
 * the same rules; the spec names no list for it:
 * - tenant administrator, or data isolation off: everything (`null`);
 * - common agent, data isolation on: the accessible OUs, with read or read and write permission
 *   (reading is what the read permission grants), never Unorganized, which a common agent cannot
 *   choose under isolation either.
 */
export type OuChooser = {
  role: "tenantAdmin" | "agent";
  ouId: string | null;
  accessibleOus: { ouId: string; access: "read" | "readWrite" }[];
};

export type OuChoice = { unorganized: boolean; ouIds: ReadonlySet<string> };

export function skillQueueOus(who: OuChooser, allOuIds: readonly string[], dataIsolation: boolean): OuChoice {
  if (who.role === "tenantAdmin" || !dataIsolation) return { unorganized: true, ouIds: new Set(allOuIds) };
  const all = new Set(allOuIds);
  return {
    unorganized: false,
    ouIds: new Set(
      who.accessibleOus.filter((a) => a.access === "readWrite" && all.has(a.ouId)).map((a) => a.ouId),
    ),
  };
}

export function calledRouteOus(
  who: OuChooser,
  allOuIds: readonly string[],
  dataIsolation: boolean,
): OuChoice {
  if (who.role === "tenantAdmin") return { unorganized: true, ouIds: new Set(allOuIds) };
  const all = new Set(allOuIds);
  const accessible = who.accessibleOus.map((a) => a.ouId).filter((id) => all.has(id));
  if (dataIsolation) return { unorganized: false, ouIds: new Set(accessible) };
  const home = who.ouId && all.has(who.ouId) ? [who.ouId] : [];
  return { unorganized: true, ouIds: new Set([...home, ...accessible]) };
}

export function allows(choice: OuChoice, ouId: string | null): boolean {
  return ouId === null ? choice.unorganized : choice.ouIds.has(ouId);
}

/** The OUs whose data `who` may read, or null for everything. */
export function readableOus(who: OuChooser, dataIsolation: boolean): OuChoice | null {
  if (who.role === "tenantAdmin" || !dataIsolation) return null;
  return { unorganized: false, ouIds: new Set(who.accessibleOus.map((a) => a.ouId)) };
}

/**
 * Which tenant-wide canned responses an employee may read (and so use in the workbench), by the
 * response's OU:
 * - tenant administrator: all OUs and Unorganized;
 * - common agent, data isolation off: all OUs and Unorganized;
 * - common agent, data isolation on: Unorganized (a response of no OU is for the whole tenant), the
 *   home OU and the accessible OUs (read or readWrite).
 * Only administrators write them; personal responses are their owner's alone (not OU-scoped).
 */
export function cannedResponseReadOus(
  who: OuChooser,
  allOuIds: readonly string[],
  dataIsolation: boolean,
): OuChoice {
  if (who.role === "tenantAdmin" || !dataIsolation) return { unorganized: true, ouIds: new Set(allOuIds) };
  const all = new Set(allOuIds);
  const mine = [who.ouId, ...who.accessibleOus.map((a) => a.ouId)].filter(
    (id): id is string => id !== null && all.has(id),
  );
  return { unorganized: true, ouIds: new Set(mine) };
}
