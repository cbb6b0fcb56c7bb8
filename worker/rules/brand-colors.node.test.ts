import { describe, expect, it } from "vitest";
import { contrastRatio, lowContrastWarning, MIN_TEXT_CONTRAST, textColorOn } from "./brand-colors";

describe("brand colours", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#ffffff", "#000000", 21],
  ])("contrast of %s on %s is %d", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 5);
  });

  it.each([
    // The default blue keeps white text: 4.505:1, just above the 4.5 boundary.
    ["#1a73e8", "#ffffff"],
    ["#1A73E8", "#ffffff"],
    // Greys either side of the boundary: #767676 gives white 4.54:1, #777777 only 4.48:1.
    ["#767676", "#ffffff"],
    ["#777777", "#000000"],
    ["#000000", "#ffffff"],
    ["#ffffff", "#000000"],
    ["#ffff00", "#000000"],
    ["#00ff00", "#000000"],
    ["#8b0000", "#ffffff"],
  ])("text on %s is %s", (bg, text) => {
    expect(textColorOn(bg)).toBe(text);
  });

  it("always picks a text colour of at least 4.5:1, whatever the background", () => {
    let worst = Number.POSITIVE_INFINITY;
    for (let v = 0; v < 0x1000000; v += 251) {
      const bg = `#${v.toString(16).padStart(6, "0")}`;
      worst = Math.min(worst, contrastRatio(bg, textColorOn(bg)));
    }
    expect(worst).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it.each([
    ["#1a73e8", false],
    // 3.0:1 against white is just enough; 2.9:1 is not.
    ["#949494", false],
    ["#959595", true],
    ["#ffff00", true],
  ])("a launcher of %s on a white page warns: %s", (color, warns) => {
    const warning = lowContrastWarning(color);
    expect(warning !== null).toBe(warns);
    if (warning) expect(warning).toMatch(/against a white page/);
  });
});
