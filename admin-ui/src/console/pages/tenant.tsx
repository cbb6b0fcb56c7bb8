/** Tenant settings (switches of spec Tables 1–3), read-only quotas and the working calendar. */
import { useState } from "preact/hooks";
import {
  AUDIT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
} from "../../../../worker/rules/retention";
import { type Tenant, type TenantSettings, TenantSettingsSchema } from "../../../../worker/schemas/tenant";
import { api } from "../../shared/api";
import {
  ChoiceGroup,
  FieldShell,
  NumberField,
  SwitchField,
  TextField,
  useNestedErrors,
} from "../../shared/form/fields";
import { fieldId, useForm } from "../../shared/form/form-context";
import { getIn } from "../../shared/form/path";
import { useEditor } from "../../shared/form/use-editor";
import { schemaCheck } from "../../shared/form/validate";
import { toast } from "../../shared/toast";
import { EditorPage } from "../components/editor-page";
import { WEEKDAY_LABELS } from "../labels";

function settingsOf(t: Tenant): TenantSettings {
  return {
    name: t.name,
    timezone: t.timezone,
    dataIsolation: t.dataIsolation,
    intelligentFormFilling: t.intelligentFormFilling,
    transcriptRetentionDays: t.transcriptRetentionDays,
    calendar: {
      workdays: [...t.calendar.workdays],
      holidays: [...t.calendar.holidays],
      extraWorkdays: [...t.calendar.extraWorkdays],
    },
  };
}

export function TenantPage() {
  const [tenant, setTenant] = useState<Tenant | null>(null);
  const editor = useEditor<TenantSettings, Tenant>(
    {
      load: async () => {
        const t = await api.get<Tenant>("/tenant");
        setTenant(t);
        return settingsOf(t);
      },
      check: schemaCheck(TenantSettingsSchema),
      save: (draft) => api.patch<Tenant>("/tenant", draft),
      onSaved: (saved) => {
        setTenant(saved);
        editor.replace(settingsOf(saved));
        toast("Saved tenant settings");
      },
    },
    "tenant",
  );
  return (
    <EditorPage
      formId="tenant"
      title="Settings and calendar"
      subtitle={tenant ? <span class="mono">Tenant ID {tenant.id}</span> : undefined}
      back={{ href: "/", label: "Dashboard" }}
      editor={editor}
    >
      {() => (
        <>
          <div class="section">
            <h2>Tenant</h2>
            <div class="grid-2">
              <TextField path="name" label="Tenant Name" required maxLength={100} />
              <TextField
                path="timezone"
                label="Time Zone"
                required
                hint="An IANA time zone such as Asia/Shanghai; work time and the calendar use it."
              />
            </div>
            <SwitchField
              path="dataIsolation"
              label="Has the tenant enabled inter-organization data isolation enforcement"
              hint="On: common agents see only the OUs they may read and write."
            />
            <SwitchField
              path="intelligentFormFilling"
              label="Enabling the Intelligent TT Filling Feature"
              hint="Required before any agent can use Smart Form Filling."
            />
          </div>
          <RetentionSection />
          {tenant ? (
            <div class="section">
              <h2>Quotas</h2>
              <p class="section-note">
                Allocated when the tenant was created; the platform operator changes them.
              </p>
              <dl class="kv">
                <dt>Multimedia agents</dt>
                <dd>{tenant.quotas.multimediaAgents}</dd>
                <dt>Video agents</dt>
                <dd>{tenant.quotas.videoAgents}</dd>
                <dt>Versatile agents</dt>
                <dd>{tenant.quotas.versatileAgents}</dd>
                <dt>Intelligent agents</dt>
                <dd>{tenant.quotas.intelligentAgents}</dd>
              </dl>
            </div>
          ) : null}
          <div class="section">
            <h2>Working calendar</h2>
            <p class="section-note">
              Channels use workday or non-workday agent work time according to this calendar.
            </p>
            <WorkdaysField />
            <div class="grid-2">
              <DateListField
                path="calendar.holidays"
                label="Holidays"
                hint="Non-working days although their weekday is a workday."
              />
              <DateListField
                path="calendar.extraWorkdays"
                label="Extra workdays"
                hint="Working days although their weekday is not a workday."
              />
            </div>
          </div>
        </>
      )}
    </EditorPage>
  );
}

/** Transcript retention: kept forever (null) or erased automatically after a number of days. */
function RetentionSection() {
  const form = useForm();
  const days = (form.draft as TenantSettings).transcriptRetentionDays;
  return (
    <div class="section">
      <h2>Privacy</h2>
      <p class="section-note">
        Ended conversations older than the retention period are erased automatically with their messages,
        notes, tags, calls and files (checked hourly). Cases are kept. Audit entries are kept for{" "}
        {AUDIT_RETENTION_DAYS} days. To export or erase one customer's data, use{" "}
        <a href="/privacy">Privacy requests</a>.
      </p>
      <label class="choice">
        <input
          type="checkbox"
          checked={days === null}
          onChange={(e) => form.set("transcriptRetentionDays", e.currentTarget.checked ? null : 365)}
        />
        Keep conversations forever
      </label>
      {days === null ? null : (
        <div class="grid-2">
          <NumberField
            path="transcriptRetentionDays"
            label="Transcript retention (days)"
            min={MIN_RETENTION_DAYS}
            max={MAX_RETENTION_DAYS}
            hint={`${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} days after a conversation ended`}
          />
        </div>
      )}
    </div>
  );
}

function WorkdaysField() {
  const form = useForm();
  const path = "calendar.workdays";
  const errors = useNestedErrors(path);
  const draft = form.draft as TenantSettings;
  const days = draft.calendar.workdays;
  return (
    <ChoiceGroup label="Workdays" errors={errors}>
      {WEEKDAY_LABELS.map((label, index) => {
        const day = index + 1;
        return (
          <label class="choice" key={day}>
            <input
              type="checkbox"
              checked={days.includes(day)}
              onChange={(e) =>
                form.set(
                  path,
                  e.currentTarget.checked
                    ? [...days, day].sort((a, b) => a - b)
                    : days.filter((d) => d !== day),
                )
              }
            />
            {label}
          </label>
        );
      })}
    </ChoiceGroup>
  );
}

function DateListField({ path, label, hint }: { path: string; label: string; hint: string }) {
  const form = useForm();
  const errors = useNestedErrors(path);
  const [date, setDate] = useState("");
  const id = fieldId(form.formId, path);
  const dates = (getIn(form.draft, path) ?? []) as string[];
  const add = () => {
    if (!date) return;
    if (!dates.includes(date)) form.set(path, [...dates, date].sort());
    setDate("");
  };
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <div style={{ width: "100%" }}>
        <div class="actions">
          <input
            id={id}
            type="date"
            value={date}
            onInput={(e) => setDate(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" class="btn" onClick={add} disabled={!date}>
            Add
          </button>
        </div>
        <div class="chips" style={{ border: 0, paddingLeft: 0 }}>
          {dates.length === 0 ? <span class="muted">None</span> : null}
          {dates.map((d) => (
            <span class="chip" key={d}>
              {d}
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove ${d}`}
                onClick={() =>
                  form.set(
                    path,
                    dates.filter((x) => x !== d),
                  )
                }
              >
                ×
              </button>
            </span>
          ))}
        </div>
      </div>
    </FieldShell>
  );
}
