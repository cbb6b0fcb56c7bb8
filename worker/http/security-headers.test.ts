/**
 * Security headers of the responses the Worker makes (API, docs page, Try page). The static pages
 * and widget.js get theirs from the assets' `_headers`; e2e/headers.e2e.test.ts checks those on a
 * real `wrangler dev`.
 */
import { describe, expect, it } from "vitest";
import { fetchApp, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";
import { API_CSP, DOCS_CSP } from "./security-headers";

const expectCommon = (res: Response) => {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  // The Try page keeps its stricter no-referrer.
  expect(res.headers.get("referrer-policy")).toMatch(/^(same-origin|no-referrer)$/);
};
const expectPage = (res: Response) => {
  expectCommon(res);
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  expect(res.headers.get("content-security-policy")).not.toMatch(/unsafe-inline|unsafe-eval/);
};
/** Inline code a CSP without 'unsafe-inline' would block, unless it carries `nonce`. */
const inlineCode = (html: string, nonce?: string) =>
  [
    ...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g),
    ...html.matchAll(/<style[^>]*>/g),
    ...html.matchAll(/\sstyle="/g),
    ...html.matchAll(/\son[a-z]+=/g),
  ]
    .map((m) => m[0])
    .filter((tag) => !nonce || !tag.includes(`nonce="${nonce}"`));

describe("security headers of Worker responses", () => {
  it.each([
    ["the OpenAPI document", "/api/v1/openapi.json", 200],
    ["a problem+json refusal", "/api/v1/access-codes", 401],
    ["an unknown API route", "/api/nope", 404],
  ])("%s: nosniff, same-origin referrer, and a CSP that allows nothing", async (_what, path, status) => {
    const res = await fetchApp(path);
    expect(res.status).toBe(status);
    expectCommon(res);
    expect(res.headers.get("content-security-policy")).toBe(API_CSP);
  });

  it("the API docs page runs under a strict CSP with its script and style as files", async () => {
    const res = await fetchApp("/api/docs");
    expectPage(res);
    expect(res.headers.get("content-security-policy")).toBe(DOCS_CSP);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    const html = await res.text();
    expect(inlineCode(html)).toEqual([]);
    for (const [path, type] of [
      ["/api/docs/docs.js", "text/javascript"],
      ["/api/docs/docs.css", "text/css"],
    ] as const) {
      expect(html).toContain(path);
      const file = await fetchApp(path);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toMatch(new RegExp(`^${type}`));
      expectCommon(file);
    }
  });

  it("the Try page: nonce-locked script and style, no inline code without the nonce, no framing", async () => {
    const fx = await setupQueue();
    const res = await fetchApp(`/try/${fx.channelId}`);
    expectPage(res);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    const html = await res.text();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(inlineCode(html, nonce)).toEqual([]);
  });
});
