import { describe, expect, it } from "vitest";
import { type FieldRule, isEmail, isPhone, valueProblem } from "./pre-chat";

describe("isEmail", () => {
  it.each([
    ["ada@example.com", true],
    ["a.b+tag@mail.example.co.uk", true],
    ["a@b.c", true],
    ["ada@example", false],
    ["ada.example.com", false],
    ["ada@@example.com", false],
    ["a da@example.com", false],
    ["ada@example..com", false],
    ["ada@.example.com", false],
    ["ada@example.com.", false],
    ["@example.com", false],
  ])("%s → %s", (value, ok) => expect(isEmail(value)).toBe(ok));
});

describe("isPhone", () => {
  it.each([
    ["12345", true], // 5 digits: the fewest
    ["1234", false],
    ["12345678901234567890", true], // 20 digits: the most
    ["123456789012345678901", false],
    ["+86 138-0013-8000", true],
    ["+1 (555) 010-0000", false], // parentheses are not allowed
    ["138 0013 8000", true],
    ["++8613800138000", false],
    ["86+13800138000", false],
    ["-12345", false],
    ["12345-", true],
    ["phone 12345", false],
    ["１２３４５", false], // full-width digits are not digits here
  ])("%s → %s", (value, ok) => expect(isPhone(value)).toBe(ok));
});

describe("valueProblem", () => {
  const field = (kind: FieldRule["kind"], required = false, options: string[] = []): FieldRule => ({
    kind,
    required,
    options,
  });
  it.each([
    [field("name", true), "", "required"],
    [field("name"), "", null],
    [field("name", true), "Ada", null],
    [field("name"), "x".repeat(100), null],
    [field("name"), "x".repeat(101), "tooLong"],
    [field("text"), "x".repeat(200), null],
    [field("text"), "x".repeat(201), "tooLong"],
    [field("email"), "ada@example.com", null],
    [field("email"), "ada", "email"],
    [field("email", true), "", "required"],
    [field("email"), `${"a".repeat(242)}@example.com`, null], // 254 characters
    [field("email"), `${"a".repeat(243)}@example.com`, "tooLong"],
    [field("phone"), "+86 138 0013 8000", null],
    [field("phone"), "call me", "phone"],
    [field("phone"), "1".repeat(33), "tooLong"],
    [field("select", true, ["Sales", "Support"]), "Support", null],
    [field("select", true, ["Sales", "Support"]), "support", "option"],
    [field("select", false, ["Sales"]), "", null],
    [field("select", true, ["Sales"]), "", "required"],
  ])("%j with %j → %s", (f, value, problem) => expect(valueProblem(f, value)).toBe(problem));
});
