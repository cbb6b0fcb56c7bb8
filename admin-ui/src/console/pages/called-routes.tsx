/** Called routes (spec step 4, Table 2): access code (+ extension) → skill queue of the same media type. */

import { useLocation, useRoute } from "preact-iso";
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
import { api } from "../../shared/api";
import { SelectField, TextField } from "../../shared/form/fields";
import { useEditor } from "../../shared/form/use-editor";
import { validate } from "../../shared/form/validate";
import { toast } from "../../shared/toast";
import { confirmDelete } from "../components/delete";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { MEDIA_TYPE_LABELS } from "../labels";
import { normalizeCalledRoute, queuesForAccessCode } from "../models/called-route-form";
import { nameOf, useLookup } from "../models/lookup";
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
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? "new";
  const isNew = id === "new";
  const codes = useLookup<AccessCode>("/access-codes");
  const queues = useLookup<SkillQueue>("/skill-queues");
  const ous = useLookup<OrgUnit>("/org-units");
  const editor = useEditor<CalledRouteFields, CalledRoute>(
    {
      load: async () => {
        if (isNew) return { ...CALLED_ROUTE_DEFAULTS, accessCodeId: "", skillQueueId: "" };
        const { id: _id, createdAt: _c, ...fields } = await api.get<CalledRoute>(`${PATH}/${id}`);
        return fields;
      },
      check: (draft) => {
        const result = validate(CalledRouteFieldsSchema, draft);
        return result.ok ? null : result.errors;
      },
      save: (draft) =>
        isNew ? api.post<CalledRoute>(PATH, draft) : api.patch<CalledRoute>(`${PATH}/${id}`, draft),
      onSaved: () => {
        toast("Saved called route");
        route(PATH);
      },
      normalize: (next, previous, path) =>
        normalizeCalledRoute(next, previous, path, queues.items, codes.items),
    },
    id,
  );
  return (
    <EditorPage
      formId="called-route"
      title={isNew ? "New called route" : "Called route"}
      back={{ href: PATH, label: "Called routes" }}
      editor={editor}
      onDelete={
        isNew
          ? undefined
          : async () => {
              if (await confirmDelete("called route", "this called route", `${PATH}/${id}`)) route(PATH);
            }
      }
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
