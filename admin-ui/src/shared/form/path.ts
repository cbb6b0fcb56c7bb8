/** Immutable reads and writes of nested form values by dotted path ("queuing.busy.threshold"). */

/** The value at `path` (dotted, array indexes as numbers), or undefined. */
export function getIn(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `value` with `path` set to `next`; objects and arrays along the path are copied, not mutated. */
export function setIn<T>(value: T, path: string, next: unknown): T {
  const [key, ...rest] = path.split(".");
  if (key === undefined) return value;
  const source = (value ?? {}) as Record<string, unknown>;
  const child = rest.length ? setIn(source[key], rest.join("."), next) : next;
  if (Array.isArray(source)) {
    const copy = [...source];
    copy[Number(key)] = child;
    return copy as T;
  }
  return { ...source, [key]: child } as T;
}
