import { describe, expect, it } from "vitest";
import {
  DESCRIPTION_MAX_CHARS,
  extractEmail,
  extractName,
  extractOrderNumber,
  extractPhone,
  prefillCase,
  smartFormFillingOn,
  TITLE_MAX_CHARS,
} from "./case-extraction";

describe("phone numbers", () => {
  it.each<[string, string, string | null]>([
    ["China mobile with +86 and spaces", "call me on +86 138 0013 8000 please", "+86 138 0013 8000"],
    ["China mobile with dashes", "电话+86-138-0013-8000", "+86-138-0013-8000"],
    ["China mobile, bare 11 digits after CJK", "我的电话是13800138000，谢谢", "13800138000"],
    ["Germany with a (0) trunk prefix", "reach me at +49 (0)30 1234567.", "+49 (0)30 1234567"],
    ["Germany without spaces", "Tel. +4930123456789", "+4930123456789"],
    ["US with an area code in brackets", "my number is (555) 123-4567", "(555) 123-4567"],
    ["US with dots", "555.123.4567 works", "555.123.4567"],
    ["landline with an area code", "office 010-12345678", "010-12345678"],
    ["7 digits is the shortest", "ext 1234567", "1234567"],
    ["6 digits is too short", "code 123456", null],
    ["16 digits is too long (E.164 has at most 15)", "+1234567890123456", null],
    ["15 digits is the longest", "+123456789012345", "+123456789012345"],
    ["an ISO date is not a phone", "since 2024-05-01", null],
    ["a price is not a phone", "I paid 1 299.00 EUR", null],
    ["the order number is not taken for a phone", "order number 12345678", null],
    ["digits inside an e-mail are not a phone", "ada1234567@example.com", null],
    ["the last of two numbers (a correction)", "555-123-4567, sorry, 555-765-4321", "555-765-4321"],
    ["no digits at all", "hello", null],
  ])("%s", (_, text, phone) => {
    expect(extractPhone(text)).toBe(phone);
  });
});

describe("e-mail addresses", () => {
  it.each<[string, string, string | null]>([
    ["plain", "write to ada@example.com.", "ada@example.com"],
    ["plus and dots, subdomain", "a.b+shop@mail.example.co.uk", "a.b+shop@mail.example.co.uk"],
    ["inside CJK text without spaces", "邮箱是zhang.san@example.cn谢谢", "zhang.san@example.cn"],
    ["after CJK punctuation", "邮箱：zhang.san@example.cn，谢谢", "zhang.san@example.cn"],
    ["no top-level domain", "ada@localhost", null],
    ["the last one wins", "ada@old.example or ada@new.example", "ada@new.example"],
  ])("%s", (_, text, email) => {
    expect(extractEmail(text)).toBe(email);
  });
});

describe("order numbers", () => {
  it.each<[string, string, string | null]>([
    ["order #A-12345", "my order #A-12345 never came", "A-12345"],
    ["order number with a colon", "Order number: 98765", "98765"],
    ["order no.", "order no. ZX900812", "ZX900812"],
    ["order is", "my order is B-7781", "B-7781"],
    ["order id", "order id 44-55-66", "44-55-66"],
    ["订单号 with a space", "订单号 123456", "123456"],
    ["订单号 with a full-width colon", "订单号：A-12345", "A-12345"],
    ["订单 是", "我的订单是20240501888", "20240501888"],
    ["German Bestellnummer", "Bestellnummer 7788-99", "7788-99"],
    ["a word after order is not a number", "I want to order something", null],
    ["too short", "order #12", null],
    ["nothing", "where is my parcel", null],
  ])("%s", (_, text, order) => {
    expect(extractOrderNumber(text)).toBe(order);
  });
});

describe("names", () => {
  it.each<[string, string, string | null]>([
    ["my name is, two words", "Hi, my name is Ada Lovelace and I need help", "Ada Lovelace"],
    ["My name is, capitalised phrase", "My name is Ada.", "Ada"],
    ["I'm", "I'm Ada", "Ada"],
    ["I’m with a typographic apostrophe", "Hello, I’m Grace Hopper!", "Grace Hopper"],
    ["I am", "I am Alan Turing from Manchester", "Alan Turing"],
    ["this is", "Hi, this is Ada", "Ada"],
    ["a double-barrelled name", "my name is Mary-Jane O'Neil", "Mary-Jane O'Neil"],
    ["at most three words", "my name is Ada Byron King Lovelace", "Ada Byron King"],
    ["lower-case words are not names", "I am happy with it", null],
    ["我叫", "你好，我叫张三，订单号 123456", "张三"],
    ["我叫, three characters", "我叫诸葛亮", "诸葛亮"],
    ["我的名字是", "我的名字是李四", "李四"],
    ["one Han character is not enough", "我叫李", null],
    ["no introduction", "where is my parcel", null],
  ])("%s", (_, text, name) => {
    expect(extractName(text)).toBe(name);
  });
});

describe("the pre-filled case form", () => {
  const dialog = [
    { sender: "system", text: "You are now chatting with Alice." },
    { sender: "customer", text: "Hello" },
    { sender: "customer", text: "My parcel from order #A-12345 arrived damaged" },
    { sender: "agent", text: "Sorry to hear that! My name is Alice. Could you give me your phone?" },
    { sender: "customer", text: "I'm Ada Lovelace, +49 30 1234567, ada@example.com" },
    { sender: "customer", text: "Please hurry, it is urgent" },
  ];

  it("fills every field from the customer's lines", () => {
    expect(prefillCase(dialog, "ada-typed")).toEqual({
      title: "My parcel from order #A-12345 arrived damaged",
      category: "afterSales",
      priority: "urgent",
      customerName: "Ada Lovelace",
      phone: "+49 30 1234567",
      email: "ada@example.com",
      orderNumber: "A-12345",
      description: [
        "Hello",
        "My parcel from order #A-12345 arrived damaged",
        "I'm Ada Lovelace, +49 30 1234567, ada@example.com",
        "Please hurry, it is urgent",
      ].join("\n"),
    });
  });

  it("never takes the agent's introduction for the customer's name; falls back to the chat's name", () => {
    const lines = [
      { sender: "agent", text: "Hi, my name is Alice." },
      { sender: "customer", text: "hi" },
    ];
    expect(prefillCase(lines, "Ann").customerName).toBe("Ann");
    expect(prefillCase(lines).customerName).toBe("");
  });

  it("takes an order number the agent read back when the customer gave none", () => {
    const lines = [
      { sender: "customer", text: "where is my stuff" },
      { sender: "agent", text: "I found your order #Q-4711." },
    ];
    expect(prefillCase(lines).orderNumber).toBe("Q-4711");
  });

  it("the customer's correction wins", () => {
    const lines = [
      { sender: "customer", text: "my email is old@example.com" },
      { sender: "customer", text: "sorry, it is new@example.com" },
    ];
    expect(prefillCase(lines).email).toBe("new@example.com");
  });

  it("defaults: inquiry, normal, first line as the title, all empty without a dialog", () => {
    expect(prefillCase([])).toEqual({
      title: "",
      category: "inquiry",
      priority: "normal",
      customerName: "",
      phone: "",
      email: "",
      orderNumber: "",
      description: "",
    });
    expect(prefillCase([{ sender: "customer", text: "hi" }])).toMatchObject({
      title: "hi",
      category: "inquiry",
    });
  });

  it.each<[string, string, string, string]>([
    ["a complaint", "I want to complain about the driver", "complaint", "normal"],
    ["billing", "The invoice is wrong", "billing", "normal"],
    ["Chinese after-sales, urgent", "我要退货，紧急", "afterSales", "urgent"],
    ["high priority", "please fix it today", "inquiry", "high"],
  ])("category and priority: %s", (_, text, category, priority) => {
    expect(prefillCase([{ sender: "customer", text }])).toMatchObject({ category, priority });
  });

  it("clips the title and the description at their limits", () => {
    const long = "x".repeat(5000);
    const filled = prefillCase([{ sender: "customer", text: long }]);
    expect(filled.title).toHaveLength(TITLE_MAX_CHARS);
    expect(filled.title.endsWith("…")).toBe(true);
    expect(filled.description).toHaveLength(DESCRIPTION_MAX_CHARS);
    const exact = "y".repeat(TITLE_MAX_CHARS);
    expect(prefillCase([{ sender: "customer", text: exact }]).title).toBe(exact);
  });
});

describe("whether the form is pre-filled", () => {
  it.each<[boolean, { intelligentRecognition: boolean; smartFormFilling: boolean } | null, boolean]>([
    [true, { intelligentRecognition: true, smartFormFilling: true }, true],
    [false, { intelligentRecognition: true, smartFormFilling: true }, false],
    [true, { intelligentRecognition: false, smartFormFilling: true }, false],
    [true, { intelligentRecognition: true, smartFormFilling: false }, false],
    [true, null, false],
  ])("tenant switch %s, agent %o: %s", (tenantSwitch, agent, on) => {
    expect(smartFormFillingOn(tenantSwitch, agent)).toBe(on);
  });
});
