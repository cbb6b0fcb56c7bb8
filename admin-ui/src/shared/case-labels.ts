/** How the workbench and the console name a case's category, priority and status. */
import type { CaseCategory, CasePriority, CaseStatus } from "../../../worker/schemas/cases";

export const CASE_CATEGORY_LABELS: Record<CaseCategory, string> = {
  inquiry: "Inquiry",
  complaint: "Complaint",
  afterSales: "After-sales",
  billing: "Billing",
  other: "Other",
};
export const CASE_PRIORITY_LABELS: Record<CasePriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: "Open",
  inProgress: "In progress",
  resolved: "Resolved",
  closed: "Closed",
};
