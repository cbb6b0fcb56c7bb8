import { describe, expect, it } from "vitest";
import { fetchApp, setupQueue } from "../../durable-objects/skill-queue/test/fixtures";

describe("GET /try/:channelId", () => {
  it("serves the customer-information form and the channel's one-tag widget embed with a nonce-locked CSP", async () => {
    const fx = await setupQueue();
    const res = await fetchApp(`/try/${fx.channelId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const body = await res.text();
    expect(body).toContain(
      `<script src="/widget.js" data-channel="${fx.channelId}" data-locale="en" async></script>`,
    );
    expect(body).toMatch(/<label for="name">Name<\/label>/);
    expect(body).toMatch(/Identity token \(optional\)/);
    const csp = res.headers.get("content-security-policy") ?? "";
    const n = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(n).toBeTruthy();
    expect(body).toContain(`<script nonce="${n}">`);
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
  });

  it("shows the widget in Chinese with ?locale=zh and in English for anything else", async () => {
    const fx = await setupQueue();
    expect(await (await fetchApp(`/try/${fx.channelId}?locale=zh`)).text()).toContain('data-locale="zh"');
    expect(await (await fetchApp(`/try/${fx.channelId}?locale="><script>`)).text()).toContain(
      'data-locale="en"',
    );
  });

  it("answers 404 for an unknown channel and escapes the id it echoes", async () => {
    const res = await fetchApp(`/try/${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain("<img");
    expect(body).toContain("&lt;img");
  });
});
