/** Building blocks shared by the resource schemas (server and admin UI). */
import * as v from "valibot";
import { NAME_MESSAGES, nameProblem } from "../rules/name-rules";

export const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const digits = (field: string, max = 32) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, `${field} must contain digits only`),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} must be at most ${max} digits`),
  );
/** The checks of `rules/name-rules.ts`, each with its own message; the name is stored as NFC. */
export const nameRules = [
  v.normalize("NFC"),
  v.check((name: string) => nameProblem(name) !== "control", NAME_MESSAGES.control),
  v.check((name: string) => nameProblem(name) !== "bidi", NAME_MESSAGES.bidi),
  v.check((name: string) => nameProblem(name) !== "invisible", NAME_MESSAGES.invisible),
] as const;

/** A human-entered name: trimmed, NFC, 1–`max` characters, visible, no control or bidi override characters. */
export const nameSchema = (max = 100) =>
  v.pipe(
    v.string(),
    v.trim(),
    ...nameRules,
    v.minLength(1, "Name is required"),
    v.maxLength(max, `Name must be at most ${max} characters`),
    v.description(
      `Trimmed and stored in Unicode NFC (uniqueness compares NFC forms); 1–${max} characters after that. Refused (422): control characters (U+0000–U+001F, U+007F–U+009F, U+2028, U+2029), bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and names of invisible characters only (white space, zero-width and other format characters, blank letters).`,
    ),
  );
/** Optional trimmed text of at most `max` characters; "" when absent. */
export const optionalText = (field: string, max: number) =>
  v.optional(
    v.pipe(
      v.string(`${field} must be text`),
      v.trim(),
      v.maxLength(max, `${field} must be at most ${max} characters`),
    ),
    "",
  );

/** A `nextCursor` of a newest-first list: `<time>:<id>`. */
export const timeCursorSchema = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,15}:[\w-]{1,64}$/, "cursor must be a nextCursor value")),
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

/**
 * A non-empty list of distinct values of `values` (token scopes, webhook event types), each
 * message naming the `field` and what one item is (`noun`).
 */
export const distinctChoices = <const T extends readonly [string, ...string[]]>(
  values: T,
  field: string,
  noun: string,
) =>
  v.pipe(
    v.array(
      v.picklist(values, `Each ${noun} must be one of ${values.join(", ")}`),
      `${field} must be a list of ${noun} names`,
    ),
    v.minLength(1, `Choose at least one ${noun}`),
    v.checkItems((item, i, all) => all.indexOf(item) === i, `Each ${noun} may be listed once`),
  );
