/**
 * The state of an edit form: the draft, client-side validation with the server's schema (live
 * after the first attempt), the save call and the server's field errors.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { errorMessage, HttpError } from "../api";
import { setIn } from "./path";
import type { FieldErrors } from "./validate";

export type EditorOptions<D, R> = {
  /** The initial draft (the stored object, or the defaults of a new one). */
  load: () => Promise<D>;
  /** Client-side errors of a draft, or null when it may be sent. */
  check: (draft: D) => FieldErrors | null;
  /** Sends the draft; resolves to the saved object. */
  save: (draft: D) => Promise<R>;
  /** After a successful save. */
  onSaved?: (saved: R) => void;
  /** Adjusts dependent fields after `path` changed (e.g. a new type drops fields it does not take). */
  normalize?: (next: D, previous: D, path: string) => D;
};

export type Editor<D> = {
  draft: D | null;
  loading: boolean;
  loadError: string | null;
  errors: FieldErrors;
  /** A message that belongs to no field (409 conflict, 403, network). */
  formError: string | null;
  saving: boolean;
  dirty: boolean;
  set: (path: string, value: unknown) => void;
  replace: (draft: D) => void;
  submit: () => Promise<void>;
  reload: () => void;
};

/** The editor of one object; `key` reloads it when it changes (another id). */
export function useEditor<D, R>(options: EditorOptions<D, R>, key: string): Editor<D> {
  const opts = useRef(options);
  opts.current = options;
  const [draft, setDraft] = useState<D | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const attempted = useRef(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setLoadError(null);
    setErrors({});
    setFormError(null);
    setDirty(false);
    attempted.current = false;
    opts.current
      .load()
      .then((loaded) => live && setDraft(loaded))
      .catch((error: unknown) => live && setLoadError(errorMessage(error)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, generation]);

  const apply = useCallback((next: D) => {
    setDraft(next);
    setDirty(true);
    if (attempted.current) setErrors(opts.current.check(next) ?? {});
  }, []);

  const set = useCallback((path: string, value: unknown) => {
    setDraft((current) => {
      if (current === null) return current;
      const previous: D = current;
      let next: D = setIn(previous, path, value);
      if (opts.current.normalize) next = opts.current.normalize(next, previous, path);
      if (attempted.current) setErrors(opts.current.check(next) ?? {});
      return next;
    });
    setDirty(true);
  }, []);

  const submit = useCallback(async () => {
    if (draft === null || saving) return;
    attempted.current = true;
    setFormError(null);
    const problems = opts.current.check(draft);
    if (problems) {
      setErrors(problems);
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await opts.current.save(draft);
      opts.current.onSaved?.(saved);
      // after onSaved: the saved state it puts back with `replace` is not an unsaved change
      setDirty(false);
      attempted.current = false;
    } catch (error) {
      if (error instanceof HttpError && Object.keys(error.errors).length) {
        setErrors(error.errors);
        focusFirstInvalid();
      } else {
        setFormError(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  }, [draft, saving]);

  return {
    draft,
    loading,
    loadError,
    errors,
    formError,
    saving,
    dirty,
    set,
    replace: apply,
    submit,
    reload: () => setGeneration((g) => g + 1),
  };
}

function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>(
      ".field-invalid input, .field-invalid select, .field-invalid textarea, .alert-error",
    );
    invalid?.focus?.();
    invalid?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  });
}
