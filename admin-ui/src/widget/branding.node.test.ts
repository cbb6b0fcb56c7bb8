import { describe, expect, it } from "vitest";
import { DEFAULT_BRANDING, loadBranding, parseBranding } from "./branding";

const good = {
  primaryColor: "#ffeb3b",
  onPrimaryColor: "#000000",
  logoUrl: "https://cdn.example/logo.svg",
  greeting: "Acme help",
  welcomeText: "Hi! Ask us anything.",
  launcherLabel: "Ask us",
};

describe("widget branding", () => {
  it("takes a well-formed answer as it is", () => {
    expect(parseBranding(good)).toEqual(good);
  });

  it.each([
    [null, {}],
    ["text", {}],
    [
      { ...good, primaryColor: "red" },
      { primaryColor: "#1a73e8", onPrimaryColor: "#ffffff" },
    ],
    [{ ...good, onPrimaryColor: "#123456" }, { onPrimaryColor: "#ffffff" }],
    [{ ...good, logoUrl: "javascript:alert(1)" }, { logoUrl: "" }],
    [{ ...good, logoUrl: "http://cdn.example/l.png" }, { logoUrl: "" }],
    [{ ...good, greeting: 7 }, { greeting: "" }],
    [{ ...good, greeting: "g".repeat(61) }, { greeting: "" }],
    [{ ...good, launcherLabel: "l".repeat(31) }, { launcherLabel: "" }],
  ])("keeps the default for what is malformed in %j", (data, changed) => {
    const base = data && typeof data === "object" ? good : DEFAULT_BRANDING;
    expect(parseBranding(data)).toEqual({ ...base, ...changed });
  });

  it("shows the defaults when the channel is unknown, the network fails or the answer is late", async () => {
    const answer = (status: number) =>
      (async () => new Response(JSON.stringify(good), { status })) as typeof fetch;
    expect(await loadBranding("https://cs.example", "ch1", answer(200))).toEqual(good);
    expect(await loadBranding("https://cs.example", "ch1", answer(404))).toEqual(DEFAULT_BRANDING);
    const failing = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await loadBranding("https://cs.example", "ch1", failing)).toEqual(DEFAULT_BRANDING);
    const never = ((_url: string, init: RequestInit) =>
      new Promise((_ok, fail) =>
        init.signal?.addEventListener("abort", () => fail(init.signal?.reason)),
      )) as typeof fetch;
    expect(await loadBranding("https://cs.example", "ch1", never, 20)).toEqual(DEFAULT_BRANDING);
  });

  it("asks the channel's public branding on the API origin", async () => {
    const urls: string[] = [];
    const record = (async (url: string) => {
      urls.push(url);
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
    await loadBranding("https://cs.example", "ch/1", record);
    expect(urls).toEqual(["https://cs.example/api/v1/chat/channels/ch%2F1/branding"]);
  });
});
