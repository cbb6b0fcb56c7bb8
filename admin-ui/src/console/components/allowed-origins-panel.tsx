/**
 * Where a channel's widget may run, on its Integration tab: the Allowed Origins (edited right here,
 * next to the snippet), what happens on other pages, and the origins refused lately, each with a
 * one-click "Allow this origin".
 */
import { useState } from "preact/hooks";
import type * as v from "valibot";
import {
  type Channel,
  ChannelPatchSchema,
  type IntegrationSchema,
} from "../../../../worker/schemas/channels";
import { api, errorMessage } from "../../shared/api";
import { ChipsField, Form, FormErrors } from "../../shared/form/fields";
import { useEditor } from "../../shared/form/use-editor";
import { schemaCheck } from "../../shared/form/validate";
import { dateTime } from "../../shared/i18n";
import { toast } from "../../shared/toast";

type Integration = v.InferOutput<typeof IntegrationSchema>;
type Draft = { allowedOrigins: string[] };

export function AllowedOriginsPanel({ data, refresh }: { data: Integration; refresh: () => void }) {
  const [allowing, setAllowing] = useState<string | null>(null);
  const save = (allowedOrigins: string[]) =>
    api.patch<Channel>(`/channels/${data.channelId}`, { allowedOrigins });
  const editor = useEditor<Draft, Channel>(
    {
      load: async () => ({ allowedOrigins: data.allowedOrigins }),
      check: schemaCheck(ChannelPatchSchema),
      save: (draft) => save(draft.allowedOrigins),
      onSaved: () => {
        toast("Allowed origins saved");
        refresh();
      },
    },
    `${data.channelId}:${data.allowedOrigins.join(" ")}`,
  );
  const allow = async (origin: string) => {
    setAllowing(origin);
    try {
      await save([...data.allowedOrigins, origin]);
      toast(`${origin} may now open chats`);
      refresh();
    } catch (err) {
      toast(`Could not allow ${origin}: ${errorMessage(err)}`, "error");
    } finally {
      setAllowing(null);
    }
  };
  return (
    <div class="section">
      <h2>Where the widget works</h2>
      <p class="section-note">
        The widget opens a chat only on pages whose origin is listed here. This console's own origin (
        <span class="mono">{data.ownOrigin}</span>) and the Try page always work. On any other page the
        customer sees "Chat is unavailable on this page", and the browser console tells your developers which
        origin to add here.
      </p>
      {editor.draft ? (
        <Form
          formId="origins"
          draft={editor.draft}
          set={editor.set}
          errors={editor.errors}
          disabled={editor.saving}
          onSubmit={() => void editor.submit()}
        >
          <ChipsField
            path="allowedOrigins"
            label="Allowed Origins"
            placeholder="https://shop.example"
            hint="scheme://host[:port] without a path, such as https://shop.example or http://localhost:3000."
          />
          <FormErrors extra={editor.formError} />
          <button type="submit" class="btn btn-primary" disabled={!editor.dirty || editor.saving}>
            {editor.saving ? "Saving…" : "Save allowed origins"}
          </button>
        </Form>
      ) : null}
      <h3 style={{ marginTop: "16px" }}>Refused recently</h3>
      {data.refusedOrigins.length === 0 ? (
        <p class="muted">No page was refused in the last 7 days.</p>
      ) : (
        <table class="table" aria-label="Origins refused in the last 7 days">
          <thead>
            <tr>
              <th>Origin</th>
              <th>Last seen</th>
              <th>Times</th>
              <th>
                <span class="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.refusedOrigins.map((r) => (
              <tr key={r.origin}>
                <td class="mono">{r.origin}</td>
                <td>{dateTime(r.lastSeenAt)}</td>
                <td>{r.count}</td>
                <td>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={allowing !== null}
                    aria-label={`Allow ${r.origin}`}
                    onClick={() => void allow(r.origin)}
                  >
                    {allowing === r.origin ? "Allowing…" : "Allow this origin"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
