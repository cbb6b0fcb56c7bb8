/**
 * A file size as people read it: "900 B", "12 KB", "2.5 MB" (binary units, one decimal for
 * megabytes, trailing ".0" dropped). Used in refusals ("larger than 10 MB") and beside file links.
 */
const KB = 1024;
const MB = 1024 * 1024;

export function sizeText(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Math.round(bytes / KB)} KB`;
  return `${bytes} B`;
}
