/**
 * Bench-only front Worker. `wrangler dev` exposes only the first Worker of a multi-config session,
 * so this one routes: `/bench/*` to the echo baseline, the rest to the product. Both paths then
 * cross the same hops (front → Worker → Durable Object), which keeps the ratios fair.
 */
type RouterEnv = { PRODUCT: Fetcher; ECHO: Fetcher };

export default {
  fetch(request: Request, env: RouterEnv): Promise<Response> {
    const { pathname } = new URL(request.url);
    return (pathname.startsWith("/bench/") ? env.ECHO : env.PRODUCT).fetch(request);
  },
} satisfies ExportedHandler<RouterEnv>;
