/**
 * The Online Chat Workbench (`/workbench`): sign in once and work every skill queue of the agent's
 * configuration at once (a switch per queue) — as an agent (chats, the customer beside each) or as
 * a quality checker (queue overviews, watch, insert, intercept, force busy and release). Each
 * queue's desk reconnects and resumes by itself; a reload signs in to the same queues again and
 * brings back the open chat and the reply drafts.
 */
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { ChatMessage, ConversationSummary } from "../../../worker/realtime/protocol";
import { AgentDesk } from "../realtime/agent-desk";
import { CallDesk } from "../realtime/call-desk";
import { previewOf } from "../realtime/preview";
import { errorMessage, onUnauthorized } from "../shared/api";
import { ConfirmHost } from "../shared/components/confirm-host";
import { customerDisplay } from "../shared/customer-name";
import { formFilling } from "./case-form";
import { ChatTools, ChatToolsContext } from "./chat-tools";
import { AgentView } from "./components/agent-view";
import { CannedManager } from "./components/canned-manager";
import { CheckerView } from "./components/checker-view";
import { QueueToggles } from "./components/queue-toggles";
import { SignIn } from "./components/sign-in";
import { StatusBar } from "./components/status-bar";
import { DeskSet, type Selection } from "./desks";
import { Drafts, type KeyValueStorage } from "./drafts";
import { alertFor, askNotificationPermission, beep, blinkTitle, notifyDesktop, unlockSound } from "./notify";
import { queuesToSignIn, savedQueues, saveQueues } from "./queue-choice";
import {
  type AgentConfig,
  agentConfig,
  agentTicket,
  currentUser,
  hasSession,
  type QueueInfo,
  queues,
  signOut,
  transferTargets,
  type User,
} from "./session";
import { TransferTargets } from "./transfer-targets";
import { useModel } from "./use-model";
import "./workbench.css";

type Setup = { config: AgentConfig | null; queues: Map<string, QueueInfo> };

/** localStorage, or nothing where the browser blocks it. */
function local(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The open chat, kept for this tab so a reload shows it again. */
const selectionKey = (employeeId: string) => `ecs.selected.${employeeId}`;
function savedSelection(employeeId: string): Selection | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(selectionKey(employeeId)) ?? "null") as Selection | null;
    return s && typeof s.queueId === "string" && typeof s.conversationId === "string" ? s : null;
  } catch {
    return null;
  }
}
function saveSelection(employeeId: string, s: Selection | null): void {
  try {
    if (s) sessionStorage.setItem(selectionKey(employeeId), JSON.stringify(s));
    else sessionStorage.removeItem(selectionKey(employeeId));
  } catch {
    // storage blocked: a reload opens no chat
  }
}

/** Forgets what this employee's workbench kept in the browser (on sign-out). */
function forget(employeeId: string): void {
  saveQueues(local(), employeeId, null);
  saveSelection(employeeId, null);
  try {
    local()?.removeItem(`ecs.drafts.${employeeId}`);
  } catch {
    // nothing kept
  }
}

function Workbench() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    // Without this tab's CSRF token there is no usable session: show the sign-in without a 401 round trip.
    if (!hasSession()) setUser(null);
    else currentUser().then(setUser, (e) => setError(errorMessage(e)));
    return onUnauthorized(() => setUser(null));
  }, []);
  useEffect(() => {
    if (!user) return;
    Promise.all([agentConfig(user.employeeId), queues()]).then(
      ([config, qs]) => setSetup({ config, queues: qs }),
      (e) => setError(errorMessage(e)),
    );
  }, [user]);

  const leave = async () => {
    if (user) forget(user.employeeId);
    setSetup(null);
    await signOut();
    setUser(null);
  };

  if (error)
    return (
      <p class="signin error" role="alert">
        {error}
      </p>
    );
  if (user === undefined) return <p class="signin">Loading…</p>;
  if (user === null)
    return (
      <SignIn
        onSignedIn={(u) => {
          // a sign-in (a user gesture) unlocks the tone, asks for notifications and starts in every queue
          unlockSound();
          askNotificationPermission();
          saveQueues(local(), u.employeeId, null);
          saveSelection(u.employeeId, null);
          setUser(u);
        }}
      />
    );
  if (!setup) return <p class="signin">Loading your agent configuration…</p>;
  if (!setup.config)
    return <p class="signin error">{user.name} is not configured as an agent. Ask your administrator.</p>;
  if (setup.config.servedSkillQueueIds.length === 0)
    return <p class="signin error">You are not configured with any skill queue. Ask your administrator.</p>;
  return <Desk user={user} setup={setup} config={setup.config} onSignOut={leave} />;
}

function Desk({
  user,
  setup,
  config,
  onSignOut,
}: {
  user: User;
  setup: Setup;
  config: AgentConfig;
  onSignOut: () => void;
}) {
  const served = config.servedSkillQueueIds;
  const drafts = useMemo(() => new Drafts(local(), user.employeeId), [user.employeeId]);
  // click to dial: an agent serving click-to-dial queues is signed in to them too, and takes calls there
  const calls = useMemo(
    () =>
      config.platformRole !== "qualityChecker" &&
      served.some((id) => setup.queues.get(id)?.type.endsWith("ClickToDial"))
        ? new CallDesk({
            onRinging: (c) => {
              beep();
              blinkTitle(`Incoming ${c.media} call`);
            },
          })
        : null,
    [config, served, setup.queues],
  );
  const set = useMemo(() => {
    const chatOf = (queueId: string, conversationId: string): ConversationSummary | undefined =>
      s.desks.get(queueId)?.chats.get(conversationId)?.summary;
    const hidden = () => document.visibilityState === "hidden";
    const s: DeskSet = new DeskSet({
      queues: served.map((id) => ({ id, name: setup.queues.get(id)?.name ?? id })),
      createDesk: (queueId, hooks) => {
        const callQueue = setup.queues.get(queueId)?.type.endsWith("ClickToDial");
        const desk: AgentDesk = new AgentDesk({
          ticket: agentTicket(queueId),
          createSocket: (url) => new WebSocket(url),
          autoSelect: false,
          onCallEvent: calls && callQueue ? (e) => calls.handler(desk)(e) : undefined,
          ...hooks,
        });
        desk.setSelf(user.employeeId, user.name);
        return desk;
      },
      onSignedIn: (ids) => saveQueues(local(), user.employeeId, ids),
      onSelect: (sel) => saveSelection(user.employeeId, sel),
      onNewChat: (queueId, c) => {
        const who = customerDisplay(c).name;
        const alert = alertFor("newChat", { hidden: hidden(), inView: false });
        if (alert.sound) beep();
        if (alert.notification)
          notifyDesktop(`New chat in ${s.queueName(queueId)}`, who, `chat-${c.conversationId}`, () =>
            s.select(queueId, c.conversationId),
          );
        blinkTitle(`New chat: ${who}`);
      },
      onCustomerMessage: (queueId, m: ChatMessage, inView) => {
        const alert = alertFor("message", { hidden: hidden(), inView });
        if (alert.sound) beep();
        const c = chatOf(queueId, m.conversationId);
        const who = c ? customerDisplay(c).name : "Customer";
        if (alert.notification)
          notifyDesktop(who, previewOf(m.text), `chat-${m.conversationId}`, () =>
            s.select(queueId, m.conversationId),
          );
        if (hidden()) blinkTitle(`New message from ${who}`);
      },
    });
    return s;
  }, [served, setup.queues, user.employeeId, user.name, calls]);
  useModel(set);
  useEffect(() => {
    set.start(queuesToSignIn(served, savedQueues(local(), user.employeeId)), savedSelection(user.employeeId));
    const online = () => {
      for (const desk of set.desks.values()) desk.reconnectNow();
    };
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      set.stop();
    };
  }, [set]);
  const targets = useMemo(() => {
    const byQueue = new Map<string, TransferTargets>();
    return (queueId: string) => {
      let t = byQueue.get(queueId);
      if (!t) {
        t = new TransferTargets(() => transferTargets(queueId));
        byQueue.set(queueId, t);
        void t.refresh();
      }
      return t;
    };
  }, []);
  const me = set.me();
  const isAdmin = user.role === "tenantAdmin";
  const tools = useMemo(() => new ChatTools(), []);
  useEffect(() => tools.load(), [tools]);
  const [smartFormFilling, setSmartFormFilling] = useState(false);
  useEffect(() => {
    // the case form is blank when this cannot be loaded
    formFilling().then(setSmartFormFilling, () => setSmartFormFilling(false));
  }, []);
  return (
    <ChatToolsContext.Provider value={tools}>
      <StatusBar
        set={set}
        userName={user.name}
        onSignOut={() => {
          set.signOut();
          onSignOut();
        }}
      />
      <QueueToggles set={set} />
      {[...set.desks].map(([queueId, desk]) =>
        desk.notice ? (
          <p key={queueId} class="notice" role="alert">
            {set.queueName(queueId)}: {desk.notice}
          </p>
        ) : null,
      )}
      {set.role() === "qualityChecker" ? (
        <CheckerView set={set} drafts={drafts} isAdmin={isAdmin} />
      ) : (
        <AgentView
          set={set}
          targets={targets}
          drafts={drafts}
          isAdmin={isAdmin}
          calls={calls}
          smartFormFilling={smartFormFilling}
          empty={
            set.desks.size === 0
              ? "You are signed out of every skill queue: switch one on above to take chats."
              : me?.status === "busy"
                ? `You are busy (set by ${me.forcedBy ?? "a quality checker"}): no new chats until a quality checker releases you.`
                : me?.status === "rest"
                  ? "You are resting: no new chats will be assigned."
                  : "Waiting for customers…"
          }
        />
      )}
      <CannedManager />
      <ConfirmHost />
    </ChatToolsContext.Provider>
  );
}

render(<Workbench />, document.getElementById("app")!);
