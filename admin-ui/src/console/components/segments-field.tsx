/** Agent work time segments of one day kind: up to four "HH:MM"–"HH:MM" rows, "New" adds one. */
import { MAX_SEGMENTS, type WorkSegment } from "../../../../worker/rules/work-time-segments";
import { FieldErrorList, TextField } from "../../shared/form/fields";
import { fieldId, useForm } from "../../shared/form/form-context";
import { getIn } from "../../shared/form/path";
import { canAddSegment, nextSegment } from "../models/channel-form";

export function SegmentsField({ path, label }: { path: string; label: string }) {
  const form = useForm();
  form.shown.add(path);
  const segments = (getIn(form.draft, path) as WorkSegment[] | undefined) ?? [];
  const errors = form.errors[path];
  const id = fieldId(form.formId, path);
  return (
    <fieldset class="field subsection" aria-labelledby={`${id}-legend`}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h3 id={`${id}-legend`}>{label}</h3>
        <button
          type="button"
          class="btn btn-small"
          disabled={!canAddSegment(segments)}
          onClick={() => form.set(path, [...segments, nextSegment(segments)])}
        >
          New
        </button>
      </div>
      {segments.length === 0 ? <p class="muted">No segments: closed all day.</p> : null}
      {segments.map((_, index) => (
        <div class="segment-row" key={index}>
          <TextField
            path={`${path}.${index}.start`}
            label={`${label} ${index + 1} start`}
            placeholder="HH:MM"
            maxLength={5}
          />
          <TextField
            path={`${path}.${index}.end`}
            label={`${label} ${index + 1} end`}
            placeholder="HH:MM"
            maxLength={5}
          />
          <button
            type="button"
            class="btn btn-danger"
            onClick={() =>
              form.set(
                path,
                segments.filter((__, i) => i !== index),
              )
            }
          >
            Remove
          </button>
        </div>
      ))}
      <div class="field-hint">
        At most {MAX_SEGMENTS} segments between 00:00 and 24:00; a segment includes its start and excludes its
        end.
      </div>
      <FieldErrorList errors={errors} />
    </fieldset>
  );
}
