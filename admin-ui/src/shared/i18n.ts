/** Formatting and message helpers: one place for dates, durations and plural words. */

const locale = typeof navigator === "undefined" ? "en" : navigator.language || "en";

/** A message with `{name}` placeholders filled from `values`. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** "1 agent" / "3 agents". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString(locale)} ${count === 1 ? one : many}`;
}

/** A timestamp (ms since the epoch) as a short local date and time. */
export function dateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return new Date(ms).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/** Seconds as "42 s", "3 min 5 s" or "2 h 10 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ""}`;
}

/** A camelCase enum value as words ("percentOfSignedIn" → "Percent of signed in"), for values without a label. */
export function humanize(value: string): string {
  const words = value.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
