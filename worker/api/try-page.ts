/**
 * `GET /try/:channelId`: the channel's Try page (spec step 7). A plain page that embeds the
 * channel's widget with the one-tag snippet integrators use, plus a "customer information" form
 * (name, optional identity token) that calls `EdgeChat.setUser` and opens the chat, so an
 * administrator can play the customer. `?locale=zh` shows the widget in Chinese; `?position=` and
 * `?offset=` pass the launcher placement on to the script tag (same rules as `data-position` and
 * `data-offset`). The page's own button wears the channel's primary colour, like the widget.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { channels } from "../db/schema";
import { database } from "../db/tenant-db";
import type { AppEnv } from "../env";
import { parsePlacement } from "../rules/widget-placement";
import { brandingOf } from "../schemas/channels";
import { publicBranding } from "./chat-branding";

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
main{max-width:640px;margin:40px auto;padding:0 20px}h1{font-size:22px}
form{background:#fff;border:1px solid #dde1e6;border-radius:10px;padding:16px;display:grid;gap:10px}
label{font-weight:600;font-size:13px}input,textarea{font:inherit;padding:7px;border:1px solid #c9ced6;border-radius:6px;width:100%;box-sizing:border-box}
button{font:inherit;padding:8px 14px;border:0;border-radius:6px;background:var(--brand);color:var(--on-brand);cursor:pointer;justify-self:start}
p.hint{color:#59636e;font-size:13px}code{background:#eef0f3;padding:1px 4px;border-radius:4px}`;

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export const tryPage = new Hono<AppEnv>().get("/:channelId", async (c) => {
  const id = c.req.param("channelId");
  const [channel] = await database(c.env.DB)
    .select({
      id: channels.id,
      accessCode: channels.accessCode,
      auth: channels.thirdPartyAuthEnabled,
      config: channels.config,
    })
    .from(channels)
    .where(eq(channels.id, id))
    .limit(1);
  if (!channel) {
    return c.html(
      html`<!doctype html><html lang="en"><meta charset="utf-8"><title>Channel not found</title><p>No web channel has the ID ${id}.</p></html>`,
      404,
    );
  }
  const locale = c.req.query("locale") === "zh" ? "zh" : "en";
  const brand = publicBranding(brandingOf(channel.config.branding));
  // Only what parses is passed on, in its canonical spelling.
  const place = parsePlacement(c.req.query("position"), c.req.query("offset"));
  const placement =
    c.req.query("position") || c.req.query("offset")
      ? ` data-position="bottom-${place.side}" data-offset="${place.x},${place.y}"`
      : "";
  const n = nonce();
  c.header(
    "content-security-policy",
    `default-src 'self'; script-src 'self' 'nonce-${n}'; style-src 'self' 'nonce-${n}'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  );
  c.header("referrer-policy", "no-referrer");
  return c.html(
    html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Try channel ${channel.accessCode}</title>
<style nonce="${n}">:root{--brand:${brand.primaryColor};--on-brand:${brand.onPrimaryColor}}${style}</style>
</head>
<body>
<main>
<h1>Try channel <code>${channel.accessCode}</code></h1>
<p>This page plays the customer. Set the customer information, then chat through the button in the lower ${place.side} corner.</p>
<form id="customer" aria-labelledby="customer-title">
  <h2 id="customer-title">Customer information</h2>
  <label for="name">Name</label>
  <input id="name" name="name" maxlength="100" autocomplete="name">
  <label for="token">Identity token${channel.auth ? "" : " (optional)"}</label>
  <textarea id="token" name="identityToken" rows="3" maxlength="4096" aria-describedby="token-hint"${channel.auth ? " required" : ""}></textarea>
  <p class="hint" id="token-hint">${
    channel.auth
      ? "This channel uses third-party authentication: paste a token signed by your server with the channel's secretKey."
      : "Leave empty for an anonymous visitor."
  }</p>
  <button type="submit">Apply and open chat</button>
</form>
</main>
<script nonce="${n}">
document.getElementById("customer").addEventListener("submit", function (e) {
  e.preventDefault();
  var user = { name: document.getElementById("name").value, identityToken: document.getElementById("token").value.trim() };
  function go() { window.EdgeChat.setUser(user); window.EdgeChat.open(); }
  if (window.EdgeChat) go(); else window.addEventListener("edgechat:ready", go, { once: true });
});
</script>
<script src="/widget.js" data-channel="${channel.id}" data-locale="${locale}"${raw(placement)} async></script>
</body>
</html>`,
  );
});
