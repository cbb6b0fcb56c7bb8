import { describe, expect, it } from "vitest";
import type { CustomerChat } from "../../../realtime/customer-chat";
import { texts } from "../../i18n";
import { uploadFile } from "./pick";

const meta = { id: "at_1", name: "a.png", contentType: "image/png", size: 4, kind: "image" as const };

function setup(answer: { status: number; body: unknown } | Error, maxBytes = 1024) {
  const sent: unknown[][] = [];
  const requests: { url: string; init: RequestInit }[] = [];
  const chat = {
    attachments: { token: "tok", expiresAt: 1, maxBytes, allowedTypes: ["image/png"] },
    send: (...args: unknown[]) => sent.push(args),
  } as unknown as CustomerChat;
  const fetchFn = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof fetch;
  const statuses: string[] = [];
  const run = (file: File, locale: "en" | "zh" = "en") =>
    uploadFile(file, texts(locale), "https://cs.example", chat, (s) => statuses.push(s), fetchFn);
  return { run, sent, requests, statuses };
}

const file = (size: number, name = "a.png") => new File([new Uint8Array(size)], name);

describe("uploading a file from the widget", () => {
  it("uploads with the token and the name, then sends the message with the file", async () => {
    const t = setup({ status: 201, body: meta });
    expect(await t.run(file(4, "März 🐱.png"))).toEqual(meta);
    expect(t.requests[0]!.url).toBe(
      `https://cs.example/api/v1/chat/attachments?name=${encodeURIComponent("März 🐱.png")}`,
    );
    expect(t.requests[0]!.init.headers).toMatchObject({ authorization: "Bearer tok" });
    expect(t.sent).toEqual([["", meta]]);
    expect(t.statuses).toEqual(["Uploading März 🐱.png…", ""]);
  });

  it("refuses a file over the channel's limit before sending a byte; exactly the limit goes", async () => {
    const over = setup({ status: 201, body: meta }, 1024);
    expect(await over.run(file(1025))).toBeNull();
    expect(over.requests).toEqual([]);
    expect(over.statuses).toEqual(["The file is larger than 1 KB."]);
    const exact = setup({ status: 201, body: meta }, 1024);
    expect(await exact.run(file(1024))).toEqual(meta);
  });

  it("shows the server's words for a refusal and the widget's own for a network failure", async () => {
    const refused = setup({ status: 415, body: { detail: "Files of type application/pdf are not allowed" } });
    expect(await refused.run(file(4))).toBeNull();
    expect(refused.statuses.at(-1)).toBe("Files of type application/pdf are not allowed");
    expect(refused.sent).toEqual([]);
    const offline = setup(new TypeError("network"));
    await offline.run(file(4), "zh");
    expect(offline.statuses.at(-1)).toBe("文件发送失败，请检查网络后重试。");
  });
});
