/**
 * The Online Chat Workbench (`/workbench`): sign in, pick one of the agent's skill queues, and
 * work the realtime desk — as an agent (chats) or as a quality checker (queue overview, watch,
 * insert, intercept, force busy). The desk reconnects and resumes by itself.
 */
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { AgentDesk } from "../realtime/agent-desk";
import { errorMessage, onUnauthorized } from "../shared/api";
import { customerLabel } from "../shared/customer-name";
import { formFilling } from "./case-form";
import { AgentView } from "./components/agent-view";
import { CheckerView } from "./components/checker-view";
import { QueuePicker } from "./components/queue-picker";
import { SignIn } from "./components/sign-in";
import { StatusBar } from "./components/status-bar";
import { beep, blinkTitle, unlockSound } from "./notify";
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

function Workbench() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [queueId, setQueueId] = useState<string | null>(null);
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
    setQueueId(null);
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
          unlockSound();
          setUser(u);
        }}
      />
    );
  if (!setup) return <p class="signin">Loading your agent configuration…</p>;
  if (!setup.config)
    return <p class="signin error">{user.name} is not configured as an agent. Ask your administrator.</p>;
  if (!queueId)
    return (
      <QueuePicker
        config={setup.config}
        queues={setup.queues}
        onPick={(id) => {
          unlockSound();
          setQueueId(id);
        }}
      />
    );
  return <Desk user={user} setup={setup} queueId={queueId} onSignOut={leave} />;
}

function Desk({
  user,
  setup,
  queueId,
  onSignOut,
}: {
  user: User;
  setup: Setup;
  queueId: string;
  onSignOut: () => void;
}) {
  const desk = useMemo(() => {
    const d = new AgentDesk({
      ticket: agentTicket(queueId),
      createSocket: (url) => new WebSocket(url),
      onNewChat: (c) => {
        beep();
        blinkTitle(`New chat: ${customerLabel(c, "customer")}`);
      },
      onCustomerMessage: () => {
        if (document.visibilityState === "hidden") blinkTitle("New message");
      },
    });
    d.setSelf(user.employeeId);
    return d;
  }, [queueId, user.employeeId]);
  useModel(desk);
  useEffect(() => {
    desk.start();
    const online = () => desk.reconnectNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      desk.stop();
    };
  }, [desk]);
  const targets = useMemo(() => new TransferTargets(() => transferTargets(queueId)), [queueId]);
  useEffect(() => {
    void targets.refresh();
  }, [targets]);
  const [smartFormFilling, setSmartFormFilling] = useState(false);
  useEffect(() => {
    // the case form is blank when this cannot be loaded
    formFilling().then(setSmartFormFilling, () => setSmartFormFilling(false));
  }, []);
  const here = setup.queues.get(queueId);
  return (
    <>
      <StatusBar
        desk={desk}
        queueName={here?.name ?? queueId}
        userName={user.name}
        onSignOut={() => {
          desk.signOut();
          onSignOut();
        }}
      />
      {desk.notice ? (
        <p class="notice" role="alert">
          {desk.notice}
        </p>
      ) : null}
      {desk.role === "qualityChecker" ? (
        <CheckerView desk={desk} />
      ) : (
        <AgentView
          desk={desk}
          transferTargets={targets}
          cases={{ skillQueueId: queueId, smartFormFilling }}
        />
      )}
    </>
  );
}

render(<Workbench />, document.getElementById("app")!);
