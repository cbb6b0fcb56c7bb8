/** The context that binds form fields to a draft, its setter and its errors by dotted path. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { FieldErrors } from "./validate";

export type FormBinding = {
  /** Prefix of the element ids, unique in the page. */
  formId: string;
  draft: unknown;
  set: (path: string, value: unknown) => void;
  errors: FieldErrors;
  /** Paths of the fields rendered, so errors without a field can be listed elsewhere. */
  shown: Set<string>;
  disabled?: boolean;
};

export const FormContext = createContext<FormBinding | null>(null);

/** The binding of the enclosing `<Form>`; throws outside one. */
export function useForm(): FormBinding {
  const binding = useContext(FormContext);
  if (!binding) throw new Error("A form field must be inside <Form>");
  return binding;
}

/** The element id of the field at `path`. */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
