/** The tenant's own settings: name, time zone, switches, read-only quotas and the working calendar. */
import * as v from "valibot";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "../rules/retention";
import { TimezoneSchema } from "./auth";
import { nameSchema } from "./common";

const MAX_DATES = 1000;

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const unique = <T>(item: T, index: number, all: readonly T[]) => all.indexOf(item) === index;

const dateList = (field: string) =>
  v.pipe(
    v.array(
      v.pipe(
        v.string(`${field} must hold dates`),
        v.regex(/^\d{4}-\d{2}-\d{2}$/, `${field} dates must be written YYYY-MM-DD`),
        v.check(isCalendarDate, `${field} dates must exist in the calendar`),
      ),
      `${field} must be a list of YYYY-MM-DD dates`,
    ),
    v.maxLength(MAX_DATES, `${field} may hold at most ${MAX_DATES} dates`),
    v.checkItems(unique, `${field} lists each date once`),
    v.transform((dates) => [...dates].sort()),
  );

const calendarEntries = {
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days unless listed as holidays. */
  workdays: v.pipe(
    v.array(
      v.pipe(
        v.number("workdays must hold ISO weekday numbers"),
        v.integer("A weekday is a whole number"),
        v.minValue(1, "A weekday is 1 (Monday) to 7 (Sunday)"),
        v.maxValue(7, "A weekday is 1 (Monday) to 7 (Sunday)"),
      ),
      "workdays must be a list of ISO weekdays",
    ),
    v.checkItems(unique, "workdays lists each weekday once"),
    v.transform((days) => [...days].sort((a, b) => a - b)),
  ),
  /** Dates that are non-working days although their weekday is a workday. */
  holidays: dateList("holidays"),
  /** Dates that are working days although their weekday is not a workday. */
  extraWorkdays: dateList("extraWorkdays"),
};

/** The working calendar; a date may not be both a holiday and an extra workday. */
export const CalendarSchema = v.pipe(
  v.strictObject(calendarEntries),
  v.forward(
    v.check(
      (cal) => !cal.extraWorkdays.some((d) => cal.holidays.includes(d)),
      "A date cannot be both a holiday and an extra workday",
    ),
    ["extraWorkdays"],
  ),
);
export type Calendar = v.InferOutput<typeof CalendarSchema>;

const RETENTION_MESSAGE = `transcriptRetentionDays must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}, or null to keep conversations forever`;

const settingsEntries = {
  name: nameSchema(100),
  timezone: TimezoneSchema,
  /** "Has the tenant enabled inter-organization data isolation enforcement". */
  dataIsolation: v.boolean("dataIsolation must be true or false"),
  /** "Enabling the Intelligent TT Filling Feature". */
  intelligentFormFilling: v.boolean("intelligentFormFilling must be true or false"),
  /**
   * Days an ended conversation (transcript, notes, tags, calls, files) is kept before it is erased
   * automatically; null keeps conversations forever.
   */
  transcriptRetentionDays: v.nullable(
    v.pipe(
      v.number(RETENTION_MESSAGE),
      v.integer(RETENTION_MESSAGE),
      v.minValue(MIN_RETENTION_DAYS, RETENTION_MESSAGE),
      v.maxValue(MAX_RETENTION_DAYS, RETENTION_MESSAGE),
    ),
  ),
};

/** The writable settings as a whole; PATCH results are re-validated against it. */
export const TenantSettingsSchema = v.strictObject({ ...settingsEntries, calendar: CalendarSchema });
export type TenantSettings = v.InferOutput<typeof TenantSettingsSchema>;

/**
 * PATCH body: any subset of the settings. `calendar` may be partial too (given keys replace the
 * current ones). `quotas` is refused: only the platform operator sets them.
 */
export const TenantPatchSchema = v.strictObject({
  ...v.partial(v.object(settingsEntries)).entries,
  calendar: v.optional(v.partial(v.strictObject(calendarEntries))),
  quotas: v.optional(v.never("quotas are read-only; the platform operator sets them")),
});
export type TenantPatch = v.InferOutput<typeof TenantPatchSchema>;

export const TenantSchema = v.object({
  id: v.string(),
  ...settingsEntries,
  calendar: v.strictObject(calendarEntries),
  quotas: v.object({
    multimediaAgents: v.number(),
    videoAgents: v.number(),
    versatileAgents: v.number(),
    intelligentAgents: v.number(),
  }),
  createdAt: v.number(),
});
export type Tenant = v.InferOutput<typeof TenantSchema>;
