/**
 * Choosing, uploading and sending a file from the widget: a file input limited to the channel's
 * types, a size check before anything is sent (the server checks both again, from the bytes),
 * the upload with the conversation's attachment token, then `message.send` with the file. What
 * goes wrong is reported in the widget's language, or with the server's own words.
 */

import { sizeText } from "../../../../../worker/rules/file-size";
import type { AttachmentMeta } from "../../../../../worker/schemas/attachment-meta";
import type { CustomerChat } from "../../../realtime/customer-chat";
import type { Texts } from "../../i18n";

const TEXTS = {
  en: {
    tooLarge: (max: string) => `The file is larger than ${max}.`,
    uploading: (name: string) => `Uploading ${name}…`,
    failed: "The file could not be sent. Check your connection and try again.",
  },
  zh: {
    tooLarge: (max: string) => `文件不能超过 ${max}。`,
    uploading: (name: string) => `正在上传 ${name}…`,
    failed: "文件发送失败，请检查网络后重试。",
  },
};

/** Uploads one file and sends it; `status` shows progress and errors ("" clears). */
export async function uploadFile(
  file: File,
  t: Texts,
  apiOrigin: string,
  chat: CustomerChat,
  status: (text: string) => void,
  fetchFn: typeof fetch = fetch,
): Promise<AttachmentMeta | null> {
  const texts = TEXTS[t.lang];
  const offer = chat.attachments;
  if (!offer) return null;
  if (file.size > offer.maxBytes) {
    status(texts.tooLarge(sizeText(offer.maxBytes)));
    return null;
  }
  status(texts.uploading(file.name));
  try {
    const res = await fetchFn(`${apiOrigin}/api/v1/chat/attachments?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${offer.token}`, "content-type": "application/octet-stream" },
      body: file,
    });
    const body = (await res.json().catch(() => null)) as (AttachmentMeta & { detail?: string }) | null;
    if (res.status !== 201 || !body?.id) {
      status(body?.detail ?? texts.failed);
      return null;
    }
    status("");
    chat.send("", body);
    return body;
  } catch {
    status(texts.failed);
    return null;
  }
}

/** Opens the browser's file chooser for the channel's types and uploads what is chosen. */
export function pickFile(
  t: Texts,
  apiOrigin: string,
  chat: CustomerChat,
  status: (text: string) => void,
): void {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = (chat.attachments?.allowedTypes ?? []).join(",");
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) void uploadFile(file, t, apiOrigin, chat, status);
  });
  input.click();
}
