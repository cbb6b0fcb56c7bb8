/**
 * Origin check for the customer side: a browser page may open a chat only from an origin listed in
 * the channel's `allowedOrigins`, or from the deployment's own origin (the Try page and widget
 * demo). Requests without an `Origin` header come from non-browser clients and are allowed: the
 * check protects customers' browsers, not the API.
 */
export function originAllowed(
  origin: string | null | undefined,
  allowed: string[],
  requestUrl: string,
): boolean {
  if (!origin) return true;
  const normalized = origin.replace(/\/+$/, "").toLowerCase();
  if (normalized === new URL(requestUrl).origin.toLowerCase()) return true;
  return allowed.some((o) => o === "*" || o.replace(/\/+$/, "").toLowerCase() === normalized);
}
