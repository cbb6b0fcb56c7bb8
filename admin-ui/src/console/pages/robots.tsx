/** Robots: keyword-intent chatbots and robot assistants, referenced by channels through their access code. */

import {
  MAX_INTENTS,
  MAX_KEYWORDS,
  ROBOT_KINDS,
  type Robot,
  type RobotInput,
  RobotInputSchema,
} from "../../../../worker/schemas/robots";
import { ChipsField, SelectField, TextAreaField, TextField } from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { plural } from "../../shared/i18n";
import { EditorPage } from "../components/editor-page";
import { ResourceListPage } from "../components/resource-list-page";
import { options, ROBOT_KIND_LABELS } from "../labels";
import { useResourceEditor, useResourceId } from "../models/resource-editor";

const PATH = "/robots";
type RobotDraft = {
  name: string;
  accessCode: string;
  kind: RobotInput["kind"];
  intents: RobotInput["intents"];
  defaultReply: string;
};

export function RobotsPage() {
  return (
    <ResourceListPage<Robot>
      path={PATH}
      title="Robots"
      subtitle="Chatbots answer customers by keyword intents; robot assistants help agents."
      noun={{ one: "robot", many: "robots" }}
      nameOf={(r) => r.name}
      columns={[
        { label: "Name", render: (r) => <a href={`${PATH}/${r.id}`}>{r.name}</a> },
        { label: "Robot Access Code", render: (r) => <span class="mono">{r.accessCode}</span> },
        { label: "Kind", render: (r) => <span class="badge">{ROBOT_KIND_LABELS[r.kind]}</span> },
        { label: "Intents", class: "num", render: (r) => r.intents.length },
      ]}
    />
  );
}

export function RobotEditor() {
  const { id, isNew } = useResourceId();
  const { editor, deleteAction } = useResourceEditor<RobotDraft, Robot>({
    path: PATH,
    id,
    noun: "robot",
    blank: () => ({ name: "", accessCode: "", kind: "chatbot", intents: [], defaultReply: "" }),
    toDraft: (r) => ({
      name: r.name,
      accessCode: r.accessCode,
      kind: r.kind,
      intents: r.intents.map((i) => ({ keywords: [...i.keywords], reply: i.reply })),
      defaultReply: r.defaultReply ?? "",
    }),
    check: schemaCheck(RobotInputSchema),
    savedMessage: (saved) => `Saved robot “${saved.name}”`,
  });
  return (
    <EditorPage
      formId="robot"
      title={isNew ? "New robot" : (editor.draft?.name ?? "Robot")}
      back={{ href: PATH, label: "Robots" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.name ?? id)}
    >
      {(draft) => (
        <>
          <div class="section">
            <h2>Robot</h2>
            <div class="grid-3">
              <TextField path="name" label="Name" required maxLength={100} />
              <TextField
                path="accessCode"
                label="Robot Access Code"
                required
                maxLength={32}
                hint="Letters, digits or _; channels refer to the robot by it."
              />
              <SelectField
                path="kind"
                label="Robot Type"
                required
                options={options(ROBOT_KINDS, ROBOT_KIND_LABELS)}
              />
            </div>
            <TextAreaField
              path="defaultReply"
              label="Default reply"
              maxLength={1000}
              hint={
                draft.kind === "assistant"
                  ? "Suggested to the agent when no intent matches; empty: no suggestion."
                  : "Sent when no intent matches the customer's message."
              }
            />
          </div>
          <div class="section">
            <h2>
              Intents ({plural(draft.intents.length, "intent")}, at most {MAX_INTENTS})
              <button
                type="button"
                class="btn btn-small"
                disabled={draft.intents.length >= MAX_INTENTS}
                onClick={() => editor.set("intents", [...draft.intents, { keywords: [], reply: "" }])}
              >
                Add intent
              </button>
            </h2>
            <p class="section-note">
              {draft.kind === "assistant"
                ? "For a message containing any keyword (case-insensitive) the agent is offered the intent's reply, up to 3 at a time, best match first."
                : "Intents are tried in order; a message containing any keyword (case-insensitive) gets the intent's reply."}
            </p>
            {draft.intents.length === 0 ? (
              <p class="muted">
                {draft.kind === "assistant"
                  ? "No intents: only the default reply is suggested."
                  : "No intents: every message gets the default reply."}
              </p>
            ) : null}
            {draft.intents.map((_, index) => (
              <div class="intent" key={index}>
                <div class="intent-head">
                  <h3>Intent {index + 1}</h3>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    onClick={() =>
                      editor.set(
                        "intents",
                        draft.intents.filter((__, i) => i !== index),
                      )
                    }
                  >
                    Remove intent
                  </button>
                </div>
                <ChipsField
                  path={`intents.${index}.keywords`}
                  label={`Keywords of intent ${index + 1}`}
                  hint={`Up to ${MAX_KEYWORDS} keywords; press Enter after each.`}
                />
                <TextAreaField
                  path={`intents.${index}.reply`}
                  label={`Reply of intent ${index + 1}`}
                  maxLength={1000}
                  rows={2}
                />
              </div>
            ))}
          </div>
        </>
      )}
    </EditorPage>
  );
}
