/**
 * Smart Form Filling (spec Table 3: "the system automatically extracts the information contained
 * in the dialog text between the customer and agent when the agent creates a case on the
 * workbench, and fills the information in the corresponding case form"). Pure functions of the
 * dialog's lines; the agent corrects what they fill in before saving.
 *
 * - Phone: digits with single spaces, dots or dashes between groups, an optional `+country` code
 *   and an optional `(area)` group: `+86 138 0013 8000`, `+49 (0)30 1234567`, `(555) 123-4567`,
 *   `13800138000`. 7–15 digits (ITU E.164 allows at most 15); ISO dates such as 2024-05-01 are not
 *   phones. Order numbers and e-mail addresses are taken out of the text first.
 * - E-mail: `local@domain.tld` in ASCII letters, digits and `._%+-`, so it is found inside Chinese
 *   text without spaces ("邮箱是ada@example.com谢谢").
 * - Order number: the token after "order", "order number", "order no.", "order id", "order #"
 *   (optionally "is" and ":"), "Bestellnummer", "订单号", "订单编号" or "订单" (optionally 是/为
 *   and a colon): 4–32 letters, digits and dashes with at least one digit.
 * - Name: "my name is Ada Lovelace", "I'm Ada", "I am Ada", "this is Ada" (one to three words,
 *   each starting with a capital letter), "我叫张三", "我的名字是张三" (two to four Han characters).
 *   Only the customer's lines count (an agent introducing themselves is not the customer); when
 *   nobody introduced themselves, the name the customer gave the chat.
 * - Phone, e-mail and order number: the customer's latest mention wins (a correction comes
 *   later), else the agent's latest (an agent reading back an order number).
 * - Title: the customer's first line of at least `TITLE_MIN_CHARS` characters (a bare "hello" is
 *   skipped), else their first line; first line of it only, at most `TITLE_MAX_CHARS`.
 * - Description: the customer's lines, one per line, at most `DESCRIPTION_MAX_CHARS`.
 * - Category and priority: the first row of `CATEGORY_WORDS` / `PRIORITY_WORDS` with a word in
 *   the customer's lines; else `inquiry` and `normal`.
 */
import type { CaseCategory, CasePriority } from "../schemas/cases";

export type DialogLine = { sender: string; text: string };

export type CasePrefill = {
  title: string;
  category: CaseCategory;
  priority: CasePriority;
  customerName: string;
  phone: string;
  email: string;
  orderNumber: string;
  description: string;
};

export const TITLE_MIN_CHARS = 12;
export const TITLE_MAX_CHARS = 80;
export const DESCRIPTION_MAX_CHARS = 2000;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\w.+@-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d+(?:[ .-]\d+)*(?![\w@])/g;
const ISO_DATE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/;
const ORDER = [
  /\border(?:\s+(?:number|no\.?|num|id))?(?:\s+is)?\s*[:#]?\s*#?\s*([A-Za-z0-9][A-Za-z0-9-]{3,31})/gi,
  /\bbestell(?:nummer|ung)(?:\s+ist)?\s*[:#]?\s*#?\s*([A-Za-z0-9][A-Za-z0-9-]{3,31})/gi,
  /订单(?:编号|号码|号)?\s*(?:是|为)?\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9-]{3,31})/g,
];
const CAPITALISED = "\\p{Lu}[\\p{L}'’-]*";
const NAME_INTROS = [
  new RegExp(
    `\\b(?:[Mm]y\\s+[Nn]ame\\s+is|I['’]m|I\\s+am|[Tt]his\\s+is)\\s+(${CAPITALISED}(?:\\s+${CAPITALISED}){0,2})`,
    "gu",
  ),
  /(?:我叫|我的名字是|我的名字叫)\s*(\p{Script=Han}{2,4})/gu,
];

/** Rows tried in order: the first with a word in the customer's text decides (lower case, substring). */
export const CATEGORY_WORDS: readonly [CaseCategory, readonly string[]][] = [
  ["complaint", ["complain", "complaint", "unacceptable", "投诉"]],
  [
    "afterSales",
    ["refund", "return", "repair", "broken", "damaged", "exchange", "退款", "退货", "维修", "坏了", "换货"],
  ],
  ["billing", ["invoice", "bill", "charge", "payment", "paid twice", "发票", "付款", "扣款"]],
];
export const PRIORITY_WORDS: readonly [CasePriority, readonly string[]][] = [
  ["urgent", ["urgent", "emergency", "asap", "immediately", "紧急", "马上"]],
  ["high", ["as soon as possible", "quickly", "today", "尽快"]],
];

/** The last match of capture group 1 (or the whole match) of `patterns` in `text`. */
function lastMatch(text: string, patterns: readonly RegExp[], accept: (s: string) => boolean = () => true) {
  let found: { value: string; at: number } | null = null;
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const value = (m[1] ?? m[0]).trim();
      if (accept(value) && (found === null || m.index >= found.at)) found = { value, at: m.index };
    }
  }
  return found?.value ?? null;
}

const digitCount = (s: string) => s.replace(/\D/g, "").length;

/** The last e-mail address in `text`. */
export function extractEmail(text: string): string | null {
  return lastMatch(text, [EMAIL]);
}

/** The last order number in `text`. */
export function extractOrderNumber(text: string): string | null {
  return lastMatch(text, ORDER, (token) => /\d/.test(token));
}

/** The last phone number in `text` (order numbers and e-mail addresses are not phones). */
export function extractPhone(text: string): string | null {
  let rest = text.replace(EMAIL, " ");
  for (const pattern of ORDER) rest = rest.replace(pattern, " ");
  return lastMatch(rest, [PHONE], (p) => {
    const digits = digitCount(p);
    return digits >= 7 && digits <= 15 && !ISO_DATE.test(p);
  });
}

/** The name someone introduced themselves with in `text` (the last introduction). */
export function extractName(text: string): string | null {
  return lastMatch(text, NAME_INTROS);
}

function firstRow<T>(text: string, rows: readonly [T, readonly string[]][]): T | null {
  const lower = text.toLowerCase();
  return rows.find(([, words]) => words.some((w) => lower.includes(w)))?.[0] ?? null;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The case form's fields pre-filled from the dialog (see the module comment). */
export function prefillCase(
  lines: readonly DialogLine[],
  knownCustomerName: string | null = null,
): CasePrefill {
  const customer = lines.filter((l) => l.sender === "customer").map((l) => l.text);
  const agent = lines.filter((l) => l.sender === "agent").map((l) => l.text);
  const fromCustomer = (extract: (t: string) => string | null) =>
    latest(customer, extract) ?? latest(agent, extract);
  const all = customer.join("\n");
  const titleLine = customer.find((t) => t.trim().length >= TITLE_MIN_CHARS) ?? customer[0] ?? "";
  return {
    title: clip(titleLine.trim().split("\n")[0]!.trim(), TITLE_MAX_CHARS),
    category: firstRow(all, CATEGORY_WORDS) ?? "inquiry",
    priority: firstRow(all, PRIORITY_WORDS) ?? "normal",
    customerName: latest(customer, extractName) ?? knownCustomerName ?? "",
    phone: fromCustomer(extractPhone) ?? "",
    email: fromCustomer(extractEmail) ?? "",
    orderNumber: fromCustomer(extractOrderNumber) ?? "",
    description: clip(customer.map((t) => t.trim()).join("\n"), DESCRIPTION_MAX_CHARS),
  };
}

/** The value in the latest of `texts` that has one. */
function latest(texts: readonly string[], extract: (t: string) => string | null): string | null {
  for (let i = texts.length - 1; i >= 0; i--) {
    const value = extract(texts[i]!);
    if (value !== null) return value;
  }
  return null;
}

/**
 * Whether the case form is pre-filled for an agent: their Smart Form Filling is on, which needs
 * their Intelligent Recognition and the tenant's "Intelligent TT Filling" switch (the console
 * enforces both when saving; checked again here, since the tenant switch can be turned off later).
 * `agent` is null for an employee who is not an agent.
 */
export function smartFormFillingOn(
  tenantSwitch: boolean,
  agent: { intelligentRecognition: boolean; smartFormFilling: boolean } | null,
): boolean {
  return tenantSwitch && !!agent?.intelligentRecognition && !!agent?.smartFormFilling;
}
