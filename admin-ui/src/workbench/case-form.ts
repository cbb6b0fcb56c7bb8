/**
 * The workbench's case form (Smart Form Filling, spec Table 3): a blank form, or, when the agent's
 * Smart Form Filling is on, the form pre-filled from the chat's dialog (`prefillCase`), which the
 * agent corrects before saving. Also the REST calls: whether the form is pre-filled for this agent
 * and creating the case. The draft is testable without components.
 */
import { type CasePrefill, type DialogLine, prefillCase } from "../../../worker/rules/case-extraction";
import type { Case } from "../../../worker/schemas/cases";
import { api } from "../shared/api";

export type CaseDraft = CasePrefill;

export const BLANK_CASE: CaseDraft = {
  title: "",
  category: "inquiry",
  priority: "normal",
  customerName: "",
  phone: "",
  email: "",
  orderNumber: "",
  description: "",
};

/** The form's first draft for a chat: pre-filled from its dialog when `smartFormFilling`, else blank. */
export function caseDraft(
  messages: readonly DialogLine[],
  customerName: string | null,
  smartFormFilling: boolean,
): CaseDraft {
  return smartFormFilling ? prefillCase(messages, customerName) : { ...BLANK_CASE };
}

/** Whether the signed-in agent's case form is pre-filled (`GET /agent/form-filling`). */
export async function formFilling(): Promise<boolean> {
  return (await api.get<{ smartFormFilling: boolean }>("/agent/form-filling")).smartFormFilling;
}

/** Creates the case of `conversationId`, live in `skillQueueId` (or archived by now). */
export function createCase(draft: CaseDraft, conversationId: string, skillQueueId: string): Promise<Case> {
  return api.post<Case>("/cases", { ...draft, conversationId, skillQueueId });
}
