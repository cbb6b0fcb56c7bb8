/**
 * `GET /api/v1/chat/channels/:channelId/branding`: how a channel's widget looks (issue 15), read
 * by `widget.js` before it shows its launcher. No auth and CORS for any origin, so it returns the
 * public branding fields only, never anything else of the channel.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { channels } from "../db/schema";
import { database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { document } from "../http/openapi";
import { notFound } from "../http/problem";
import { widgetCors } from "../http/widget-cors";
import { textColorOn } from "../rules/brand-colors";
import { type Branding, brandingOf, type PublicBranding, PublicBrandingSchema } from "../schemas/channels";

/** Browsers reuse the answer this long: a branding change shows on integrators' pages within a minute. */
export const BRANDING_MAX_AGE_SECONDS = 60;

/** The branding as the widget and the Try page use it: the stored fields plus the readable text colour. */
export function publicBranding(b: Branding): PublicBranding {
  return { ...b, onPrimaryColor: textColorOn(b.primaryColor) };
}

/** The branding of channel `id` with defaults filled in, or null when there is no such channel. */
export async function channelBranding(db: D1Database, id: string): Promise<PublicBranding | null> {
  const [row] = await database(db)
    .select({ config: channels.config })
    .from(channels)
    .where(eq(channels.id, id))
    .limit(1);
  return row ? publicBranding(brandingOf(row.config.branding)) : null;
}

export const chatBrandingApi = new Hono<AppEnv>()
  .use(widgetCors("GET"))
  .get("/:channelId/branding", async (c) => {
    const branding = await channelBranding(c.env.DB, c.req.param("channelId"));
    if (!branding) throw notFound("Channel");
    c.header("cache-control", `public, max-age=${BRANDING_MAX_AGE_SECONDS}`);
    return c.json(branding, 200);
  });

document({
  method: "get",
  path: "/api/v1/chat/channels/:channelId/branding",
  summary: "A web channel's widget branding (public)",
  description: `No auth, CORS for any origin: what widget.js shows before a chat starts (colours, logo, texts). onPrimaryColor is the text colour chosen for primaryColor. Cached by browsers for ${BRANDING_MAX_AGE_SECONDS} seconds.`,
  tag: "Realtime",
  response: PublicBrandingSchema,
  auth: "none",
});
