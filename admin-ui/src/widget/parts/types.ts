/**
 * What each optional part of the widget exports (see `../parts.ts`). Types only: the core and the
 * parts import this file without bundling each other's code.
 */
import type { evaluationForm } from "./evaluation/form";
import type { preChatForm } from "./pre-chat/form";

export type PartExports = {
  evaluation: { evaluationForm: typeof evaluationForm };
  "pre-chat": { preChatForm: typeof preChatForm };
};
export type PartName = keyof PartExports;
