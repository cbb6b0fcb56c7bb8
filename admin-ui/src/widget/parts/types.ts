/**
 * What each optional part of the widget exports (see `../parts.ts`). Types only: the core and the
 * parts import this file without bundling each other's code.
 */
import type { evaluationForm } from "./evaluation/form";
import type { leaveForm } from "./leave/form";

export type PartExports = {
  evaluation: { evaluationForm: typeof evaluationForm };
  leave: { leaveForm: typeof leaveForm };
};
export type PartName = keyof PartExports;
