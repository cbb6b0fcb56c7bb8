/** One `UPDATE … SET` of the given columns of a row found by its key (nothing when `patch` is empty). */
export function updateColumns(
  sql: SqlStorage,
  table: string,
  key: string,
  id: string,
  patch: Record<string, SqlStorageValue | undefined>,
): void {
  const keys = Object.keys(patch);
  if (keys.length === 0) return;
  sql.exec(
    `UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE ${key} = ?`,
    ...keys.map((k) => patch[k] ?? null),
    id,
  );
}
