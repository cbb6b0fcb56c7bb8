/**
 * CORS for the routes the widget calls from integrators' pages: any origin, no credentials. Whether
 * an origin may actually open a chat is the channel's `allowedOrigins` check on the ticket route.
 */
import { cors } from "hono/cors";

export function widgetCors(method: "GET" | "POST") {
  return cors({
    origin: (origin) => origin || "*",
    allowMethods: [method],
    allowHeaders: ["content-type"],
    maxAge: 600,
  });
}
