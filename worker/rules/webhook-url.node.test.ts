import { describe, expect, it } from "vitest";
import { checkWebhookUrl, MAX_URL_LENGTH } from "./webhook-url";

const PUBLIC_ONLY = "The URL must point to a public host, not a private, local or link-local address";
const HTTPS = "The URL must start with https://";

describe("webhook URL rule", () => {
  it.each([
    ["https://hooks.example.com/edge", false, null],
    ["https://hooks.example.com:8443/edge?x=1", false, null],
    ["https://93.184.216.34/in", false, null],
    ["https://[2606:4700::1111]/in", false, null],
    ["http://hooks.example.com/edge", false, HTTPS],
    ["http://hooks.example.com/edge", true, HTTPS],
    ["ftp://hooks.example.com/", false, HTTPS],
    ["hooks.example.com/edge", false, "Enter an absolute URL such as https://example.com/hooks"],
    ["https://user:pw@hooks.example.com/", false, "The URL must not contain a user name or password"],
    // loopback: only with the development setting, over http or https
    ["http://127.0.0.1:9999/in", false, PUBLIC_ONLY],
    ["http://127.0.0.1:9999/in", true, null],
    ["https://localhost/in", true, null],
    ["http://localhost:8080/in", true, null],
    ["http://api.localhost/in", true, null],
    ["http://[::1]:9999/in", true, null],
    ["http://[::1]:9999/in", false, PUBLIC_ONLY],
    ["http://127.200.1.1/in", true, null],
    ["http://2130706433/in", false, PUBLIC_ONLY], // 127.0.0.1 spelled as one number
    ["http://0x7f.1/in", false, PUBLIC_ONLY],
    // private, shared, link-local and reserved: never, not even in development
    ["https://10.0.0.1/in", true, PUBLIC_ONLY],
    ["https://172.16.0.1/in", true, PUBLIC_ONLY],
    ["https://172.31.255.255/in", true, PUBLIC_ONLY],
    ["https://172.32.0.1/in", false, null],
    ["https://172.15.255.255/in", false, null],
    ["https://192.168.1.10/in", true, PUBLIC_ONLY],
    ["https://169.254.169.254/latest/meta-data", true, PUBLIC_ONLY],
    ["https://100.64.0.1/in", true, PUBLIC_ONLY],
    ["https://100.127.255.255/in", true, PUBLIC_ONLY],
    ["https://100.128.0.1/in", false, null],
    ["https://0.0.0.0/in", true, PUBLIC_ONLY],
    ["https://224.0.0.1/in", true, PUBLIC_ONLY],
    ["https://255.255.255.255/in", true, PUBLIC_ONLY],
    ["https://[fd00::1]/in", true, PUBLIC_ONLY],
    ["https://[fe80::1]/in", true, PUBLIC_ONLY],
    ["https://[::]/in", true, PUBLIC_ONLY],
    ["https://[::ffff:10.0.0.1]/in", true, PUBLIC_ONLY],
    ["https://[::ffff:127.0.0.1]/in", false, PUBLIC_ONLY],
    ["https://[64:ff9b::a9fe:a9fe]/in", true, PUBLIC_ONLY],
    ["https://[::ffff:93.184.216.34]/in", false, null],
    // private zones and single-label names
    ["https://printer.local/in", false, PUBLIC_ONLY],
    ["https://db.internal/in", false, PUBLIC_ONLY],
    ["https://nas.home.arpa/in", false, PUBLIC_ONLY],
    ["https://intranet/in", false, PUBLIC_ONLY],
  ])("%s (loopback allowed: %s) → %s", (url, allowLoopback, message) => {
    expect(checkWebhookUrl(url, allowLoopback)).toEqual(
      message === null ? { ok: true } : { ok: false, message },
    );
  });

  it("refuses a URL longer than the limit and accepts one at it", () => {
    const base = "https://hooks.example.com/";
    const at = base + "a".repeat(MAX_URL_LENGTH - base.length);
    expect(checkWebhookUrl(at, false)).toEqual({ ok: true });
    expect(checkWebhookUrl(`${at}a`, false)).toEqual({
      ok: false,
      message: `The URL must be at most ${MAX_URL_LENGTH} characters`,
    });
  });
});
