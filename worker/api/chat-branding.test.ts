import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { channels } from "../db/schema";
import { addQueue, addRoute, db } from "../test/config-fixtures";
import { fetchApp, newTenant } from "../test/helpers";

type Tenant = Awaited<ReturnType<typeof newTenant>>;

let n = 0;
const code = () => `brand_${Date.now().toString(36)}${n++}`;
const DEFAULTS = { primaryColor: "#1a73e8", logoUrl: "", greeting: "", welcomeText: "", launcherLabel: "" };

describe("channel branding", () => {
  let t: Tenant;
  let route: string;
  const create = (branding: unknown, extra: Record<string, unknown> = {}) =>
    t.post("/channels", { accessCode: code(), routeId: route, branding, ...extra });
  beforeAll(async () => {
    t = await newTenant();
    route = await addRoute(t.tenantId, await addQueue(t.tenantId, "multimedia"));
  });

  it.each([
    ["a colour name", { primaryColor: "blue" }, "branding.primaryColor", /#rrggbb/],
    ["a 3-digit colour", { primaryColor: "#12f" }, "branding.primaryColor", /#rrggbb/],
    ["a colour with alpha", { primaryColor: "#1a73e8ff" }, "branding.primaryColor", /#rrggbb/],
    ["a colour that is not hex", { primaryColor: "#1a73eg" }, "branding.primaryColor", /#rrggbb/],
    ["an http logo", { logoUrl: "http://cdn.example/logo.png" }, "branding.logoUrl", /https:\/\//],
    ["a javascript: logo", { logoUrl: "javascript:alert(1)" }, "branding.logoUrl", /https:\/\//],
    ["a data: logo", { logoUrl: "data:image/png;base64,AAAA" }, "branding.logoUrl", /https:\/\//],
    ["a relative logo", { logoUrl: "/logo.png" }, "branding.logoUrl", /https:\/\//],
    ["a logo with credentials", { logoUrl: "https://u:p@cdn.example/l.png" }, "branding.logoUrl", /https/],
    ["a logo with a space", { logoUrl: "https://cdn.example/my logo.png" }, "branding.logoUrl", /https/],
    [
      "a 513-character logo address",
      { logoUrl: `https://cdn.example/${"a".repeat(493)}` },
      "branding.logoUrl",
      /at most 512/,
    ],
    ["a 61-character greeting", { greeting: "g".repeat(61) }, "branding.greeting", /at most 60/],
    ["a 501-character welcome", { welcomeText: "w".repeat(501) }, "branding.welcomeText", /at most 500/],
    [
      "a 31-character launcher label",
      { launcherLabel: "l".repeat(31) },
      "branding.launcherLabel",
      /at most 30/,
    ],
    ["an unknown branding field", { font: "Comic Sans" }, "branding.font", /.+/],
  ])("refuses %s with 422 naming the field", async (_name, branding, field, message) => {
    const res = await create(branding);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
    expect(res.body.errors[field][0]).toMatch(message);
  });

  it("accepts every field at its limit, stores the colour in lower case and trims the texts", async () => {
    const branding = {
      primaryColor: " #FFCC00 ",
      logoUrl: `https://cdn.example/${"a".repeat(492)}`,
      greeting: ` ${"g".repeat(60)} `,
      welcomeText: "w".repeat(500),
      launcherLabel: "l".repeat(30),
    };
    const res = await create(branding);
    expect(res.status).toBe(201);
    expect(res.body.branding).toEqual({
      primaryColor: "#ffcc00",
      logoUrl: branding.logoUrl,
      greeting: "g".repeat(60),
      welcomeText: "w".repeat(500),
      launcherLabel: "l".repeat(30),
    });
    expect(res.body.branding.logoUrl).toHaveLength(512);
  });

  it("PATCH merges branding field by field and refuses a bad colour without writing", async () => {
    const created = await create({ greeting: "Hi from Acme", primaryColor: "#004d40" });
    const id = created.body.id;
    const patched = await t.patch(`/channels/${id}`, { branding: { launcherLabel: "Help" } });
    expect(patched.status).toBe(200);
    expect(patched.body.branding).toEqual({
      ...DEFAULTS,
      primaryColor: "#004d40",
      greeting: "Hi from Acme",
      launcherLabel: "Help",
    });
    const bad = await t.patch(`/channels/${id}`, { branding: { primaryColor: "red" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors)).toEqual(["branding.primaryColor"]);
    expect((await t.get(`/channels/${id}`)).body.branding.primaryColor).toBe("#004d40");
  });

  it("a channel saved before branding existed reads the defaults, and PATCH fills them in", async () => {
    const created = await create(undefined);
    const id = created.body.id;
    const [row] = await db().select().from(channels).where(eq(channels.id, id));
    const { branding: _b, ...oldConfig } = row!.config;
    await db().update(channels).set({ config: oldConfig }).where(eq(channels.id, id));
    expect(
      (await db().select().from(channels).where(eq(channels.id, id)))[0]!.config.branding,
    ).toBeUndefined();

    expect((await t.get(`/channels/${id}`)).body.branding).toEqual(DEFAULTS);
    const pub = await fetchApp(`/api/v1/chat/channels/${id}/branding`);
    expect(await pub.json()).toEqual({ ...DEFAULTS, onPrimaryColor: "#ffffff" });
    const patched = await t.patch(`/channels/${id}`, { branding: { greeting: "Hello" } });
    expect(patched.body.branding).toEqual({ ...DEFAULTS, greeting: "Hello" });
  });

  it("the public endpoint gives the branding and its text colour only, to any origin, cacheable", async () => {
    const created = await create(
      {
        primaryColor: "#ffeb3b",
        logoUrl: "https://cdn.example/logo.svg",
        greeting: "Acme help",
        launcherLabel: "Ask us",
      },
      {
        thirdPartyAuth: { enabled: true, secretKey: "s3cret-key-0123456789" },
        allowedOrigins: ["https://shop.example"],
      },
    );
    const res = await fetchApp(`/api/v1/chat/channels/${created.body.id}/branding`, {
      headers: { origin: "https://elsewhere.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://elsewhere.example");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      primaryColor: "#ffeb3b",
      onPrimaryColor: "#000000",
      logoUrl: "https://cdn.example/logo.svg",
      greeting: "Acme help",
      welcomeText: "",
      launcherLabel: "Ask us",
    });
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("shop.example");

    const missing = await fetchApp("/api/v1/chat/channels/ch_nope/branding");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("the Try page wears the primary colour, allows https logos and passes a valid placement on", async () => {
    const created = await create({ primaryColor: "#ffeb3b" });
    const id = created.body.id;
    const res = await fetchApp(`/try/${id}?position=bottom-left&offset=24,80`);
    const body = await res.text();
    expect(body).toContain(":root{--brand:#ffeb3b;--on-brand:#000000}");
    expect(body).toContain(
      `<script src="/widget.js" data-channel="${id}" data-locale="en" data-position="bottom-left" data-offset="24,80" async></script>`,
    );
    expect(body).toContain("in the lower left corner");
    expect(res.headers.get("content-security-policy")).toContain("img-src 'self' data: https:;");
    const odd = await (await fetchApp(`/try/${id}?position="><script>&offset=9999`)).text();
    expect(odd).toContain('data-position="bottom-right" data-offset="20,20" async');
    expect(odd).not.toContain("<script>&");
  });
});
