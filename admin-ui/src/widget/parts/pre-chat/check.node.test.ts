import { describe, expect, it } from "vitest";
import type { PreChatField } from "../../../../../worker/schemas/pre-chat";
import { problems, serverProblems, startValues } from "./check";
import { preChatTexts } from "./texts";

const fields: PreChatField[] = [
  { key: "who", kind: "name", label: "Name", required: true, options: [] },
  { key: "mail", kind: "email", label: "Email", required: false, options: [] },
  { key: "tel", kind: "phone", label: "Phone", required: false, options: [] },
  { key: "topic", kind: "select", label: "Topic", required: true, options: ["Sales", "Support"] },
];

describe("the pre-chat form's start values", () => {
  it.each([
    ["empty without anything known", {}, null, undefined, { who: "", mail: "", tel: "", topic: "" }],
    [
      "the page's setUser name in the name field",
      {},
      null,
      "Ann",
      { who: "Ann", mail: "", tel: "", topic: "" },
    ],
    [
      "the last submitted values over the setUser name",
      {},
      { who: "Ann Lee", topic: "Sales" },
      "Ann",
      { who: "Ann Lee", mail: "", tel: "", topic: "Sales" },
    ],
    [
      "locked values over everything",
      { who: "Ada (verified)" },
      { who: "Ann Lee" },
      "Ann",
      { who: "Ada (verified)", mail: "", tel: "", topic: "" },
    ],
  ])("%s", (_what, locked, previous, userName, expected) => {
    expect(startValues(fields, locked, previous, userName)).toEqual(expected);
  });
});

describe("the pre-chat form's problems", () => {
  const en = preChatTexts("en").messages;
  const zh = preChatTexts("zh").messages;

  it.each([
    [{ who: "Ann", topic: "Sales" }, {}, en, {}],
    [{ who: "", topic: "" }, {}, en, { who: "Please fill in Name.", topic: "Please fill in Topic." }],
    [
      { who: "Ann", topic: "Sales", mail: "ann@" },
      {},
      en,
      { mail: "Email: enter an email address such as name@example.com." },
    ],
    [
      { who: "Ann", topic: "Sales", tel: "12" },
      {},
      zh,
      { tel: "Phone格式不正确（5–20 位数字，可含 +、空格或 -）。" },
    ],
    [{ who: "", topic: "Sales" }, { who: "Ada" }, en, {}],
    [{ who: "", topic: "Other" }, {}, zh, { who: "请填写Name。", topic: "请从选项中选择Topic。" }],
  ])("%j (locked %j)", (values, locked, messages, expected) => {
    expect(problems(fields, locked, values, messages)).toEqual(expected);
  });

  it("takes the server's messages by field key", () => {
    expect(
      serverProblems({
        "preChat.mail": ["Email must be an email address", "second"],
        preChat: ["fill in the form"],
      }),
    ).toEqual({ mail: "Email must be an email address" });
    expect(serverProblems(undefined)).toEqual({});
  });
});
