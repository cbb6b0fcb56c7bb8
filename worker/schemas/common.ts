/** Building blocks shared by the resource schemas (server and admin UI). */
import * as v from "valibot";

export const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const digits = (field: string, max = 32) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, `${field} must contain digits only`),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} must be at most ${max} digits`),
  );
export const nameSchema = (max = 100) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, "Name is required"),
    v.maxLength(max, `Name must be at most ${max} characters`),
  );
export const intRange = (min: number, max: number) =>
  v.pipe(
    v.number("Must be a number"),
    v.integer("Must be a whole number"),
    v.minValue(min, `Must be between ${min} and ${max}`),
    v.maxValue(max, `Must be between ${min} and ${max}`),
  );

/** `limit` of a list: 1–200, 50 when absent. */
export const limitSchema = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, "limit must be a whole number between 1 and 200"),
    v.transform(Number),
    v.minValue(1, "limit must be between 1 and 200"),
    v.maxValue(200, "limit must be between 1 and 200"),
  ),
  "50",
);

/**
 * `?limit=&cursor=` of every list. A non-strict object: unknown query parameters (cache busters,
 * tracking tags) are ignored, not refused.
 */
export const listQuerySchema = v.object({
  limit: limitSchema,
  cursor: v.optional(v.pipe(v.string(), v.maxLength(64, "cursor must be a nextCursor value"))),
});

/** A page of a list: `{items, nextCursor}`; `nextCursor` is null on the last page. */
export const pageSchema = <S extends v.GenericSchema>(item: S) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });
