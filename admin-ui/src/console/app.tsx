/**
 * The console: session gate, then path routes under `/`. Links to `/workbench`, `/try/…`, `/api/…`,
 * `/ws/…` and `/widget.js` are left to the browser (they are other pages or the Worker).
 */
import { LocationProvider, Route, Router } from "preact-iso";
import { ConfirmHost, Spinner, Toasts } from "../shared/components/feedback";
import { Layout } from "./components/layout";
import { currentUser, sessionState, signOut } from "./models/session";
import { AccessCodeEditor, AccessCodesPage } from "./pages/access-codes";
import { AgentBatchPage, AgentEditor, AgentsPage } from "./pages/agents";
import { ApiTokensPage } from "./pages/api-tokens";
import { AuditLogPage } from "./pages/audit-log";
import { CalledRouteEditor, CalledRoutesPage } from "./pages/called-routes";
import { CannedResponseEditor, CannedResponsesPage } from "./pages/canned-responses";
import { CaseEditor, CasesPage } from "./pages/cases";
import { ChannelEditor, ChannelsPage } from "./pages/channels";
import { ConversationPage, ConversationsPage } from "./pages/conversations";
import { EmployeeEditor, EmployeesPage } from "./pages/employees";
import { LiveDashboard } from "./pages/live";
import { NotFound } from "./pages/not-found";
import { OrgUnitsPage } from "./pages/org-units";
import { PrivacyPage } from "./pages/privacy";
import { ReportsPage } from "./pages/reports";
import { RobotEditor, RobotsPage } from "./pages/robots";
import { SignIn } from "./pages/sign-in";
import { SkillQueueGroupEditor, SkillQueueGroupsPage } from "./pages/skill-queue-groups";
import { SkillQueueEditor, SkillQueuesPage } from "./pages/skill-queues";
import { TagEditor, TagsPage } from "./pages/tags";
import { TenantPage } from "./pages/tenant";
import { WebhookEditor, WebhooksPage } from "./pages/webhooks";

/** Paths the console router never intercepts. */
export const CONSOLE_SCOPE = /^\/(?!workbench(?:[/.?#]|$)|try\/|api\/|ws\/|widget\.js)/;

function Console() {
  return (
    <Layout>
      <Router>
        <Route path="/" component={LiveDashboard} />
        <Route path="/conversations" component={ConversationsPage} />
        <Route path="/conversations/:id" component={ConversationPage} />
        <Route path="/cases" component={CasesPage} />
        <Route path="/cases/:id" component={CaseEditor} />
        <Route path="/reports" component={ReportsPage} />
        <Route path="/tenant" component={TenantPage} />
        <Route path="/org-units" component={OrgUnitsPage} />
        <Route path="/employees" component={EmployeesPage} />
        <Route path="/employees/:id" component={EmployeeEditor} />
        <Route path="/access-codes" component={AccessCodesPage} />
        <Route path="/access-codes/:id" component={AccessCodeEditor} />
        <Route path="/skill-queues" component={SkillQueuesPage} />
        <Route path="/skill-queues/:id" component={SkillQueueEditor} />
        <Route path="/skill-queue-groups" component={SkillQueueGroupsPage} />
        <Route path="/skill-queue-groups/:id" component={SkillQueueGroupEditor} />
        <Route path="/called-routes" component={CalledRoutesPage} />
        <Route path="/called-routes/:id" component={CalledRouteEditor} />
        <Route path="/robots" component={RobotsPage} />
        <Route path="/robots/:id" component={RobotEditor} />
        <Route path="/agents" component={AgentsPage} />
        <Route path="/agents/batch" component={AgentBatchPage} />
        <Route path="/agents/:id" component={AgentEditor} />
        <Route path="/channels" component={ChannelsPage} />
        <Route path="/channels/:id" component={ChannelEditor} />
        <Route path="/canned-responses" component={CannedResponsesPage} />
        <Route path="/canned-responses/:id" component={CannedResponseEditor} />
        <Route path="/tags" component={TagsPage} />
        <Route path="/tags/:id" component={TagEditor} />
        <Route path="/webhooks" component={WebhooksPage} />
        <Route path="/webhooks/:id" component={WebhookEditor} />
        <Route path="/api-tokens" component={ApiTokensPage} />
        <Route path="/audit-log" component={AuditLogPage} />
        <Route path="/privacy" component={PrivacyPage} />
        <Route default component={NotFound} />
      </Router>
    </Layout>
  );
}

function NotAdmin() {
  return (
    <div class="signin">
      <div class="card">
        <h1>Tenant administrators only</h1>
        <p class="muted">
          {currentUser.value?.name}, this console configures the tenant. Agents work in the Online Chat
          Workbench.
        </p>
        <a class="btn btn-primary" href="/workbench">
          Open the workbench
        </a>
        <button type="button" class="btn" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </div>
  );
}

export function App() {
  const state = sessionState.value;
  return (
    <LocationProvider scope={CONSOLE_SCOPE}>
      {state === "checking" ? <Spinner label="Checking your session…" /> : null}
      {state === "signedOut" ? <SignIn /> : null}
      {state === "signedIn" ? currentUser.value?.role === "tenantAdmin" ? <Console /> : <NotAdmin /> : null}
      <Toasts />
      <ConfirmHost />
    </LocationProvider>
  );
}
