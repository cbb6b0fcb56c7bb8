/**
 * Effective wrap-up ("arranging") duration, as the spec states it: a value in [1,5) gives 5,
 * [5,10) gives 10, [10,15) gives 15 and so on (12 → 15), i.e. floor(v / 5) × 5 + 5.
 * 0 means no wrap-up.
 */
export function effectiveWrapUpSeconds(configured: number): number {
  return configured <= 0 ? 0 : Math.floor(configured / 5) * 5 + 5;
}
