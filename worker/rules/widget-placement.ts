/**
 * Where the widget's launcher sits (issue 15): `data-position` (bottom-right | bottom-left) and
 * `data-offset` ("x" or "x,y" pixels from that corner) on the script tag, so it never covers the
 * host page's own fixed elements. Shared by the widget and the Try page.
 */

export const POSITIONS = ["bottom-right", "bottom-left"] as const;
export type WidgetPosition = (typeof POSITIONS)[number];

export const DEFAULT_OFFSET_PX = 20;
/** An offset above this would push the launcher off a phone screen. */
export const MAX_OFFSET_PX = 400;

export type Placement = {
  side: "right" | "left";
  x: number;
  y: number;
  /** What was ignored and why, for a console warning; empty when everything was understood. */
  problems: string[];
};

/**
 * Reads the two attributes. Missing ones take the defaults (bottom-right, 20 px each way); an
 * unknown position or an offset that is not one or two whole numbers from 0 to 400 (inclusive)
 * is ignored with a problem named. "24" means 24 px from both edges; "24,80" means 24 px from the
 * side and 80 px from the bottom.
 */
export function parsePlacement(
  position: string | null | undefined,
  offset: string | null | undefined,
): Placement {
  const problems: string[] = [];
  let side: Placement["side"] = "right";
  if (position != null && position !== "") {
    if ((POSITIONS as readonly string[]).includes(position.trim()))
      side = position.trim() === "bottom-left" ? "left" : "right";
    else problems.push(`data-position must be ${POSITIONS.join(" or ")}`);
  }
  let x = DEFAULT_OFFSET_PX;
  let y = DEFAULT_OFFSET_PX;
  if (offset != null && offset !== "") {
    const m = /^\s*(\d{1,3})\s*(?:,\s*(\d{1,3})\s*)?$/.exec(offset);
    const nx = m ? Number(m[1]) : Number.NaN;
    const ny = m?.[2] !== undefined ? Number(m[2]) : nx;
    if (nx <= MAX_OFFSET_PX && ny <= MAX_OFFSET_PX) {
      x = nx;
      y = ny;
    } else {
      problems.push(`data-offset must be "x" or "x,y" in whole pixels from 0 to ${MAX_OFFSET_PX}`);
    }
  }
  return { side, x, y, problems };
}
