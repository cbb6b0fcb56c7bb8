/**
 * Key/value facts about the object itself: the queue it serves, its tenant, counters. Values read
 * or written are kept in memory (a read per arrival and per reminder round otherwise); every write
 * goes through `set`, and `forget()` drops them when a storage transaction rolls back.
 */
export class MetaStore {
  private readonly known = new Map<string, string | null>();

  constructor(private readonly sql: SqlStorage) {}

  get(key: string): string | null {
    if (this.known.has(key)) return this.known.get(key) ?? null;
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    const value = row?.value ?? null;
    this.known.set(key, value);
    return value;
  }

  set(key: string, value: string): void {
    this.sql.exec(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
    this.known.set(key, value);
  }

  /** Drops the values kept in memory (after a rolled-back transaction); the next read asks SQLite. */
  forget(): void {
    this.known.clear();
  }
}
