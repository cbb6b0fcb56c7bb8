/** Option lists for pickers (OUs, queues, routes…): every item of a list endpoint, loaded on mount. */
import { useEffect, useState } from "preact/hooks";
import { errorMessage, fetchAll, type Query } from "../../shared/api";

export type Lookup<T> = { items: T[]; loading: boolean; error: string | null };

/** All items of `path` (following cursors); refetched when `path`, `query` or `version` changes. */
export function useLookup<T>(path: string, query: Query = {}, version = 0): Lookup<T> {
  const key = `${path}?${JSON.stringify(query)}#${version}`;
  const [state, setState] = useState<Lookup<T>>({ items: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fetchAll<T>(path, query)
      .then((items) => live && setState({ items, loading: false, error: null }))
      .catch((error: unknown) => live && setState({ items: [], loading: false, error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** A name by id, from a lookup. */
export function nameOf<T extends { id: string }>(
  items: readonly T[],
  id: string | null,
  name: (t: T) => string,
) {
  if (id === null) return null;
  const found = items.find((item) => item.id === id);
  return found ? name(found) : null;
}
