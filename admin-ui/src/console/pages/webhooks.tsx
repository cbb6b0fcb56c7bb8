/**
 * Webhooks: endpoints that receive signed event deliveries, each with its events, the signing
 * secret (shown once, at creation or rotation), a test send and the delivery log.
 */
import { signal } from "@preact/signals";
import { useLocation } from "preact-iso";
import {
  type Delivery,
  type Webhook,
  type WebhookInput,
  WebhookInputSchema,
  type WebhookWithSecret,
} from "../../../../worker/schemas/webhooks";
import { WEBHOOK_EVENT_TYPES } from "../../../../worker/webhooks/events";
import { api, errorMessage } from "../../shared/api";
import { EmptyState } from "../../shared/components/feedback";
import { confirm } from "../../shared/confirm";
import { CheckboxesField, SwitchField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { dateTime, humanize } from "../../shared/i18n";
import { toast } from "../../shared/toast";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { ResourceTable } from "../components/resource-table";
import { ShownOnce } from "../components/shown-once";
import { useFetched } from "../models/fetched";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import { useResourceList } from "../models/resource-list";

const PATH = "/webhooks";

/** The secret of the last creation or rotation, for the endpoint it belongs to; never stored. */
const revealed = signal<{ id: string; secret: string } | null>(null);

function Status({ hook }: { hook: Webhook }) {
  if (hook.enabled) return <span class="badge badge-green">Enabled</span>;
  return (
    <span class={`badge ${hook.disabledReason ? "badge-red" : "badge-amber"}`}>
      {hook.disabledReason ? "Disabled: failing" : "Paused"}
    </span>
  );
}

function LastAnswer({ hook }: { hook: Webhook }) {
  if (hook.lastAttemptAt === null) return <span class="muted">No delivery yet</span>;
  return (
    <span>
      <span class={`badge ${hook.lastStatusCode && hook.lastStatusCode < 300 ? "badge-green" : "badge-red"}`}>
        {hook.lastStatusCode ?? "No answer"}
      </span>{" "}
      <span class="muted">{dateTime(hook.lastAttemptAt)}</span>
    </span>
  );
}

export function WebhooksPage() {
  return (
    <ResourceListPage<Webhook>
      path={PATH}
      title="Webhooks"
      subtitle="HTTPS endpoints that receive conversation, message, evaluation and case events, signed with their own secret."
      noun={{ one: "webhook endpoint", many: "webhook endpoints" }}
      nameOf={(w) => w.url}
      columns={[
        { label: "URL", render: (w) => <span class="mono">{w.url}</span> },
        { label: "Description", render: (w) => w.description || <span class="muted">—</span> },
        { label: "Events", class: "num", render: (w) => w.events.length },
        { label: "Status", render: (w) => <Status hook={w} /> },
        { label: "Last answer", render: (w) => <LastAnswer hook={w} /> },
      ]}
    />
  );
}

const EVENT_OPTIONS = WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: e }));

export function WebhookEditor() {
  const { id, isNew } = useResourceId();
  const { route } = useLocation();
  const { editor, deleteAction } = useResourceEditor<WebhookInput, Webhook | WebhookWithSecret>({
    path: PATH,
    id,
    noun: "webhook endpoint",
    blank: () => ({ url: "https://", description: "", events: ["conversation.started"], enabled: true }),
    toDraft: (w) => ({ url: w.url, description: w.description, events: [...w.events], enabled: w.enabled }),
    check: schemaCheck(WebhookInputSchema),
    savedMessage: (saved) => `Saved webhook endpoint ${saved.url}`,
    afterSave: (saved) => {
      if ("secret" in saved) {
        revealed.value = { id: saved.id, secret: saved.secret };
        route(`${PATH}/${saved.id}`);
      } else route(PATH);
    },
  });
  const secret = revealed.value?.id === id ? revealed.value.secret : null;
  return (
    <>
      <EditorPage
        formId="webhook"
        title={isNew ? "New webhook endpoint" : "Webhook endpoint"}
        back={{ href: PATH, label: "Webhooks" }}
        editor={editor}
        onDelete={deleteAction(editor.draft?.url ?? id)}
        subtitle={isNew ? undefined : <DisabledNotice id={id} />}
        headerActions={isNew ? null : <EndpointActions id={id} />}
      >
        {() => (
          <div class="section">
            {secret ? (
              <ShownOnce
                title="Signing secret"
                secret={secret}
                note="Store it with the receiver: it verifies the X-EdgeCS-Signature header of every delivery."
              />
            ) : null}
            <TextField
              path="url"
              label="URL"
              required
              maxLength={2048}
              hint="https:// only; never a private or local address."
            />
            <TextField path="description" label="Description" maxLength={255} />
            <CheckboxesField path="events" label="Events" options={EVENT_OPTIONS} />
            <SwitchField
              path="enabled"
              label="Enabled"
              hint="Off pauses deliveries. Turning it back on re-enables an endpoint disabled for failing."
            />
          </div>
        )}
      </EditorPage>
      {isNew ? null : <DeliveryLog id={id} />}
    </>
  );
}

/** Why the endpoint was disabled automatically, and how to resume it. */
function DisabledNotice({ id }: { id: string }) {
  const { data } = useFetched<Webhook>(`${PATH}/${id}`);
  if (!data?.disabledReason || data.enabled) return null;
  return (
    <span class="alert alert-error" role="alert">
      {dateTime(data.disabledAt)}: {data.disabledReason}
    </span>
  );
}

function EndpointActions({ id }: { id: string }) {
  const sendTest = async () => {
    try {
      const d = await api.post<Delivery>(`${PATH}/${id}/test`);
      toast(
        d.outcome === "delivered"
          ? `Test event delivered (HTTP ${d.statusCode})`
          : `Test event failed: ${d.statusCode ? `HTTP ${d.statusCode}` : (d.error ?? "no answer")}`,
        d.outcome === "delivered" ? "success" : "error",
      );
    } catch (error) {
      toast(`Test send failed: ${errorMessage(error)}`, "error");
    }
  };
  const rotate = async () => {
    const ok = await confirm({
      title: "Replace the signing secret?",
      message: "Deliveries are signed with the new secret at once; update the receiver right away.",
      confirmLabel: "Replace",
    });
    if (!ok) return;
    try {
      const hook = await api.post<WebhookWithSecret>(`${PATH}/${id}/rotate-secret`);
      revealed.value = { id, secret: hook.secret };
      toast("New signing secret created");
    } catch (error) {
      toast(`Could not replace the secret: ${errorMessage(error)}`, "error");
    }
  };
  return (
    <>
      <button type="button" class="btn" onClick={() => void sendTest()}>
        Send test event
      </button>
      <button type="button" class="btn" onClick={() => void rotate()}>
        Replace secret
      </button>
    </>
  );
}

const OUTCOME_BADGE: Record<Delivery["outcome"], string> = {
  delivered: "badge-green",
  retrying: "badge-amber",
  gaveUp: "badge-red",
  failed: "badge-red",
};

function DeliveryLog({ id }: { id: string }) {
  const list = useResourceList<Delivery>(`${PATH}/${id}/deliveries`);
  return (
    <div class="section">
      <h2>
        Delivery log
        <button type="button" class="btn btn-small" onClick={() => void list.reload()}>
          Refresh
        </button>
      </h2>
      <p class="section-note">The last 100 attempts, newest first.</p>
      <ResourceTable
        list={list}
        empty={<EmptyState title="No deliveries yet">Send a test event to try the endpoint.</EmptyState>}
        columns={[
          { label: "When", render: (d) => <span style={{ whiteSpace: "nowrap" }}>{dateTime(d.at)}</span> },
          { label: "Event", render: (d) => <span class="mono">{d.eventType}</span> },
          { label: "Event ID", render: (d) => <span class="mono">{d.eventId}</span> },
          { label: "Attempt", class: "num", render: (d) => d.attempt },
          {
            label: "Outcome",
            render: (d) => <span class={`badge ${OUTCOME_BADGE[d.outcome]}`}>{humanize(d.outcome)}</span>,
          },
          { label: "HTTP", class: "num", render: (d) => d.statusCode ?? <span class="muted">—</span> },
          { label: "Time", class: "num", render: (d) => `${d.durationMs} ms` },
          {
            label: "Error / next attempt",
            render: (d) =>
              d.error ??
              (d.nextAttemptAt ? `Retry ${dateTime(d.nextAttemptAt)}` : <span class="muted">—</span>),
          },
        ]}
      />
    </div>
  );
}
