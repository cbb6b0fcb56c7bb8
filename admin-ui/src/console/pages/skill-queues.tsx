/** Skill queues (spec step 2, Table 1): list and the create/edit form with every type-dependent rule. */

import { useMemo } from "preact/hooks";
import { effectiveWrapUpSeconds } from "../../../../durable-objects/skill-queue/rules/wrap-up";
import type { OrgUnit } from "../../../../worker/schemas/org-units";
import {
  CHANNEL_TYPES,
  RANGES,
  SKILL_QUEUE_TYPES,
  type SkillQueue,
  type SkillQueueType,
  skillQueueConfigSchema,
} from "../../../../worker/schemas/skill-queues";
import {
  CheckboxesField,
  NumberField,
  type Option,
  SelectField,
  TextAreaField,
  TextField,
} from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { duration } from "../../shared/i18n";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import {
  ACTION_LABELS,
  ANSWER_TYPE_LABELS,
  CHANNEL_TYPE_LABELS,
  FORWARDING_LABELS,
  HOLD_METHOD_LABELS,
  MAX_QUEUING_METHOD_LABELS,
  options,
  QUEUE_TYPE_LABELS,
  QUEUING_METHOD_LABELS,
  TRANSFER_TYPE_LABELS,
} from "../labels";
import { nameOf, useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import {
  maxQueuingLabel,
  newSkillQueueDraft,
  normalizeSkillQueue,
  type SkillQueueDraft,
  skillQueueDraft,
  skillQueueFieldsFor,
  targetLabel,
  thresholdField,
  transferTargets,
} from "../models/skill-queue-form";
import { ouOptions } from "./org-units";

const PATH = "/skill-queues";

export function SkillQueuesPage() {
  const ous = useLookup<OrgUnit>("/org-units");
  return (
    <ResourceListPage<SkillQueue>
      path={PATH}
      title="Skill queues"
      subtitle="Customers wait in a skill queue until an agent of the queue is free."
      noun={{ one: "skill queue", many: "skill queues" }}
      emptyNote="Add a multimedia skill queue to serve web chat."
      nameOf={(q) => q.name}
      columns={[
        { label: "Skill Queue Name", render: (q) => <a href={`${PATH}/${q.id}`}>{q.name}</a> },
        { label: "Type", render: (q) => <span class="badge badge-blue">{QUEUE_TYPE_LABELS[q.type]}</span> },
        {
          label: "Organization Unit",
          render: (q) => nameOf(ous.items, q.ouId, (o) => o.name) ?? <span class="muted">Unorganized</span>,
        },
        { label: "Max. Waiting Time (s)", class: "num", render: (q) => q.maxWaitingTime },
        { label: "Max. Calls in Queue", class: "num", render: (q) => q.maxCallsInQueue },
      ]}
    />
  );
}

export function SkillQueueEditor() {
  const { id, isNew } = useResourceId();
  const queues = useLookup<SkillQueue>(PATH);
  const ous = useLookup<OrgUnit>("/org-units");
  const schema = useMemo(() => skillQueueConfigSchema(isNew ? undefined : id), [id, isNew]);
  const { editor, deleteAction } = useResourceEditor<SkillQueueDraft, SkillQueue>({
    path: PATH,
    id,
    noun: "skill queue",
    blank: newSkillQueueDraft,
    toDraft: skillQueueDraft,
    check: schemaCheck(schema),
    normalize: normalizeSkillQueue,
    savedMessage: (saved) => `Saved skill queue “${saved.name}”`,
  });
  return (
    <EditorPage
      formId="skill-queue"
      title={isNew ? "New skill queue" : (editor.draft?.name ?? "Skill queue")}
      back={{ href: PATH, label: "Skill queues" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.name ?? id)}
    >
      {(draft) => {
        const fields = skillQueueFieldsFor(draft.type);
        const targets = transferTargets(queues.items, draft.type, isNew ? null : id).map((q) => ({
          value: q.id,
          label: q.name,
        }));
        return (
          <>
            <div class="section">
              <h2>Basic information</h2>
              <div class="grid-2">
                <TextField path="name" label="Skill Queue Name" required maxLength={100} />
                <SelectField
                  path="type"
                  label="Type"
                  required
                  options={options(SKILL_QUEUE_TYPES, QUEUE_TYPE_LABELS)}
                  hint={
                    draft.type.endsWith("ClickToDial")
                      ? "Click-to-dial skill queues apply only to the web channel."
                      : undefined
                  }
                />
                <TextAreaField path="description" label="Description" maxLength={255} rows={2} />
                <SelectField
                  path="ouId"
                  label="Organization Unit"
                  options={ouOptions(ous.items)}
                  empty="Unorganized"
                  hint="Left empty, Unorganized is selected."
                />
              </div>
              {fields.channels ? (
                <CheckboxesField
                  path="channels"
                  label="Subtype"
                  options={options(CHANNEL_TYPES, CHANNEL_TYPE_LABELS)}
                  hint="If no channel type is selected, the skill queue can be used by all channels."
                />
              ) : null}
            </div>
            <div class="section">
              <h2>Limits</h2>
              <div class="grid-2">
                <NumberField
                  path="maxWaitingTime"
                  label="Max. Waiting Time (s)"
                  required
                  {...RANGES.maxWaitingTime}
                />
                <NumberField
                  path="maxCallDuration"
                  label="Maximum call duration (s)"
                  required
                  {...RANGES.maxCallDuration}
                />
                <NumberField
                  path="wrapUpDuration"
                  label="Duration (s) in Arranging State"
                  required
                  {...RANGES.wrapUpDuration}
                  after={<EffectiveWrapUp value={draft.wrapUpDuration} />}
                />
                <NumberField
                  path="maxCallsInQueue"
                  label="Max. Calls in Queue"
                  required
                  {...RANGES.maxCallsInQueue}
                />
              </div>
            </div>
            <div class="section">
              <h2>Queuing Processing Parameter Configuration</h2>
              <ActionGroup
                title="Queuing timeout processing configuration"
                keyName="timeout"
                actionLabel="Skill Timeout"
                draft={draft}
                targets={targets}
              />
              <ActionGroup
                title="Queue busy or overflow processing"
                keyName="busy"
                actionLabel="Skill Busy"
                draft={draft}
                targets={targets}
              >
                <BusyFields draft={draft} />
              </ActionGroup>
              <ActionGroup
                title="Call processing on nobody on-duty"
                keyName="noAgent"
                actionLabel="Call Processing on Nobody On-Duty"
                draft={draft}
                targets={targets}
              />
              <p class="muted">
                {fields.transferTypeFixed
                  ? "Calls in multimedia skill queues can be transferred only to skill queues."
                  : "Calls in voice, video, and click-to-dial skill queues can be transferred to IVRs or skill queues."}{" "}
                The skill queue selected for call transfer must be of the same type as this skill queue.
              </p>
            </div>
            {fields.prompts && draft.prompts ? <PromptsSection draft={draft} /> : null}
          </>
        );
      }}
    </EditorPage>
  );
}

function EffectiveWrapUp({ value }: { value: number }) {
  if (!Number.isInteger(value) || value < 0) return null;
  const effective = effectiveWrapUpSeconds(value);
  return <span aria-live="polite">Effective: {effective === 0 ? "no wrap-up" : duration(effective)}</span>;
}

function ActionGroup({
  title,
  keyName,
  actionLabel,
  draft,
  targets,
  children,
}: {
  title: string;
  keyName: "timeout" | "busy" | "noAgent";
  actionLabel: string;
  draft: SkillQueueDraft;
  targets: Option[];
  children?: preact.ComponentChildren;
}) {
  const action = draft.queuing[keyName];
  const fields = skillQueueFieldsFor(draft.type);
  const base = `queuing.${keyName}`;
  const headingId = `skill-queue-${keyName}-title`;
  return (
    <fieldset class="subsection field" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <div class="grid-3">
        <SelectField
          path={`${base}.action`}
          label={actionLabel}
          options={options(["release", "transfer"], ACTION_LABELS)}
        />
        {action.action === "transfer" ? (
          <>
            <SelectField
              path={`${base}.transferType`}
              label="Transfer Type"
              disabled={fields.transferTypeFixed}
              options={fields.transferTypes.map((t) => ({ value: t, label: TRANSFER_TYPE_LABELS[t] }))}
            />
            {action.transferType === "ivr" ? (
              <TextField
                path={`${base}.targetId`}
                label={targetLabel("ivr")}
                nullable
                maxLength={24}
                hint="The IVR's access code (digits)."
              />
            ) : (
              <SelectField
                path={`${base}.targetId`}
                label={targetLabel("skillQueue")}
                options={targets}
                empty={targets.length ? "Choose a skill queue" : "No other skill queue of this type"}
              />
            )}
          </>
        ) : null}
        {keyName === "busy" && action.action === "transfer" && action.transferType === "skillQueue" ? (
          <NumberField
            path={`${base}.queueUsage`}
            label="Queue Usage (%)"
            min={0}
            max={100}
            hint="Transfer only while the target's device usage after the transfer stays below this value."
          />
        ) : null}
      </div>
      {children}
    </fieldset>
  );
}

function BusyFields({ draft }: { draft: SkillQueueDraft }) {
  const busy = draft.queuing.busy;
  const threshold = thresholdField(busy.forwardingCondition);
  const maxQueuing = skillQueueFieldsFor(draft.type).maxQueuing;
  return (
    <div class="grid-2">
      <SelectField
        path="queuing.busy.forwardingCondition"
        label="Forwarding on Busy Condition"
        options={options(["deviceUsage", "waitingDuration"], FORWARDING_LABELS)}
      />
      <NumberField
        path="queuing.busy.threshold"
        label={threshold.label}
        min={threshold.min}
        max={threshold.max}
      />
      <SelectField
        path="queuing.busy.maxQueuingMethod"
        label="Maximum call queuing data calculation method"
        options={options(["fixed", "percentOfSignedIn"], MAX_QUEUING_METHOD_LABELS)}
      />
      <NumberField
        path="queuing.busy.maxQueuing"
        label={maxQueuingLabel(busy.maxQueuingMethod)}
        min={maxQueuing.min}
        max={maxQueuing.max}
        hint={
          busy.maxQueuingMethod === "percentOfSignedIn"
            ? `${maxQueuing.min}–${maxQueuing.max}. Divided by 100, multiplied by the signed-in agents and rounded up.`
            : undefined
        }
      />
    </div>
  );
}

function PromptsSection({ draft }: { draft: SkillQueueDraft }) {
  const p = draft.prompts!;
  return (
    <div class="section">
      <h2>Setting Prompt Information Parameters</h2>
      <p class="section-note">Available only for voice and video skill queues.</p>
      <div class="grid-2">
        <SelectField
          path="prompts.queuingMethod"
          label="Queuing Method"
          options={options(["defaultTone", "customTone", "ivr"], QUEUING_METHOD_LABELS)}
        />
        {p.queuingMethod !== "defaultTone" ? (
          <TextField
            path="prompts.queuingToneOrIvr"
            label={p.queuingMethod === "ivr" ? "Select IVR" : "Please select a waiting tone"}
            nullable
            maxLength={255}
          />
        ) : (
          <span />
        )}
        <SelectField
          path="prompts.holdMethod"
          label="Keeping Method"
          options={options(["defaultTone", "customTone"], HOLD_METHOD_LABELS)}
        />
        {p.holdMethod === "customTone" ? (
          <TextField path="prompts.holdTone" label="Please select a keeping tone" nullable maxLength={255} />
        ) : (
          <span />
        )}
        <SelectField
          path="prompts.answerType"
          label="Answer Type"
          options={options(["employeeId", "noVoice", "employeeIdAndCustom"], ANSWER_TYPE_LABELS)}
        />
        {p.answerType === "employeeIdAndCustom" ? (
          <TextField path="prompts.answerVoice" label="Customized voice" nullable maxLength={255} />
        ) : null}
      </div>
    </div>
  );
}

/** Options of skill queues (optionally only some types), labelled "Name (Type)". */
export function queueOptions(queues: readonly SkillQueue[], types?: readonly SkillQueueType[]): Option[] {
  return queues
    .filter((q) => !types || types.includes(q.type))
    .map((q) => ({ value: q.id, label: `${q.name} (${QUEUE_TYPE_LABELS[q.type]})` }));
}
