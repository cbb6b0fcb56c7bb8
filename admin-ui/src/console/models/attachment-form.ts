/** The channel editor's attachments section as pure functions: sizes in megabytes, type labels. */
import { type ATTACHMENT_TYPES, DOCX, XLSX } from "../../../../worker/rules/attachment-type";

const MB = 1024 * 1024;

/** Bytes shown as megabytes, at most three decimals (1 KB shows as 0.001). */
export function megabytes(bytes: number): string {
  return Number.isFinite(bytes) ? String(Number((bytes / MB).toFixed(3))) : "";
}

/** Megabytes as typed back to whole bytes; NaN for an empty or malformed entry (the schema names it). */
export function bytesOf(typed: string): number {
  const text = typed.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * MB);
}

export const ATTACHMENT_TYPE_LABELS: Record<(typeof ATTACHMENT_TYPES)[number], string> = {
  "image/png": "PNG images",
  "image/jpeg": "JPEG images",
  "image/gif": "GIF images",
  "image/webp": "WebP images",
  "application/pdf": "PDF documents",
  "text/plain": "Plain text",
  [DOCX]: "Word documents (.docx)",
  [XLSX]: "Excel workbooks (.xlsx)",
  "application/zip": "ZIP archives",
};
