// A small REST client for the product's public API (JSON in, JSON or problem+json out).

/** Calls `method path` on `origin`; resolves `{status, data, headers}` and never throws on HTTP errors. */
export async function call(origin, method, path, { token, body, headers = {}, raw } = {}) {
  const res = await fetch(
    `${origin}${path.startsWith("/api/") || path.startsWith("/ws/") ? "" : "/api/v1"}${path}`,
    {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined || raw !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    },
  );
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, data, headers: res.headers };
}

/** Like `call` but throws unless the status is 2xx; resolves the body. */
export async function must(origin, method, path, options) {
  const res = await call(origin, method, path, options);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}

/** Signs in; resolves the bearer token. */
export async function login(origin, account, password) {
  return (await must(origin, "POST", "/auth/login", { body: { account, password } })).token;
}
