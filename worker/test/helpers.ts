/** Test helpers for the Workers-runtime layer: real Worker, real local D1. */
import { exports } from "cloudflare:workers";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export type Client = {
  token: string;
  tenantId: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get<T = any>(path: string): Promise<{ status: number; body: T }>;
  post<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  patch<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  del<T = any>(path: string): Promise<{ status: number; body: T }>;
};

export function fetchApp(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://local.test${path}`, init));
}

async function json(res: Response) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

export function client(token: string, tenantId: string): Client {
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetchApp(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await request(method, path, body);
    return { status: res.status, body: await json(res) };
  };
  return {
    token,
    tenantId,
    request,
    get: (p) => call("GET", p),
    post: (p, b) => call("POST", p, b ?? {}),
    patch: (p, b) => call("PATCH", p, b ?? {}),
    del: (p) => call("DELETE", p),
  };
}

export type TenantOptions = {
  quotas?: Partial<
    Record<"multimediaAgents" | "videoAgents" | "versatileAgents" | "intelligentAgents", number>
  >;
  timezone?: string;
};

/** Creates a fresh tenant through the platform API and signs its administrator in. */
export async function newTenant(
  options: TenantOptions = {},
): Promise<Client & { account: string; password: string }> {
  const account = `admin_${unique()}`;
  const password = "correct horse battery";
  const res = await fetchApp("/api/v1/platform/tenants", {
    method: "POST",
    headers: { authorization: "Bearer test-platform-token", "content-type": "application/json" },
    body: JSON.stringify({
      name: `Tenant ${account}`,
      timezone: options.timezone ?? "UTC",
      admin: { account, password },
      quotas: {
        multimediaAgents: 10,
        videoAgents: 10,
        versatileAgents: 10,
        intelligentAgents: 10,
        ...options.quotas,
      },
    }),
  });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
  const tenant = (await res.json()) as { id: string };
  const token = await login(account, password);
  return { ...client(token, tenant.id), account, password };
}

export async function login(account: string, password: string): Promise<string> {
  const res = await fetchApp("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": `10.0.0.${counter++ % 250}` },
    body: JSON.stringify({ account, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export { unique };
