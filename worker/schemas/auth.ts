/** Login and platform tenant creation payloads. */
import * as v from "valibot";
import { intRange, nameSchema } from "./common";

export const AccountSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Za-z0-9_.@-]{1,64}$/, "account must be 1–64 letters, digits or _ . @ -"),
);
export const PasswordSchema = v.pipe(
  v.string(),
  v.minLength(8, "password must be at least 8 characters"),
  v.maxLength(128, "password must be at most 128 characters"),
);

export const LoginSchema = v.strictObject({
  account: v.pipe(v.string(), v.minLength(1, "account is required"), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, "password is required"), v.maxLength(128)),
});

export const TimezoneSchema = v.pipe(
  v.string(),
  v.check((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "timezone must be an IANA time zone such as Asia/Shanghai"),
);

export const QuotasSchema = v.strictObject({
  multimediaAgents: v.optional(intRange(0, 100000), 0),
  videoAgents: v.optional(intRange(0, 100000), 0),
  versatileAgents: v.optional(intRange(0, 100000), 0),
  intelligentAgents: v.optional(intRange(0, 100000), 0),
});

export const CreateTenantSchema = v.strictObject({
  name: nameSchema(100),
  timezone: v.optional(TimezoneSchema, "UTC"),
  admin: v.strictObject({
    account: AccountSchema,
    password: PasswordSchema,
    name: v.optional(nameSchema(100)),
  }),
  quotas: v.optional(QuotasSchema, {}),
});

export const UserSchema = v.object({
  id: v.string(),
  account: v.string(),
  name: v.string(),
  employeeId: v.string(),
  role: v.picklist(["tenantAdmin", "agent"]),
  tenantId: v.string(),
});
export const LoginResultSchema = v.object({ token: v.string(), csrfToken: v.string(), user: UserSchema });
