/**
 * The channel's branding as the widget uses it: fetched once from the public branding endpoint
 * before the launcher shows, checked field by field (anything malformed keeps its default), and
 * never longer than a few seconds in coming: a slow or failed answer shows the default look.
 */
import type { PublicBranding } from "../../../worker/schemas/channels";

export type WidgetBranding = PublicBranding;

export const DEFAULT_BRANDING: WidgetBranding = {
  primaryColor: "#1a73e8",
  onPrimaryColor: "#ffffff",
  logoUrl: "",
  greeting: "",
  welcomeText: "",
  launcherLabel: "",
};

/** How long the launcher waits for the branding before it shows with the defaults. */
export const BRANDING_WAIT_MS = 3000;

const str = (v: unknown, max: number) => (typeof v === "string" && v.length <= max ? v : "");

/** The answer's fields that are well-formed; the defaults for the rest. */
export function parseBranding(data: unknown): WidgetBranding {
  const d = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const hex = (v: unknown, fallback: string) =>
    typeof v === "string" && /^#[0-9a-f]{6}$/i.test(v) ? v : fallback;
  const primaryColor = hex(d.primaryColor, DEFAULT_BRANDING.primaryColor);
  return {
    primaryColor,
    // The text colour belongs to the primary colour: keep the pair or neither.
    onPrimaryColor:
      primaryColor === d.primaryColor && (d.onPrimaryColor === "#000000" || d.onPrimaryColor === "#ffffff")
        ? d.onPrimaryColor
        : DEFAULT_BRANDING.onPrimaryColor,
    logoUrl: /^https:\/\//i.test(str(d.logoUrl, 512)) ? str(d.logoUrl, 512) : "",
    greeting: str(d.greeting, 60),
    welcomeText: str(d.welcomeText, 500),
    launcherLabel: str(d.launcherLabel, 30),
  };
}

/** The channel's branding, or the defaults when it does not come within `waitMs`. */
export async function loadBranding(
  apiOrigin: string,
  channelId: string,
  doFetch: typeof fetch,
  waitMs = BRANDING_WAIT_MS,
): Promise<WidgetBranding> {
  try {
    const res = await doFetch(`${apiOrigin}/api/v1/chat/channels/${encodeURIComponent(channelId)}/branding`, {
      signal: AbortSignal.timeout(waitMs),
    });
    return res.ok ? parseBranding(await res.json()) : DEFAULT_BRANDING;
  } catch {
    return DEFAULT_BRANDING;
  }
}
