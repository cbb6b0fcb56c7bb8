/**
 * Channel branding colours (issue 15): the text colour on a tenant's primary colour is chosen, not
 * configured, so a launcher or header is always readable whatever colour the tenant picks.
 */

/** `#rrggbb`, the only colour spelling a channel stores. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * WCAG 2.x relative luminance of `#rrggbb`: each channel c = v/255 is linearised as
 * c ≤ 0.04045 ? c/12.92 : ((c+0.055)/1.055)^2.4, then L = 0.2126 R + 0.7152 G + 0.0722 B.
 */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Contrast WCAG asks of normal text (AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * The text colour on `background`: white when it reaches 4.5:1 (inclusive), else black. Whenever
 * white falls short the background's luminance is above 0.1833, so black reaches more than 4.67:1:
 * the chosen colour is always readable.
 */
export function textColorOn(background: string): "#ffffff" | "#000000" {
  return contrastRatio(background, "#ffffff") >= MIN_TEXT_CONTRAST ? "#ffffff" : "#000000";
}

/** Non-text contrast WCAG asks of a control against what surrounds it (1.4.11). */
export const MIN_CONTROL_CONTRAST = 3;

/**
 * A warning for the console when `primary` stands out less than 3:1 against a white page (the
 * launcher may be hard to see there); null when it is fine.
 */
export function lowContrastWarning(primary: string): string | null {
  const ratio = contrastRatio(primary, "#ffffff");
  if (ratio >= MIN_CONTROL_CONTRAST) return null;
  return `This colour stands out only ${ratio.toFixed(1)}:1 against a white page (at least ${MIN_CONTROL_CONTRAST}:1 is advised): the launcher may be hard to see.`;
}
