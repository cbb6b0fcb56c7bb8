/**
 * A D1 binding for tests that records the SQL of every statement prepared or executed through it
 * and counts the batches sent through it.
 */
export function recordingD1(db: D1Database) {
  const statements: string[] = [];
  let batches = 0;
  const DB = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare")
        return (query: string) => {
          statements.push(query);
          return target.prepare(query);
        };
      if (prop === "exec")
        return (query: string) => {
          statements.push(query);
          return target.exec(query);
        };
      if (prop === "batch")
        return (list: D1PreparedStatement[]) => {
          batches++;
          return target.batch(list);
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { DB, statements, batches: () => batches };
}
