/** Employees: the tenant's sign-in accounts (administrators and agents) and their OU access. */
import * as v from "valibot";
import { AccountSchema, PasswordSchema } from "./auth";
import { idSchema, nameSchema } from "./common";

export const ROLES = ["tenantAdmin", "agent"] as const;
export const OU_ACCESS = ["read", "readWrite"] as const;
const MAX_ACCESSIBLE_OUS = 500;

/**
 * 1–10 digits without a leading zero, so that numeric order (used by batch segments such as
 * 1001–1050) and text identity agree.
 */
export const EmployeeIdSchema = v.pipe(
  v.string("employeeId must be a string of digits"),
  v.regex(/^\d+$/, "employeeId must contain digits only"),
  v.check((id) => !/^0\d/.test(id), "employeeId must not start with 0"),
  v.maxLength(10, "employeeId must be at most 10 digits"),
);

export const AccessibleOuSchema = v.strictObject({
  ouId: idSchema,
  access: v.picklist(OU_ACCESS, "access must be read or readWrite"),
});

const fields = {
  /** Sign-in account, unique across all tenants. */
  account: AccountSchema,
  name: nameSchema(100),
  /** Unique in the tenant. */
  employeeId: EmployeeIdSchema,
  role: v.picklist(ROLES, "role must be tenantAdmin or agent"),
  /** Home OU; null means Unorganized. */
  ouId: v.optional(v.nullable(idSchema), null),
  accessibleOus: v.optional(
    v.pipe(
      v.array(AccessibleOuSchema, "accessibleOus must be a list of {ouId, access}"),
      v.maxLength(MAX_ACCESSIBLE_OUS, `At most ${MAX_ACCESSIBLE_OUS} accessible OUs`),
      v.checkItems(
        (item, index, all) => all.findIndex((other) => other.ouId === item.ouId) === index,
        "Each OU may appear once in accessibleOus",
      ),
    ),
    [],
  ),
};

/** An employee without the password: what PATCH results are re-validated against. */
export const EmployeeFieldsSchema = v.strictObject(fields);
export type EmployeeFields = v.InferOutput<typeof EmployeeFieldsSchema>;

/** Create body: the password is required and write-only. */
export const EmployeeInputSchema = v.strictObject({ ...fields, password: PasswordSchema });
export type EmployeeInput = v.InferOutput<typeof EmployeeInputSchema>;

/** PATCH body: any subset; a new password ends the employee's other sessions. */
export const EmployeePatchSchema = v.partial(EmployeeInputSchema);

export const EmployeeSchema = v.object({
  id: v.string(),
  /** null when a common agent reads another employee. */
  account: v.nullable(v.string()),
  name: v.string(),
  employeeId: v.string(),
  role: v.picklist(ROLES),
  ouId: v.nullable(v.string()),
  accessibleOus: v.array(v.object({ ouId: v.string(), access: v.picklist(OU_ACCESS) })),
  createdAt: v.number(),
});
export type Employee = v.InferOutput<typeof EmployeeSchema>;
