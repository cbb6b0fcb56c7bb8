/**
 * A message's file in the workbench and the console's history: an image as a preview (its real
 * size reserved, at most 240×200 px), anything else as a download link with its size. The URL is
 * the staff download route, which the session cookie admits (`worker/api/attachments.ts`).
 */
import { sizeText } from "../../../../worker/rules/file-size";
import type { AttachmentMeta } from "../../../../worker/schemas/attachment-meta";

export function AttachmentView({ file, url }: { file: AttachmentMeta; url: string }) {
  return file.kind === "image" ? (
    <a class="attachment preview" href={url} target="_blank" rel="noopener noreferrer">
      <img
        src={url}
        alt={file.name}
        width={file.width}
        height={file.height}
        loading="lazy"
        style={{ display: "block", maxWidth: "240px", maxHeight: "200px", width: "auto", height: "auto" }}
      />
    </a>
  ) : (
    <a class="attachment" href={url} download={file.name} target="_blank" rel="noopener noreferrer">
      {file.name} <span class="muted">({sizeText(file.size)})</span>
    </a>
  );
}
