/**
 * `/api/v1/platform`: the deployment operator creates tenants with their quotas and moves the
 * archive's legacy transcripts from D1 to R2 (`worker/archive/backfill.ts`).
 */
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { BACKFILL_BATCH, backfillBatch } from "../archive/backfill";
import { tenantCreatedEntry } from "../audit/tenant-created";
import { hashPassword } from "../auth/password";
import { uniqueIndex } from "../db/constraint";
import { newId } from "../db/ids";
import { employees, tenants } from "../db/schema";
import { database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { answerConstraints } from "../http/constraint-answer";
import { document } from "../http/openapi";
import { ApiError, conflict } from "../http/problem";
import { body } from "../http/validate";
import { housekeepingOf } from "../privacy/housekeeping";
import { CreateTenantSchema } from "../schemas/auth";
import { TenantSchema } from "../schemas/tenant";
import { tenantToApi } from "./tenant";

const TAKEN = "This account is already taken";
const ACCOUNT_TAKEN = [
  { constraint: uniqueIndex(employees, "employees_account"), field: "admin.account", message: TAKEN },
];

function platformTokenOk(expected: string | undefined, header: string | undefined): boolean {
  if (!expected || !header?.startsWith("Bearer ")) return false;
  const a = Buffer.from(header.slice(7));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 401 unless the request carries the platform token. */
function requirePlatformToken(c: Context<AppEnv>): void {
  if (!platformTokenOk(c.env.PLATFORM_TOKEN, c.req.header("authorization"))) {
    throw new ApiError(401, "A valid platform token is required");
  }
}

export const platformApi = new Hono<AppEnv>()
  .post("/archive/backfill", async (c) => {
    requirePlatformToken(c);
    return c.json(await backfillBatch(c.env), 200);
  })
  .post("/tenants", async (c) => {
    requirePlatformToken(c);
    const input = await body(c, CreateTenantSchema);
    const db = database(c.env.DB);
    if (
      (
        await db
          .select({ id: employees.id })
          .from(employees)
          .where(eq(employees.account, input.admin.account))
      ).length
    ) {
      throw conflict("admin.account", TAKEN);
    }
    const tenantId = newId("tn");
    const tenant = {
      id: tenantId,
      name: input.name,
      timezone: input.timezone,
      dataIsolation: false,
      intelligentFormFilling: false,
      quotas: input.quotas,
      calendar: { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] },
    };
    const passwordHash = await hashPassword(input.admin.password);
    const adminName = input.admin.name ?? input.admin.account;
    const { id: _, ...settings } = tenant;
    const entry = tenantCreatedEntry(db, {
      tenantId,
      created: { ...settings, admin: { account: input.admin.account, name: adminName } },
      body: input,
      address: c.req.header("cf-connecting-ip") ?? null,
      at: Date.now(),
    });
    await answerConstraints(ACCOUNT_TAKEN, () =>
      db.batch([
        db.insert(tenants).values(tenant),
        db.insert(employees).values({
          id: newId("em"),
          tenantId,
          account: input.admin.account,
          name: adminName,
          employeeId: "1",
          role: "tenantAdmin",
          ouId: null,
          accessibleOus: [],
          passwordHash,
        }),
        entry,
      ]),
    );
    // its housekeeping (audit log and, once set, transcript retention) runs from now on
    await housekeepingOf(c.env, tenantId).arm(tenantId);
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
    return c.json(tenantToApi(row!), 201);
  });

document(
  {
    method: "post",
    path: "/api/v1/platform/archive/backfill",
    summary: "Move one batch of legacy transcripts from D1 to the R2 archive",
    description: `Transcripts archived before they went to R2 are rows in D1; each call moves up to ${BACKFILL_BATCH} conversations' messages and notes into their R2 objects and deletes those rows. Idempotent and resumable: call until done is true (\`npm run archive:backfill\` does). An object already in R2 is kept (it is newer). History reads both places until then.`,
    tag: "Platform",
    response: v.object({
      /** Conversations moved by this call. */
      moved: v.number(),
      /** True when no legacy transcript is left. */
      done: v.boolean(),
    }),
    auth: "platform",
  },
  {
    method: "post",
    path: "/api/v1/platform/tenants",
    summary: "Create a tenant with its first administrator and quotas",
    description:
      "The creation is the new tenant's first audit log entry: actor type `platform` (the platform operator), resource `tenant`, the settings it was created with and the administrator's account and name (the password redacted).",
    tag: "Platform",
    body: CreateTenantSchema,
    response: TenantSchema,
    status: 201,
    auth: "platform",
  },
);
