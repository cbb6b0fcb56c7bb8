/**
 * What a human-entered name (skill queue, employee, org unit, group, robot, tenant, chatbot) may
 * hold. Names are shown in lists, the workbench and the widget, so characters that cannot be seen
 * or that make text read differently from how it is stored are refused:
 *
 * - control characters U+0000–U+001F and U+007F–U+009F (line breaks, tabs, escape…) and the
 *   line and paragraph separators U+2028, U+2029;
 * - the bidirectional embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069, which
 *   reorder the text around them ("Trojan Source" spoofing); the marks U+200E, U+200F and U+061C
 *   stay allowed, since right-to-left names need them;
 * - names made only of invisible characters: white space, format characters (zero-width space
 *   U+200B, joiners, word joiner, soft hyphen…) and blank letters (Hangul fillers, braille blank).
 *
 * A name is stored in Unicode normalization form NFC, so "e" + U+0301 and the single "é" are one
 * name for every uniqueness rule.
 */

/** Cc is exactly U+0000–U+001F and U+007F–U+009F. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/u;
const BLANK = /[\p{White_Space}\p{Cf}]/u;
/** Letters and marks that render as nothing: Hangul fillers, braille blank, Khmer inherent vowels, variation selectors… */
const BLANK_CODE_POINTS: readonly [number, number][] = [
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180d],
  [0x2800, 0x2800],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xffa0, 0xffa0],
  [0xe0100, 0xe01ef],
];

const invisible = (char: string) => {
  const code = char.codePointAt(0)!;
  return BLANK.test(char) || BLANK_CODE_POINTS.some(([from, to]) => code >= from && code <= to);
};

export const NAME_MESSAGES = {
  control: "Name must not contain control characters such as line breaks or tabs",
  bidi: "Name must not contain characters that change the direction of the text (U+202A–U+202E, U+2066–U+2069)",
  invisible: "Name must contain at least one visible character",
} as const;

export type NameProblem = keyof typeof NAME_MESSAGES;

/** The first rule `name` breaks, or null. An empty name is left to the length rule. */
export function nameProblem(name: string): NameProblem | null {
  if (CONTROL.test(name)) return "control";
  if (BIDI_OVERRIDE.test(name)) return "bidi";
  if (name !== "" && [...name].every(invisible)) return "invisible";
  return null;
}

/** The stored form of a name: NFC. */
export const normalizeName = (name: string) => name.normalize("NFC");
