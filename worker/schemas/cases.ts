/**
 * Cases (trouble tickets) an agent creates from a chat on the workbench (spec Table 3, Smart Form
 * Filling: "when the agent creates a case on the workbench … fills the information in the
 * corresponding case form"), listed and edited in the console.
 */
import * as v from "valibot";
import { idSchema, limitSchema, optionalText, timeCursorSchema } from "./common";

export const CASE_CATEGORIES = ["inquiry", "complaint", "afterSales", "billing", "other"] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export const CASE_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export const CASE_STATUSES = ["open", "inProgress", "resolved", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const text = optionalText;

/** Digits with spaces, dots, dashes, brackets and a leading +; 5–15 digits. Empty: none. */
const PhoneSchema = v.optional(
  v.pipe(
    v.string("phone must be text"),
    v.trim(),
    v.maxLength(32, "phone must be at most 32 characters"),
    v.check(
      (p) => p === "" || (/^\+?[\d\s().-]+$/.test(p) && /^\d{5,15}$/.test(p.replace(/\D/g, ""))),
      "phone must be 5–15 digits, optionally with +, spaces, dots, dashes and brackets, such as +86 138 0013 8000",
    ),
  ),
  "",
);

const EmailSchema = v.optional(
  v.pipe(
    v.string("email must be text"),
    v.trim(),
    v.maxLength(254, "email must be at most 254 characters"),
    v.check(
      (e) => e === "" || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u.test(e),
      "email must be an address such as ada@example.com",
    ),
  ),
  "",
);

/** The editable fields of a case (the form). */
export const CaseFieldsSchema = v.strictObject({
  title: v.pipe(
    v.string("title must be text"),
    v.trim(),
    v.minLength(1, "title is required"),
    v.maxLength(200, "title must be at most 200 characters"),
  ),
  category: v.optional(
    v.picklist(CASE_CATEGORIES, "category must be inquiry, complaint, afterSales, billing or other"),
    "inquiry",
  ),
  priority: v.optional(v.picklist(CASE_PRIORITIES, "priority must be low, normal, high or urgent"), "normal"),
  status: v.optional(
    v.picklist(CASE_STATUSES, "status must be open, inProgress, resolved or closed"),
    "open",
  ),
  customerName: text("customerName", 100),
  phone: PhoneSchema,
  email: EmailSchema,
  orderNumber: text("orderNumber", 64),
  description: text("description", 4000),
});
export type CaseFields = v.InferOutput<typeof CaseFieldsSchema>;

/** `POST /cases`: the form plus the chat it comes from. */
export const CaseInputSchema = v.strictObject({
  ...CaseFieldsSchema.entries,
  conversationId: idSchema,
  /** The skill queue the chat is live in (the workbench's queue); not needed for an archived chat. */
  skillQueueId: v.optional(idSchema),
});
export type CaseInput = v.InferOutput<typeof CaseInputSchema>;

export const CasePatchSchema = v.partial(CaseFieldsSchema);

export const CaseSchema = v.object({
  id: v.string(),
  conversationId: v.string(),
  skillQueueId: v.nullable(v.string()),
  channelId: v.string(),
  customerId: v.string(),
  /** The agent of the conversation when the case was created. */
  agentEmployeeId: v.nullable(v.string()),
  createdByEmployeeId: v.string(),
  createdByName: v.string(),
  title: v.string(),
  category: v.picklist(CASE_CATEGORIES),
  priority: v.picklist(CASE_PRIORITIES),
  status: v.picklist(CASE_STATUSES),
  customerName: v.string(),
  phone: v.string(),
  email: v.string(),
  orderNumber: v.string(),
  description: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
});
export type Case = v.InferOutput<typeof CaseSchema>;

/** `GET /cases`: filters and the page (newest first). */
export const CaseQuerySchema = v.object({
  conversationId: v.optional(idSchema),
  status: v.optional(v.picklist(CASE_STATUSES, "status must be open, inProgress, resolved or closed")),
  limit: limitSchema,
  cursor: timeCursorSchema,
});
