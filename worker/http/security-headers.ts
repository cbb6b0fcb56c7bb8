/**
 * Security headers, one policy for every response (README "Security headers").
 *
 * - Everything: `X-Content-Type-Options: nosniff` and `Referrer-Policy: same-origin` (full URLs,
 *   which carry ids, never leave the origin).
 * - HTML pages (console, workbench, API docs, Try page): a strict Content-Security-Policy without
 *   inline script or style, `frame-ancestors 'none'` plus `X-Frame-Options: DENY` (no clickjacking
 *   of the console or the workbench), `Cross-Origin-Opener-Policy: same-origin`.
 * - API responses: `default-src 'none'; frame-ancestors 'none'` (JSON is never a document).
 * - `widget.js` and its optional parts (`/widget-parts/*.js`) are embedded by integrators' pages: nosniff, no framing or CSP headers, and
 *   `Cross-Origin-Resource-Policy: cross-origin` so pages with COEP can load it.
 *
 * Responses of the Worker get them from `securityHeaders`; the static pages never run the Worker
 * (the assets binding serves them), so `headersFile()` writes the same policy as the assets'
 * `_headers` file, which the Vite build puts into `admin-ui/dist`.
 */
import type { MiddlewareHandler } from "hono";

/**
 * The console and the workbench: their own scripts, styles and API (WebSockets included) only;
 * images also from https (the channel editor previews the logo an administrator set).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** The API docs page: its script and stylesheet, and the OpenAPI document. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** API responses (JSON, problem+json). */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const COMMON_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};
export const PAGE_HEADERS: Record<string, string> = {
  "Content-Security-Policy": PAGE_CSP,
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};
export const WIDGET_HEADERS: Record<string, string> = { "Cross-Origin-Resource-Policy": "cross-origin" };

/** The assets' `_headers` file (Workers static assets syntax; `! Name` removes a header). */
export function headersFile(): string {
  const lines = (headers: Record<string, string>) => Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`);
  return [
    "# Generated from worker/http/security-headers.ts by admin-ui/vite.config.ts: edit it there.",
    "/*",
    ...lines(COMMON_HEADERS),
    ...lines(PAGE_HEADERS),
    ...["/widget.js", "/widget-parts/*"].flatMap((path) => [
      path,
      ...Object.keys(PAGE_HEADERS).map((k) => `  ! ${k}`),
      ...lines(WIDGET_HEADERS),
    ]),
    "",
  ].join("\n");
}

/**
 * Adds the policy to every Worker response that does not set its own: page headers to HTML, the
 * API CSP to everything else. A WebSocket upgrade (101) is left as the runtime made it.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 101) return;
  // Responses fetched from elsewhere (the assets binding) have immutable headers: copy first.
  const res = new Response(c.res.body, c.res);
  const html = res.headers.get("content-type")?.startsWith("text/html") ?? false;
  const wanted = html
    ? { ...COMMON_HEADERS, ...PAGE_HEADERS }
    : { ...COMMON_HEADERS, "Content-Security-Policy": API_CSP };
  for (const [name, value] of Object.entries(wanted))
    if (!res.headers.has(name)) res.headers.set(name, value);
  c.res = res;
};
