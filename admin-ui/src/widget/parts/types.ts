/**
 * What each optional part of the widget exports (see `../parts.ts`). Types only: the core and the
 * parts import this file without bundling each other's code.
 */
import type { callPanel } from "./call/panel";
import type { evaluationForm } from "./evaluation/form";

export type PartExports = {
  evaluation: { evaluationForm: typeof evaluationForm };
  call: { callPanel: typeof callPanel };
};
export type PartName = keyof PartExports;
