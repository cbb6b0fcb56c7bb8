/**
 * A fresh tenant from the platform operator's API (the operator has no console page: tenants are
 * created with the platform token). Everything inside the tenant is configured in the console.
 */
import { PLATFORM_TOKEN } from "./server";

export type TenantAdmin = { account: string; password: string };

let n = 0;

/**
 * Creates a tenant with room for ten multimedia agents (and `intelligentAgents` intelligent ones,
 * none by default) and returns its administrator's sign-in.
 */
export async function newTenant(origin: string, intelligentAgents = 0): Promise<TenantAdmin> {
  const tag = `${Date.now().toString(36)}${n++}`;
  const admin = { account: `admin_${tag}`, password: "admin-pass-123" };
  const res = await fetch(`${origin}/api/v1/platform/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: `E2E ${tag}`,
      timezone: "UTC",
      admin: { ...admin, name: "E2E Admin" },
      quotas: { multimediaAgents: 10, videoAgents: 0, versatileAgents: 0, intelligentAgents },
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 201) throw new Error(`tenant → ${res.status} ${await res.text()}`);
  return admin;
}
