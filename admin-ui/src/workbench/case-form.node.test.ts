import { describe, expect, it } from "vitest";
import { BLANK_CASE, caseDraft } from "./case-form";

const dialog = [
  { sender: "customer", text: "hi" },
  { sender: "agent", text: "Hello, how can I help?" },
  { sender: "customer", text: "My name is Ada Lovelace, my parcel is late" },
  { sender: "customer", text: "order number A-20240501, phone +86 138 0013 8000, ada@example.com" },
];

describe("the workbench case form's first draft", () => {
  it("is pre-filled from the dialog when Smart Form Filling is on", () => {
    expect(caseDraft(dialog, "Ada", true)).toMatchObject({
      title: "My name is Ada Lovelace, my parcel is late",
      customerName: "Ada Lovelace",
      phone: "+86 138 0013 8000",
      email: "ada@example.com",
      orderNumber: "A-20240501",
    });
  });

  it("takes the name the customer gave the chat when nobody introduced themselves", () => {
    expect(caseDraft([{ sender: "customer", text: "where is my refund?" }], "Bo", true)).toMatchObject({
      customerName: "Bo",
      category: "afterSales",
    });
  });

  it("is blank when Smart Form Filling is off", () => {
    expect(caseDraft(dialog, "Ada", false)).toEqual(BLANK_CASE);
  });
});
