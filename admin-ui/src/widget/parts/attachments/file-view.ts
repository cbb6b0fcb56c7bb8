/**
 * A message's file in the widget: an image as a preview (scaled down, its real size reserved so
 * the list does not jump), anything else as a download link with its size. Both point at the
 * customer's download URL, which carries the conversation's attachment token (`?token=`) because
 * an `<img>` cannot send a header. The name goes in as text, never as markup.
 */

import { sizeText } from "../../../../../worker/rules/file-size";
import type { AttachmentMeta } from "../../../../../worker/schemas/attachment-meta";
import type { CustomerChat } from "../../../realtime/customer-chat";
import { h } from "../../view/dom";

/** The customer's URL for a file of their conversation. */
export function fileUrl(apiOrigin: string, chat: CustomerChat, id: string): string {
  const token = encodeURIComponent(chat.attachments?.token ?? "");
  return `${apiOrigin}/api/v1/chat/attachments/${encodeURIComponent(id)}?token=${token}`;
}

export function fileView(m: AttachmentMeta, apiOrigin: string, chat: CustomerChat): HTMLElement {
  const url = fileUrl(apiOrigin, chat, m.id);
  const link = { href: url, target: "_blank", rel: "noopener noreferrer" };
  if (m.kind === "image") {
    const img = h("img", {
      src: url,
      alt: m.name,
      width: m.width,
      height: m.height,
      loading: "lazy",
      referrerpolicy: "no-referrer",
    });
    // through the CSSOM: host pages' CSP may refuse style attributes
    img.style.cssText =
      "display:block;max-width:100%;max-height:12em;width:auto;height:auto;border-radius:6px";
    return h("a", link, img);
  }
  return h("a", { ...link, download: m.name }, `${m.name} (${sizeText(m.size)})`);
}
