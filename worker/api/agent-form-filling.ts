/**
 * `GET /api/v1/agent/form-filling`: whether the caller's case form on the workbench is pre-filled
 * from the dialog (Smart Form Filling, spec Table 3; rule in `rules/case-extraction.ts`).
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { agents, tenants } from "../db/schema";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { smartFormFillingOn } from "../rules/case-extraction";
import { caller, tenantDb } from "./context";

export const agentFormFillingApi = new Hono<AppEnv>().get("/", async (c) => {
  const db = tenantDb(c);
  const [tenant] = await db.db
    .select({ on: tenants.intelligentFormFilling })
    .from(tenants)
    .where(eq(tenants.id, db.tenantId));
  const [agent] = await db.db
    .select({
      intelligentRecognition: agents.intelligentRecognition,
      smartFormFilling: agents.smartFormFilling,
    })
    .from(agents)
    .where(db.where(agents, eq(agents.employeeId, caller(c).employeeId)));
  return c.json({ smartFormFilling: smartFormFillingOn(tenant?.on ?? false, agent ?? null) }, 200);
});

document({
  method: "get",
  path: "/api/v1/agent/form-filling",
  summary: "Whether the caller's case form is pre-filled from the dialog",
  description:
    "True when the caller is an agent whose Smart Form Filling is on, with their Intelligent Recognition on and the tenant's Intelligent TT Filling switch on. The workbench then pre-fills the case form from the chat (phone, e-mail, order number, the name the customer gave, title, category, priority, description); the agent corrects it before saving.",
  tag: "Cases",
  response: v.object({ smartFormFilling: v.boolean() }),
});
