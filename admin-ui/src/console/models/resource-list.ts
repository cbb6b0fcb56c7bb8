/** The paged list of a list endpoint, kept for the life of the page (a new one when the query changes). */
import { useMemo } from "preact/hooks";
import { api, type Page, type Query } from "../../shared/api";
import { PagedList } from "../../shared/paged-list";

/** A `PagedList` of `GET path?cursor=…` plus `query`. */
export function useResourceList<T>(path: string, query: Query = {}): PagedList<T> {
  const key = JSON.stringify(query);
  return useMemo(
    () => new PagedList<T>((cursor) => api.get<Page<T>>(path, { ...query, cursor })),
    [path, key],
  );
}
