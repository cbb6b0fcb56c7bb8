/** The agent information fields of spec Table 3, shared by "Configure" and batch configuration. */
import { AGENT_TYPES } from "../../../../worker/rules/agent-rules";
import { PLATFORM_ROLES } from "../../../../worker/schemas/agents";
import type { SkillQueueGroup } from "../../../../worker/schemas/skill-queue-groups";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import {
  CheckboxesField,
  NumberField,
  RadioField,
  SelectField,
  SwitchField,
  TextField,
} from "../../shared/form/fields";
import {
  AGENT_TYPE_LABELS,
  options,
  PLATFORM_ROLE_LABELS,
  QUEUE_TYPE_LABELS,
  SKILL_TYPE_LABELS,
} from "../labels";
import { type AgentDraft, queueChoice, smartFormFillingAvailable } from "../models/agent-form";

export function AgentFields({
  draft,
  queues,
  groups,
  tenantFormFilling,
}: {
  draft: AgentDraft;
  queues: readonly SkillQueue[];
  groups: readonly SkillQueueGroup[];
  tenantFormFilling: boolean;
}) {
  const chosen = queues.filter((q) => draft.skillQueueIds.includes(q.id));
  const group = groups.find((g) => g.id === draft.skillQueueGroupId);
  const defaultChoices =
    draft.skillType === "skillQueue" ? chosen : queues.filter((q) => group?.skillQueueIds.includes(q.id));
  const smartAvailable = smartFormFillingAvailable(draft, tenantFormFilling);
  return (
    <>
      <div class="section">
        <h2>Agent information</h2>
        <div class="grid-2">
          <SelectField
            path="platformRole"
            label="Platform Role"
            required
            options={options(PLATFORM_ROLES, PLATFORM_ROLE_LABELS)}
          />
          <SelectField
            path="agentType"
            label="Agent Type"
            required
            options={options(AGENT_TYPES, AGENT_TYPE_LABELS)}
            hint="Video, multimedia and versatile agents count against the tenant's quotas."
          />
          <TextField path="phone" label="Agent Mobile/Fixed-Line Number" nullable maxLength={32} />
          <NumberField path="maxConcurrentChats" label="Max. Concurrent Chats" min={1} max={60} />
        </div>
        <div class="grid-2">
          <SwitchField
            path="intelligentRecognition"
            label="Intelligent Recognition"
            hint="Intelligent agents count against the tenant's intelligent agent quota."
          />
          <SwitchField
            path="smartFormFilling"
            label="Smart Form Filling"
            disabled={!smartAvailable}
            hint={
              !tenantFormFilling
                ? "Available only when the tenant parameter Enabling the Intelligent TT Filling Feature is set to Yes."
                : !draft.intelligentRecognition
                  ? "Enable Intelligent Recognition first."
                  : undefined
            }
          />
          <SwitchField path="phoneOnly" label="Phone-Only Agent" />
          <SwitchField
            path="anonymizationFlag"
            label="Agent Number Anonymization Flag"
            hint="A flag for third parties, not a feature switch."
          />
        </div>
      </div>
      <div class="section">
        <h2>Skills</h2>
        <RadioField
          path="skillType"
          label="Skill Type"
          options={options(["skillQueue", "skillQueueGroup"], SKILL_TYPE_LABELS)}
        />
        {draft.skillType === "skillQueue" ? (
          <CheckboxesField
            path="skillQueueIds"
            label="Skill Queues"
            emptyText="No skill queues yet."
            hint="All skill queues share a media type (voice and video, or multimedia) unless the agent is versatile."
            options={queues.map((q) => {
              const choice = queueChoice(draft.agentType, q, chosen);
              const ticked = draft.skillQueueIds.includes(q.id);
              return {
                value: q.id,
                label: `${q.name} (${QUEUE_TYPE_LABELS[q.type]})${!choice.allowed && !ticked ? ` — ${choice.reason}` : ""}`,
                disabled: !choice.allowed && !ticked,
              };
            })}
          />
        ) : (
          <SelectField
            path="skillQueueGroupId"
            label="Skill Queue Group"
            empty={groups.length ? "Choose a skill queue group" : "No skill queue groups yet"}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
          />
        )}
        <SelectField
          path="defaultSkillQueueId"
          label="Default Skill Queue"
          empty="The first skill queue"
          options={defaultChoices.map((q) => ({ value: q.id, label: q.name }))}
        />
      </div>
    </>
  );
}
