/**
 * The list page of one resource: the title row with "New", the paged table whose rows open the
 * editor, and a Delete button (with confirmation) at the end of every row.
 */
import type { ComponentChildren } from "preact";
import { useResourceList } from "../models/resource-list";
import { confirmDelete } from "./delete";
import { PageHeader } from "./page-header";
import { type Column, EmptyList, ResourceTable } from "./resource-table";

export function ResourceListPage<T extends { id: string }>({
  path,
  title,
  subtitle,
  noun,
  emptyNote,
  columns,
  nameOf,
  rowActions,
  headerActions,
}: {
  /** The collection's API path, also the page's route (`/robots`, editor at `/robots/:id`). */
  path: string;
  title: string;
  subtitle: string;
  /** What one item and several are called in messages ("robot", "robots"). */
  noun: { one: string; many: string };
  /** Said under "No … yet". */
  emptyNote?: ComponentChildren;
  columns: Column<T>[];
  /** The item's name in the delete confirmation and toast. */
  nameOf: (item: T) => string;
  /** Links shown before the row's Delete button. */
  rowActions?: (item: T) => ComponentChildren;
  /** Links shown before "New" in the title row. */
  headerActions?: ComponentChildren;
}) {
  const list = useResourceList<T>(path);
  const deleteButton = (item: T) => (
    <button
      type="button"
      class="btn btn-small btn-danger"
      onClick={async () => {
        if (await confirmDelete(noun.one, nameOf(item), `${path}/${item.id}`))
          list.remove((x) => x.id === item.id);
      }}
    >
      Delete
    </button>
  );
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          <>
            {headerActions}
            <a class="btn btn-primary" href={`${path}/new`}>
              New
            </a>
          </>
        }
      />
      <ResourceTable
        list={list}
        rowHref={(item) => `${path}/${item.id}`}
        empty={
          <EmptyList what={noun.many} newHref={`${path}/new`}>
            {emptyNote}
          </EmptyList>
        }
        columns={[
          ...columns,
          {
            label: "",
            class: "num",
            render: (item) =>
              rowActions ? (
                <span class="actions" style={{ justifyContent: "flex-end" }}>
                  {rowActions(item)}
                  {deleteButton(item)}
                </span>
              ) : (
                deleteButton(item)
              ),
          },
        ]}
      />
    </>
  );
}
