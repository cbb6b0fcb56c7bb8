import { describe, expect, it } from "vitest";
import { headersFile, PAGE_CSP } from "./security-headers";

/** Rules of a `_headers` file: path → header lines (Workers static assets syntax). */
function parse(file: string): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of file.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    if (line.startsWith(" ")) {
      current.push(line.trim());
    } else {
      current = [];
      rules.set(line, current);
    }
  }
  return rules;
}

describe("the assets' _headers", () => {
  const rules = parse(headersFile());

  it("gives every static page nosniff, a same-origin referrer, the strict CSP and no framing", () => {
    expect(rules.get("/*")).toEqual([
      "X-Content-Type-Options: nosniff",
      "Referrer-Policy: same-origin",
      `Content-Security-Policy: ${PAGE_CSP}`,
      "X-Frame-Options: DENY",
      "Cross-Origin-Opener-Policy: same-origin",
    ]);
    expect(PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it.each(["/widget.js", "/widget-parts/*"])(
    "takes the page headers off %s (integrators embed it) but keeps nosniff from /*",
    (path) => {
      expect(rules.get(path)).toEqual([
        "! Content-Security-Policy",
        "! X-Frame-Options",
        "! Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy: cross-origin",
      ]);
    },
  );
});
