/**
 * Variables in canned responses. A variable is a name in braces, `{customer.name}` or
 * `{agent.name}`, optionally with a fallback after a bar, `{customer.name|there}`. Filling a text:
 * - a variable with a known value (not blank) becomes the value (trimmed);
 * - without a value, a fallback becomes the fallback (may be empty: `{customer.name|}`);
 * - without a value and without a fallback, it stays as written, so the agent sees it in the
 *   reply box and replaces it before sending (it is reported in `missing`).
 * Braces around anything else (`{not a variable}`, `{}`) are plain text. Saving a response with a
 * variable of another name is refused (`unknownVariables`), so a typo cannot reach a customer.
 */

export const CANNED_VARIABLES = ["customer.name", "agent.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Partial<Record<CannedVariable, string | null | undefined>>;

/** `{a.b}` or `{a.b|fallback}`: a dotted name of letters, a fallback without braces or newlines. */
const VARIABLE = /\{([A-Za-z]+\.[A-Za-z]+)(?:\|([^{}\n]*))?\}/g;

const isKnown = (name: string): name is CannedVariable =>
  (CANNED_VARIABLES as readonly string[]).includes(name);

/** Variable names in `text` that are not one of `CANNED_VARIABLES`, each once, in order. */
export function unknownVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(VARIABLE)) {
    const name = m[1]!;
    if (!isKnown(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The text with its variables filled in, and the variables left as written for want of a value. */
export function fillCanned(text: string, values: CannedValues): { text: string; missing: CannedVariable[] } {
  const missing: CannedVariable[] = [];
  const filled = text.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    if (!isKnown(name)) return whole;
    const value = values[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: filled, missing };
}
