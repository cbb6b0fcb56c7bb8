/** Organization units as a tree: children per parent, depth-first order for pickers. */

export type OuLike = { id: string; name: string; parentId: string | null };
export type OuNode<T extends OuLike> = { unit: T; depth: number; children: OuNode<T>[] };

/** The forest of `units`, siblings by name; a unit whose parent is missing becomes a root. */
export function ouTree<T extends OuLike>(units: readonly T[]): OuNode<T>[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, T[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const build = (parent: string | null, depth: number, seen: Set<string>): OuNode<T>[] =>
    (byParent.get(parent) ?? [])
      .filter((u) => !seen.has(u.id))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((unit) => ({ unit, depth, children: build(unit.id, depth + 1, new Set([...seen, unit.id])) }));
  return build(null, 0, new Set());
}

/** Depth-first list of the tree's units with their depth. */
export function flattenTree<T extends OuLike>(nodes: readonly OuNode<T>[]): { unit: T; depth: number }[] {
  return nodes.flatMap((n) => [{ unit: n.unit, depth: n.depth }, ...flattenTree(n.children)]);
}

/** Ids of `id` and all units below it (a unit cannot move under itself). */
export function subtreeIds(units: readonly OuLike[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}
