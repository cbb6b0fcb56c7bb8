/** Called routes (spec step 4, Table 2): access code (+ extension) → skill queue of the same media type. */

import type { AccessCode } from "../../../../worker/schemas/access-codes";
import {
  CALLED_ROUTE_DEFAULTS,
  type CalledRoute,
  type CalledRouteFields,
  CalledRouteFieldsSchema,
  MAX_EXTENSION_DIGITS,
} from "../../../../worker/schemas/called-routes";
import type { OrgUnit } from "../../../../worker/schemas/org-units";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import { SelectField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { MEDIA_TYPE_LABELS } from "../labels";
import { normalizeCalledRoute, queuesForAccessCode } from "../models/called-route-form";
import { nameOf, useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import { ouOptions } from "./org-units";
import { queueOptions } from "./skill-queues";

const PATH = "/called-routes";

/** "12345 + 1 → Sales" */
export function routeLabel(
  r: CalledRoute,
  codes: readonly AccessCode[],
  queues: readonly SkillQueue[],
): string {
  const code = nameOf(codes, r.accessCodeId, (a) => a.code) ?? "?";
  const queue = nameOf(queues, r.skillQueueId, (q) => q.name) ?? "?";
  return `${code}${r.extensionCode ? ` + ${r.extensionCode}` : ""} → ${queue}`;
}

export function CalledRoutesPage() {
  const codes = useLookup<AccessCode>("/access-codes");
  const queues = useLookup<SkillQueue>("/skill-queues");
  const ous = useLookup<OrgUnit>("/org-units");
  return (
    <ResourceListPage<CalledRoute>
      path={PATH}
      title="Called routes"
      subtitle="Which skill queue an access code (and extension code) leads to."
      noun={{ one: "called route", many: "called routes" }}
      nameOf={(r) => routeLabel(r, codes.items, queues.items)}
      columns={[
        {
          label: "Access Code",
          render: (r) => {
            const code = codes.items.find((a) => a.id === r.accessCodeId);
            return code ? (
              <>
                <span class="mono">{code.code}</span>{" "}
                <span class="badge">{MEDIA_TYPE_LABELS[code.mediaType]}</span>
              </>
            ) : (
              "…"
            );
          },
        },
        { label: "Extension Code", render: (r) => r.extensionCode || <span class="muted">—</span> },
        { label: "Skill Queue", render: (r) => nameOf(queues.items, r.skillQueueId, (q) => q.name) ?? "…" },
        {
          label: "Organization Unit",
          render: (r) => nameOf(ous.items, r.ouId, (o) => o.name) ?? <span class="muted">Unorganized</span>,
        },
      ]}
    />
  );
}

export function CalledRouteEditor() {
  const { id, isNew } = useResourceId();
  const codes = useLookup<AccessCode>("/access-codes");
  const queues = useLookup<SkillQueue>("/skill-queues");
  const ous = useLookup<OrgUnit>("/org-units");
  const { editor, deleteAction } = useResourceEditor<CalledRouteFields, CalledRoute>({
    path: PATH,
    id,
    noun: "called route",
    blank: () => ({ ...CALLED_ROUTE_DEFAULTS, accessCodeId: "", skillQueueId: "" }),
    toDraft: ({ id: _id, createdAt: _c, ...fields }) => fields,
    check: schemaCheck(CalledRouteFieldsSchema),
    normalize: (next, previous, path) =>
      normalizeCalledRoute(next, previous, path, queues.items, codes.items),
    savedMessage: () => "Saved called route",
  });
  return (
    <EditorPage
      formId="called-route"
      title={isNew ? "New called route" : "Called route"}
      back={{ href: PATH, label: "Called routes" }}
      editor={editor}
      onDelete={deleteAction("this called route")}
    >
      {(draft) => {
        const allowed = queuesForAccessCode(queues.items, codes.items, draft.accessCodeId);
        return (
          <div class="section">
            <div class="grid-2">
              <SelectField
                path="ouId"
                label="Organization Unit"
                required
                options={ouOptions(ous.items)}
                empty="Unorganized"
              />
              <SelectField
                path="accessCodeId"
                label="Access Code"
                required
                empty={codes.items.length ? "Choose an access code" : "No access codes yet"}
                emptyValue=""
                options={codes.items.map((a) => ({
                  value: a.id,
                  label: `${a.code} (${MEDIA_TYPE_LABELS[a.mediaType]})`,
                }))}
              />
              <TextField
                path="extensionCode"
                label="Extension Code"
                maxLength={MAX_EXTENSION_DIGITS}
                hint="Optional digits dialled after the access code to reach another skill queue."
              />
              <SelectField
                path="deviceType"
                label="Device Type"
                required
                options={[{ value: "skillQueue", label: "Skill Queue" }]}
              />
              <SelectField
                path="skillQueueId"
                label="Skill Queue"
                required
                empty={
                  !draft.accessCodeId
                    ? "Choose an access code first"
                    : allowed.length
                      ? "Choose a skill queue"
                      : "No skill queue of this access code's type"
                }
                emptyValue=""
                options={queueOptions(allowed)}
                hint="Only skill queues of the access code's media type are listed."
              />
            </div>
          </div>
        );
      }}
    </EditorPage>
  );
}
