/** A table over a `PagedList`: loading, error and empty states, row links and "Load more". */
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Page } from "../../shared/api";
import { EmptyState, ErrorState, Spinner } from "../../shared/components/feedback";
import type { PagedList } from "../../shared/paged-list";

export type Column<T> = {
  label: string;
  render: (item: T) => ComponentChildren;
  class?: string;
};

export function ResourceTable<T extends { id: string }, P extends Page<T> = Page<T>>({
  list,
  columns,
  rowHref,
  empty,
  toolbar,
  more,
}: {
  list: PagedList<T, P>;
  columns: Column<T>[];
  rowHref?: (item: T) => string;
  empty: ComponentChildren;
  toolbar?: ComponentChildren;
  /** The footer while there is a next page: a line above the button, and the button's label ("Load more"). */
  more?: { note?: ComponentChildren; label?: string };
}) {
  const { route } = useLocation();
  useEffect(() => {
    if (!list.loaded.value) void list.reload();
  }, [list]);
  const items = list.items.value;
  const loading = list.loading.value;
  const error = list.error.value;
  return (
    <div class="card">
      {toolbar ? <div class="toolbar">{toolbar}</div> : null}
      {error ? (
        <div class="card-body">
          <ErrorState message={error} onRetry={() => void (items.length ? list.loadMore() : list.reload())} />
        </div>
      ) : null}
      {!list.loaded.value && loading ? <Spinner /> : null}
      {list.loaded.value && items.length === 0 && !loading ? empty : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} class={c.class}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr
                  key={item.id}
                  class={rowHref ? "clickable" : undefined}
                  onClick={(e) => {
                    if (!rowHref) return;
                    const target = e.target as HTMLElement;
                    if (target.closest("a, button, input, label")) return;
                    route(rowHref(item));
                  }}
                >
                  {columns.map((c) => (
                    <td key={c.label} class={c.class}>
                      {c.render(item)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.nextCursor.value ? (
        <div class="table-footer">
          {more?.note ? <p class="muted">{more.note}</p> : null}
          <button type="button" class="btn" disabled={loading} onClick={() => void list.loadMore()}>
            {loading ? "Loading…" : (more?.label ?? "Load more")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The empty state of a list with a "New" link. */
export function EmptyList({
  what,
  newHref,
  children,
}: {
  what: string;
  newHref?: string;
  children?: ComponentChildren;
}) {
  return (
    <EmptyState
      title={`No ${what} yet`}
      action={
        newHref ? (
          <a class="btn btn-primary" href={newHref}>
            New
          </a>
        ) : undefined
      }
    >
      {children}
    </EmptyState>
  );
}
