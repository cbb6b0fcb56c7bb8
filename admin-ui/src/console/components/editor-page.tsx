/**
 * The frame of every create/edit page: header, loading and error states, the bound form, and the
 * sticky Save / Delete / Cancel bar.
 */
import type { ComponentChildren } from "preact";
import { ErrorState, Spinner } from "../../shared/components/feedback";
import { Form, FormErrors } from "../../shared/form/fields";
import type { Editor } from "../../shared/form/use-editor";
import { PageHeader } from "./page-header";

/** The form's submit button, busy while saving. */
export function SaveButton({ saving, label = "Save" }: { saving: boolean; label?: string }) {
  return (
    <button type="submit" class="btn btn-primary" disabled={saving}>
      {saving ? "Saving…" : label}
    </button>
  );
}

export function EditorPage<D>({
  formId,
  title,
  subtitle,
  back,
  editor,
  onDelete,
  headerActions,
  saveLabel = "Save",
  children,
}: {
  formId: string;
  title: string;
  subtitle?: ComponentChildren;
  back: { href: string; label: string };
  editor: Editor<D>;
  onDelete?: () => void;
  headerActions?: ComponentChildren;
  saveLabel?: string;
  children: (draft: D) => ComponentChildren;
}) {
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} back={back} actions={headerActions} />
      {editor.loading ? <Spinner /> : null}
      {editor.loadError ? <ErrorState message={editor.loadError} onRetry={editor.reload} /> : null}
      {!editor.loading && !editor.loadError && editor.draft !== null ? (
        <Form
          formId={formId}
          draft={editor.draft}
          set={editor.set}
          errors={editor.errors}
          onSubmit={editor.submit}
        >
          {children(editor.draft)}
          <FormErrors extra={editor.formError} />
          <div class="form-actions">
            <SaveButton saving={editor.saving} label={saveLabel} />
            <a class="btn" href={back.href}>
              Cancel
            </a>
            {editor.dirty ? <span class="dirty-note">Unsaved changes</span> : null}
            <span class="spacer" />
            {onDelete ? (
              <button type="button" class="btn btn-danger" onClick={onDelete}>
                Delete
              </button>
            ) : null}
          </div>
        </Form>
      ) : null}
    </>
  );
}
