/** The paged list of a list endpoint, kept for the life of the page (a new one when the query changes). */
import { useMemo } from "preact/hooks";
import { api, type Page, type Query } from "../../shared/api";
import { PagedList } from "../../shared/paged-list";

/** A `PagedList` of `GET path?cursor=…` plus `query` (`P`: what a page holds beside its items). */
export function useResourceList<T, P extends Page<T> = Page<T>>(
  path: string,
  query: Query = {},
): PagedList<T, P> {
  const key = JSON.stringify(query);
  return useMemo(() => new PagedList<T, P>((cursor) => api.get<P>(path, { ...query, cursor })), [path, key]);
}
