/** Web channels (spec step 6, Table 4): list, every configuration section, then the integration instructions. */

import { useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import type { AccessCode } from "../../../../worker/schemas/access-codes";
import type { CalledRoute } from "../../../../worker/schemas/called-routes";
import {
  type Channel,
  ChannelInputSchema,
  DEFAULT_PRIMARY_COLOR,
  GENDERS,
} from "../../../../worker/schemas/channels";
import type { Robot } from "../../../../worker/schemas/robots";
import type { SkillQueue } from "../../../../worker/schemas/skill-queues";
import {
  ChipsField,
  ColorField,
  NumberField,
  SelectField,
  SwitchField,
  TextAreaField,
  TextField,
} from "../../shared/form/fields";
import { schemaCheck } from "../../shared/form/validate";
import { AttachmentsSection } from "../components/attachments-section";
import { BrandingPreview } from "../components/branding-preview";
import { EditorPage } from "../components/editor-page";
import { IntegrationTab } from "../components/integration-tab";
import { LeaveMessageSection } from "../components/leave-message-section";
import { PageHeader } from "../components/page-header";
import { PreChatFormSection } from "../components/pre-chat-form-section";
import { ResourceListPage } from "../components/resource-list-page";
import { SegmentsField } from "../components/segments-field";
import { CALLED_PARTY_LABELS, GENDER_LABELS, options } from "../labels";
import { multimediaRoutes } from "../models/called-route-form";
import {
  type ChannelDraft,
  channelBody,
  channelCheckBody,
  channelDraft,
  newChannelDraft,
  normalizeChannel,
} from "../models/channel-form";
import { useLookup } from "../models/lookup";
import { useResourceEditor, useResourceId } from "../models/resource-editor";
import { routeLabel } from "./called-routes";
import { queueOptions } from "./skill-queues";

const PATH = "/channels";

function useRouteOptions() {
  const routes = useLookup<CalledRoute>("/called-routes");
  const codes = useLookup<AccessCode>("/access-codes");
  const queues = useLookup<SkillQueue>("/skill-queues");
  const multimedia = multimediaRoutes(routes.items, codes.items);
  return {
    queues,
    routeOptions: multimedia.map((r) => ({ value: r.id, label: routeLabel(r, codes.items, queues.items) })),
    label: (id: string) => {
      const r = routes.items.find((x) => x.id === id);
      return r ? routeLabel(r, codes.items, queues.items) : "…";
    },
  };
}

export function ChannelsPage() {
  const routes = useRouteOptions();
  return (
    <ResourceListPage<Channel>
      path={PATH}
      title="Channels"
      subtitle="Web channels embed the online customer service dialog in your pages."
      noun={{ one: "channel", many: "channels" }}
      emptyNote="A channel needs a multimedia called route first."
      nameOf={(c) => c.accessCode}
      rowActions={(c) => (
        <a class="btn btn-small" href={`${PATH}/${c.id}?tab=integration`}>
          Integration
        </a>
      )}
      columns={[
        { label: "Channel Access Code", render: (c) => <a href={`${PATH}/${c.id}`}>{c.accessCode}</a> },
        { label: "Type", render: () => <span class="badge">WEB</span> },
        { label: "Skill Queue", render: (c) => routes.label(c.routeId) },
        {
          label: "Chatbot",
          render: (c) =>
            c.chatbot.enabled ? <span class="badge badge-green">On</span> : <span class="badge">Off</span>,
        },
        { label: "Channel configuration ID", render: (c) => <span class="mono">{c.id}</span> },
      ]}
    />
  );
}

export function ChannelEditor() {
  const { query } = useRoute();
  const { route } = useLocation();
  const { id, isNew } = useResourceId();
  const tab = !isNew && query.tab === "integration" ? "integration" : "configuration";
  const routes = useRouteOptions();
  const robots = useLookup<Robot>("/robots");
  const [secretKeySet, setSecretKeySet] = useState(false);
  const { editor, deleteAction } = useResourceEditor<ChannelDraft, Channel>({
    path: PATH,
    id,
    noun: "channel",
    blank: newChannelDraft,
    toDraft: (channel) => {
      setSecretKeySet(channel.thirdPartyAuth.secretKeySet);
      return channelDraft(channel);
    },
    toBody: channelBody,
    check: schemaCheck(ChannelInputSchema, (draft) => channelCheckBody(draft, secretKeySet)),
    normalize: normalizeChannel,
    savedMessage: (saved) => `Saved channel ${saved.accessCode}`,
    afterSave: (saved) => {
      setSecretKeySet(saved.thirdPartyAuth.secretKeySet);
      if (isNew) route(`${PATH}/${saved.id}?tab=integration`);
      else editor.replace(channelDraft(saved));
    },
  });
  const tabs = (
    <div class="tabs" role="tablist">
      <a role="tab" class="tab" aria-selected={tab === "configuration"} href={`${PATH}/${id}`}>
        Configuration
      </a>
      {isNew ? null : (
        <a
          role="tab"
          class="tab"
          aria-selected={tab === "integration"}
          href={`${PATH}/${id}?tab=integration`}
        >
          Integration instructions
        </a>
      )}
    </div>
  );
  if (tab === "integration") {
    return (
      <>
        <PageHeader
          title={`Channel ${editor.draft?.accessCode ?? ""}`}
          back={{ href: PATH, label: "Channels" }}
        />
        {tabs}
        <IntegrationTab channelId={id} />
      </>
    );
  }
  const chatbots = robots.items
    .filter((r) => r.kind === "chatbot")
    .map((r) => ({ value: r.accessCode, label: `${r.accessCode} — ${r.name}` }));
  const assistants = robots.items
    .filter((r) => r.kind === "assistant")
    .map((r) => ({ value: r.accessCode, label: `${r.accessCode} — ${r.name}` }));
  const ctdQueues = queueOptions(routes.queues.items, ["voiceClickToDial", "videoClickToDial"]);
  return (
    <EditorPage
      formId="channel"
      title={isNew ? "New channel" : `Channel ${editor.draft?.accessCode ?? ""}`}
      subtitle={isNew ? undefined : <span class="mono">Channel configuration ID {id}</span>}
      back={{ href: PATH, label: "Channels" }}
      editor={editor}
      onDelete={deleteAction(editor.draft?.accessCode ?? id)}
    >
      {(draft) => (
        <>
          {tabs}
          <div class="section">
            <div class="grid-2">
              <TextField
                path="accessCode"
                label="Channel Access Code"
                required
                maxLength={64}
                hint="Unique; letters, digits and _; starts with a letter or _."
              />
              <SelectField path="type" label="Channel Type" options={[{ value: "web", label: "WEB" }]} />
            </div>
          </div>
          <div class="section">
            <h2>Info Configuration</h2>
            <div class="grid-2">
              <SelectField
                path="routeId"
                label="Skill Queue"
                required
                empty={
                  routes.routeOptions.length
                    ? "Choose a multimedia called route"
                    : "No multimedia called routes yet"
                }
                emptyValue=""
                options={routes.routeOptions}
                hint="The options are the multimedia called routes of this tenant."
              />
              <ChipsField
                path="transferKeywords"
                label="Keyword for Transfer to Agent"
                hint="Switch from robot service to an agent. Not needed when the chatbot is disabled."
              />
              <SelectField
                path="clickToDial.calledParty"
                label="CTD Called Party Configuration"
                empty="Not configured"
                options={options(["agent", "ivr"], CALLED_PARTY_LABELS)}
              />
              {draft.clickToDial?.calledParty === "agent" ? (
                <SelectField
                  path="clickToDial.skillQueueId"
                  label="Click-to-Call Skill Queue"
                  empty={
                    ctdQueues.length
                      ? "Choose a click-to-dial skill queue"
                      : "No click-to-dial skill queues yet"
                  }
                  options={ctdQueues}
                  hint="During a chat the customer can call the agent: a voice click-to-dial queue offers voice calls, a video one voice and video calls. The chat's agent is rung first when signed in to this queue."
                />
              ) : null}
              {draft.clickToDial?.calledParty === "ivr" ? (
                <TextField
                  path="clickToDial.ivrAccessCode"
                  label="IVR access code"
                  nullable
                  maxLength={24}
                  hint="Kept for a contact centre with an IVR. This product has no IVR, so customers of this channel see no call buttons; choose Audio and video agent to let them call the agent they chat with."
                />
              ) : null}
            </div>
            <ChipsField
              path="allowedOrigins"
              label="Allowed Origins"
              placeholder="https://shop.example"
              hint="Pages allowed to embed the widget. Empty: only this deployment's own origin."
            />
          </div>
          <div class="section">
            <h2>Dialog End Method</h2>
            <SwitchField path="dialogEnd.enabled" label="Enable Dialog End Method" />
            {draft.dialogEnd.enabled ? (
              <div class="grid-2">
                <NumberField
                  path="dialogEnd.noReplyMinutes"
                  label="Prompt Interval for No Reply (min)"
                  min={1}
                  max={60}
                />
                <TextAreaField path="dialogEnd.conclusion" label="Conclusion" maxLength={500} rows={2} />
              </div>
            ) : (
              <p class="muted">
                Disabled: a session without a customer reply ends after the default 20 minutes.
              </p>
            )}
          </div>
          <div class="section">
            <h2>
              Third-party authentication key
              {secretKeySet ? (
                <span class="badge badge-green">secretKey set</span>
              ) : (
                <span class="badge">No secretKey</span>
              )}
            </h2>
            <SwitchField path="thirdPartyAuth.enabled" label="Enable third-party authentication" />
            {draft.thirdPartyAuth.enabled ? (
              <TextField
                path="thirdPartyAuth.secretKey"
                label="secretKey"
                type="password"
                autoComplete="new-password"
                maxLength={256}
                hint={
                  secretKeySet
                    ? "A secretKey is set and is never shown. Leave empty to keep it, or type a new one to replace it."
                    : "16–256 printable characters. Your server signs identity tokens with it; it is never shown again."
                }
              />
            ) : null}
          </div>
          <div class="section">
            <h2>Agent Work Time</h2>
            <SegmentsField path="workTime.workday" label="Workday" />
            <SegmentsField path="workTime.nonWorkday" label="Non-workday" />
            <TextAreaField
              path="workTime.nonWorkingNotice"
              label="Non-Working Time Notification"
              maxLength={500}
              rows={2}
            />
          </div>
          <LeaveMessageSection enabled={draft.leaveMessage.enabled} />
          <div class="section">
            <h2>Queue reminder</h2>
            <div class="grid-2">
              <NumberField
                path="queueReminder.intervalSeconds"
                label="Queue reminder interval (seconds)"
                required
                min={1}
                max={3600}
              />
              <TextAreaField
                path="queueReminder.content"
                label="Queue reminder content"
                maxLength={500}
                rows={2}
              />
            </div>
            <p class="field-hint">
              Placeholders: {"{position}"} (place in the queue) and {"{waitSeconds}"} (estimated wait).
            </p>
          </div>
          <div class="section">
            <h2>Chatbot Configuration</h2>
            <SwitchField
              path="chatbot.enabled"
              label="Connect to Chatbot"
              hint="On: customers are connected to the robot first."
            />
            {draft.chatbot.enabled ? (
              <div class="grid-2">
                <TextField
                  path="chatbot.avatar"
                  label="Change Avatar"
                  placeholder="https://… or /path"
                  maxLength={512}
                />
                <TextField path="chatbot.name" label="Name" maxLength={100} />
                <SelectField path="chatbot.gender" label="Gender" options={options(GENDERS, GENDER_LABELS)} />
                <SelectField
                  path="chatbot.robotAccessCode"
                  label="Chatbot Access Code"
                  required
                  empty={chatbots.length ? "Choose a chatbot" : "No chatbot robots yet"}
                  emptyValue=""
                  options={chatbots}
                />
                <TextAreaField path="chatbot.defaultReply" label="Default reply" maxLength={500} rows={2} />
                <TextAreaField path="chatbot.timeoutReply" label="Timeout reply" maxLength={500} rows={2} />
                <TextAreaField
                  path="chatbot.transferPrompt"
                  label="Prompt for transfer to agent"
                  maxLength={500}
                  rows={2}
                />
              </div>
            ) : null}
          </div>
          <div class="section">
            <h2>Robot Assistant Configuration</h2>
            <SwitchField
              path="assistant.enabled"
              label="Enable robot assistant"
              hint="On: the robot assistant is enabled on the agent side."
            />
            {draft.assistant.enabled ? (
              <div class="grid-2">
                <SelectField
                  path="assistant.accessCode"
                  label="Assistant Access Code"
                  required
                  empty={assistants.length ? "Choose a robot assistant" : "No robot assistants yet"}
                  emptyValue=""
                  options={assistants}
                />
                <SelectField
                  path="assistant.silentAgentRouteId"
                  label="SilentAgent Skill Queue"
                  required
                  empty="Choose a multimedia called route"
                  options={routes.routeOptions}
                />
              </div>
            ) : null}
          </div>
          <PreChatFormSection />
          <div class="section">
            <h2>Widget branding</h2>
            <p class="muted">
              How the customer's dialog looks on your pages and on the Try page. Everything here is public.
            </p>
            <div class="grid-2">
              <div>
                <ColorField
                  path="branding.primaryColor"
                  label="Primary colour"
                  fallback={DEFAULT_PRIMARY_COLOR}
                  hint="#rrggbb. Launcher, header, send button and the customer's messages."
                />
                <TextField
                  path="branding.logoUrl"
                  label="Logo"
                  placeholder="https://…"
                  maxLength={512}
                  hint="An https:// image address shown in the dialog header; empty for none."
                />
                <TextField
                  path="branding.greeting"
                  label="Greeting"
                  maxLength={60}
                  hint="The dialog's title. Empty: Online Customer Service, in the customer's language."
                />
                <TextAreaField path="branding.welcomeText" label="Welcome text" maxLength={500} rows={2} />
                <TextField
                  path="branding.launcherLabel"
                  label="Launcher label"
                  maxLength={30}
                  hint="Text on the launcher button. Empty: a round button with the chat icon only."
                />
              </div>
              <BrandingPreview branding={draft.branding} />
            </div>
          </div>
          <AttachmentsSection enabled={draft.attachments.enabled} />
        </>
      )}
    </EditorPage>
  );
}
