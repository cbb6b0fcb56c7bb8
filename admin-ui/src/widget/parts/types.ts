/**
 * What each optional part of the widget exports (see `../parts.ts`). Types only: the core and the
 * parts import this file without bundling each other's code.
 */
import type { Texts } from "../i18n";
import type { fileView } from "./attachments/file-view";
import type { pickFile } from "./attachments/pick";
import type { callPanel } from "./call/panel";
import type { evaluationForm } from "./evaluation/form";
import type { leaveForm } from "./leave/form";
import type { preChatForm } from "./pre-chat/form";

export type PartExports = {
  evaluation: { evaluationForm: typeof evaluationForm };
  leave: { leaveForm: typeof leaveForm };
  "pre-chat": { preChatForm: typeof preChatForm };
  /** The Chinese texts (widget.js carries English only). */
  zh: { texts: Texts };
  call: { callPanel: typeof callPanel };
  attachments: { fileView: typeof fileView; pickFile: typeof pickFile };
};
export type PartName = keyof PartExports;
