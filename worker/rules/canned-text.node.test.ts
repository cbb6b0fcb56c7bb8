import { describe, expect, it } from "vitest";
import { fillCanned, unknownVariables } from "./canned-text";

const ada = { "customer.name": "Ada", "agent.name": "Lin" };

describe("canned response variables", () => {
  it.each([
    ["both filled", "Hi {customer.name}, {agent.name} here.", ada, "Hi Ada, Lin here.", []],
    ["a repeated variable", "{customer.name}! {customer.name}?", ada, "Ada! Ada?", []],
    ["a value is trimmed", "Hi {customer.name}", { "customer.name": "  Ada " }, "Hi Ada", []],
    [
      "unknown name, no fallback: left as written",
      "Hi {customer.name}",
      {},
      "Hi {customer.name}",
      ["customer.name"],
    ],
    [
      "blank name counts as unknown",
      "Hi {customer.name}",
      { "customer.name": "  " },
      "Hi {customer.name}",
      ["customer.name"],
    ],
    [
      "null name counts as unknown",
      "Hi {customer.name}",
      { "customer.name": null },
      "Hi {customer.name}",
      ["customer.name"],
    ],
    ["fallback used without a value", "Hi {customer.name|there}!", {}, "Hi there!", []],
    ["fallback ignored with a value", "Hi {customer.name|there}!", ada, "Hi Ada!", []],
    ["empty fallback", "Hi{customer.name|}!", {}, "Hi!", []],
    ["other braces are text", "{not a variable} {} {x}", ada, "{not a variable} {} {x}", []],
    ["an unknown dotted name is left alone", "{order.id}", ada, "{order.id}", []],
    ["a fallback never spans lines", "{customer.name|a\nb}", {}, "{customer.name|a\nb}", []],
  ])("%s", (_name, text, values, filled, missing) => {
    expect(fillCanned(text, values)).toEqual({ text: filled, missing });
  });

  it.each([
    ["known variables only", "Hi {customer.name|there}, {agent.name}", []],
    ["a typo", "Hi {customer.nmae}", ["customer.nmae"]],
    ["each unknown once, in order", "{order.id} {a.b} {order.id}", ["order.id", "a.b"]],
    ["plain braces are no variables", "{hello} {} {a b}", []],
  ])("unknown: %s", (_name, text, unknown) => {
    expect(unknownVariables(text)).toEqual(unknown);
  });
});
