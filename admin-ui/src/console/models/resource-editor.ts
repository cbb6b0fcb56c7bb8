/**
 * The editor of one object of a collection (`/robots/:id`, `new` for a new one): load or start
 * blank, POST or PATCH the draft, toast and go back to the list, and delete with confirmation.
 */
import { useLocation, useRoute } from "preact-iso";
import { api } from "../../shared/api";
import { type Editor, type EditorOptions, useEditor } from "../../shared/form/use-editor";
import type { FieldErrors } from "../../shared/form/validate";
import { toast } from "../../shared/toast";
import { confirmDelete } from "../components/delete";

/** The `:id` of the route; `isNew` for `new`. */
export function useResourceId(): { id: string; isNew: boolean } {
  const { params } = useRoute();
  const id = params.id ?? "new";
  return { id, isNew: id === "new" };
}

export type ResourceEditorOptions<D, R> = {
  /** The collection's API path, also the list page's route. */
  path: string;
  /** From `useResourceId()`. */
  id: string;
  /** What one object is called in the delete confirmation ("robot"). */
  noun: string;
  /** The draft of a new object. */
  blank: () => D;
  /** The draft of a stored object. */
  toDraft: (stored: R) => D;
  /** The request body of a draft; the draft itself by default. */
  toBody?: (draft: D) => unknown;
  check: (draft: D) => FieldErrors | null;
  normalize?: EditorOptions<D, R>["normalize"];
  /** The toast after a save. */
  savedMessage: (saved: R) => string;
  /** After the toast; back to the list by default. */
  afterSave?: (saved: R) => void;
};

export type ResourceEditor<D> = {
  editor: Editor<D>;
  /** The editor page's Delete action for the object called `name`; none for a new object. */
  deleteAction: (name: string) => (() => Promise<void>) | undefined;
};

export function useResourceEditor<D, R>(options: ResourceEditorOptions<D, R>): ResourceEditor<D> {
  const { route } = useLocation();
  const { path, id } = options;
  const isNew = id === "new";
  const body = (draft: D) => (options.toBody ? options.toBody(draft) : draft);
  const editor = useEditor<D, R>(
    {
      load: async () => (isNew ? options.blank() : options.toDraft(await api.get<R>(`${path}/${id}`))),
      check: options.check,
      save: (draft) => (isNew ? api.post<R>(path, body(draft)) : api.patch<R>(`${path}/${id}`, body(draft))),
      onSaved: (saved) => {
        toast(options.savedMessage(saved));
        if (options.afterSave) options.afterSave(saved);
        else route(path);
      },
      normalize: options.normalize,
    },
    id,
  );
  return {
    editor,
    deleteAction: (name) =>
      isNew
        ? undefined
        : async () => {
            if (await confirmDelete(options.noun, name, `${path}/${id}`)) route(path);
          },
  };
}
