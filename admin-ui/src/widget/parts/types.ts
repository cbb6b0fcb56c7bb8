/**
 * What each optional part of the widget exports (see `../parts.ts`). Types only: the core and the
 * parts import this file without bundling each other's code.
 */
import type { fileView } from "./attachments/file-view";
import type { pickFile } from "./attachments/pick";
import type { evaluationForm } from "./evaluation/form";

export type PartExports = {
  evaluation: { evaluationForm: typeof evaluationForm };
  attachments: { fileView: typeof fileView; pickFile: typeof pickFile };
};
export type PartName = keyof PartExports;
