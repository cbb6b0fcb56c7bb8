/**
 * Privacy requests: find one customer by one identifier, see what is stored about them, download
 * it all as JSON (right of access) or erase it everywhere (right to erasure) after a confirmation
 * that says what goes. Every call is a POST, so the identifier stays out of URLs.
 */
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import type { IdentifierKind, PrivacyAnswer, PrivacyCounts } from "../../../../worker/schemas/privacy";
import { api, errorMessage, HttpError } from "../../shared/api";
import { confirm } from "../../shared/confirm";
import { FieldShell } from "../../shared/form/fields";
import { plural } from "../../shared/i18n";
import { toast } from "../../shared/toast";
import { PageHeader } from "../components/page-header";

const KINDS: { value: IdentifierKind; label: string; hint: string }[] = [
  { value: "email", label: "Email", hint: "As given in a pre-chat form, with a left message or on a case." },
  {
    value: "sub",
    label: "Identity sub",
    hint: "The sub claim of your identity tokens (your own customer id).",
  },
  { value: "visitorId", label: "Visitor ID", hint: "An anonymous widget visitor's id (16–64 characters)." },
  { value: "customerId", label: "Customer ID", hint: "The customer id shown in the conversation history." },
];

/** The counts in words, most important first; kinds with nothing are left out. */
const LINES: [keyof PrivacyCounts, string, string][] = [
  ["conversations", "conversation", "Conversations"],
  ["messages", "message", "Messages"],
  ["notes", "internal note", "Internal notes"],
  ["attachments", "file", "Files"],
  ["tags", "tag", "Tags on conversations"],
  ["calls", "call", "Calls"],
  ["leftMessages", "left message", "Left messages"],
  ["cases", "case", "Cases"],
  ["liveConversations", "conversation in a queue", "Held by skill queues now"],
  ["chatTickets", "unused chat ticket", "Unused chat tickets"],
];

function inWords(counts: PrivacyCounts): string[] {
  return LINES.filter(([key]) => counts[key] > 0).map(([key, word]) => plural(counts[key], word));
}

type Request = { kind: IdentifierKind; value: string };
type Errors = { kind?: string[]; value?: string[]; form?: string };

export function PrivacyPage() {
  const [kind, setKind] = useState<IdentifierKind>("email");
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<{ request: Request; answer: PrivacyAnswer } | null>(null);
  const [erased, setErased] = useState<PrivacyAnswer | null>(null);

  const run = async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setErrors({});
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpError && error.status === 422)
        setErrors({ kind: error.errors.kind, value: error.errors.value, form: error.message });
      else setErrors({ form: errorMessage(error) });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const lookUp = async (e: Event) => {
    e.preventDefault();
    const request = { kind, value };
    const answer = await run(() => api.post<PrivacyAnswer>("/privacy/lookup", request));
    if (answer) {
      setFound({ request, answer });
      setErased(null);
    }
  };

  const download = async () => {
    if (!found) return;
    const file = await run(() => api.postForFile("/privacy/export", found.request));
    if (!file) return;
    const url = URL.createObjectURL(file);
    const link = document.createElement("a");
    link.href = url;
    link.download = `customer-data-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const erase = async () => {
    if (!found) return;
    const what = inWords(found.answer.counts);
    const ok = await confirm({
      title: "Erase this customer's data?",
      message: `This permanently deletes ${what.length ? what.join(", ") : "anything found"} for ${kindLabel(found.request.kind)} "${found.request.value}", in every skill queue, the history and file storage. Live chats of this customer end at once. This cannot be undone; the audit log records the request without the identifier.`,
      confirmLabel: "Erase",
      danger: true,
    });
    if (!ok) return;
    const answer = await run(() => api.post<PrivacyAnswer>("/privacy/erase", found.request));
    if (!answer) return;
    setErased(answer);
    setFound(null);
    toast(`Erased ${inWords(answer.counts).join(", ") || "nothing (no data was left)"}`);
  };

  const current = KINDS.find((k) => k.value === kind) ?? KINDS[0];
  return (
    <>
      <PageHeader
        title="Privacy requests"
        subtitle="Export or erase everything stored about one customer (data-protection access and erasure requests)."
      />
      <form class="section" onSubmit={lookUp} noValidate>
        <h2>Find the customer</h2>
        <div class="grid-2">
          <FieldShell id="privacy-kind" label="Identifier" errors={errors.kind} hint={current?.hint}>
            <select
              id="privacy-kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as IdentifierKind)}
            >
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id="privacy-value" label="Value" required errors={errors.value}>
            <input
              id="privacy-value"
              type="text"
              value={value}
              autocomplete="off"
              onInput={(e) => setValue(e.currentTarget.value)}
            />
          </FieldShell>
        </div>
        {errors.form ? (
          <div class="alert alert-error" role="alert">
            {errors.form}
          </div>
        ) : null}
        <button class="btn btn-primary" type="submit" disabled={busy}>
          Look up
        </button>
      </form>
      {found ? <Found found={found} busy={busy} onDownload={download} onErase={erase} /> : null}
      {erased ? (
        <div class="section" aria-live="polite">
          <h2>Erased</h2>
          <p>{inWords(erased.counts).join(", ") || "Nothing was left to erase."}</p>
        </div>
      ) : null}
    </>
  );
}

const kindLabel = (kind: IdentifierKind) => KINDS.find((k) => k.value === kind)?.label.toLowerCase() ?? kind;

function Found({
  found,
  busy,
  onDownload,
  onErase,
}: {
  found: { request: Request; answer: PrivacyAnswer };
  busy: boolean;
  onDownload: () => void;
  onErase: () => void;
}) {
  const { counts, customerIds } = found.answer;
  const nothing = Object.values(counts).every((n) => n === 0);
  return (
    <div class="section" aria-live="polite">
      <h2>Stored about this customer</h2>
      {nothing ? (
        <p class="muted">Nothing is stored about this customer.</p>
      ) : (
        <dl class="kv">
          {LINES.map(([key, , heading]) => (
            <Fragment key={key}>
              <dt>{heading}</dt>
              <dd>{counts[key]}</dd>
            </Fragment>
          ))}
          <dt>Customer IDs</dt>
          <dd class="mono">{customerIds.length ? customerIds.join(", ") : "—"}</dd>
        </dl>
      )}
      <div class="actions-row">
        <button class="btn" type="button" onClick={onDownload} disabled={busy}>
          Download export (JSON)
        </button>
        <button class="btn btn-danger" type="button" onClick={onErase} disabled={busy}>
          Erase…
        </button>
      </div>
    </div>
  );
}
