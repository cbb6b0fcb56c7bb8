/**
 * The Hono app: every sub-app mounted in one place. `AppType` is exported for typed `hc` clients;
 * the pages use the small fetch client in `admin-ui/src/shared/api.ts` with the shared schemas.
 */
import { Hono } from "hono";
import { accessCodesApi } from "./api/access-codes";
import { agentFormFillingApi } from "./api/agent-form-filling";
import { agentTicketsApi } from "./api/agent-tickets";
import { agentsApi } from "./api/agents";
import { apiTokensApi } from "./api/api-tokens";
import { chatAttachmentsApi, staffAttachmentsApi } from "./api/attachments";
import { auditLogApi } from "./api/audit-log";
import { calledRoutesApi } from "./api/called-routes";
import { cannedResponsesApi } from "./api/canned-responses";
import { casesApi } from "./api/cases";
import { channelsApi } from "./api/channels";
import { chatBrandingApi } from "./api/chat-branding";
import { chatTicketsApi } from "./api/chat-tickets";
import { forgetChannelsAfterWrite } from "./api/config-changed";
import { conversationsApi } from "./api/conversations";
import { employeesApi } from "./api/employees";
import { liveApi } from "./api/live";
import { orgUnitsApi } from "./api/org-units";
import { platformApi } from "./api/platform";
import { privacyApi } from "./api/privacy";
import { reportsApi } from "./api/reports";
import { robotsApi } from "./api/robots";
import { skillQueueGroupsApi } from "./api/skill-queue-groups";
import { skillQueuesApi } from "./api/skill-queues";
import { tagsApi } from "./api/tags";
import { tenantSettingsApi } from "./api/tenant";
import { transferTargetsApi } from "./api/transfer-targets";
import { tryPage } from "./api/try-page";
import { webhooksApi } from "./api/webhooks";
import { auditConfigChanges } from "./audit/record";
import { authApi } from "./auth/routes";
import { requireEmployee } from "./auth/session";
import type { AppEnv } from "./env";
import { docsPage, docsScript, docsStyle } from "./http/docs-page";
import { openApiDocument } from "./http/openapi";
import { onError, problemResponse } from "./http/problem";
import { DOCS_CSP, securityHeaders } from "./http/security-headers";
import { wsRoutes } from "./realtime/ws-routes";

/** Tenant resources: every route needs a verified employee session (the tenant comes from it). */
const tenantApi = new Hono<AppEnv>()
  .use(requireEmployee())
  .use(auditConfigChanges(async (request, env, ctx): Promise<Response> => tenantApi.fetch(request, env, ctx)))
  .route("/access-codes", accessCodesApi)
  .route("/skill-queues", skillQueuesApi)
  .route("/called-routes", calledRoutesApi)
  .route("/tenant", tenantSettingsApi)
  .route("/org-units", orgUnitsApi)
  .route("/employees", employeesApi)
  .route("/skill-queue-groups", skillQueueGroupsApi)
  .route("/robots", robotsApi)
  .route("/agents", agentsApi)
  .route("/channels", channelsApi)
  .route("/conversations", conversationsApi)
  .route("/tags", tagsApi)
  .route("/canned-responses", cannedResponsesApi)
  .route("/cases", casesApi)
  .route("/conversations", staffAttachmentsApi)
  .route("/reports", reportsApi)
  .route("/agent/tickets", agentTicketsApi)
  .route("/agent/form-filling", agentFormFillingApi)
  .route("/skill-queues", liveApi)
  .route("/skill-queues", transferTargetsApi)
  .route("/webhooks", webhooksApi)
  .route("/api-tokens", apiTokensApi)
  .route("/audit-log", auditLogApi)
  .route("/privacy", privacyApi);

const api = new Hono<AppEnv>()
  .use(forgetChannelsAfterWrite)
  .route("/auth", authApi)
  .route("/platform", platformApi)
  .route("/chat/tickets", chatTicketsApi)
  .route("/chat/channels", chatBrandingApi)
  .route("/chat/attachments", chatAttachmentsApi)
  .get("/openapi.json", (c) => c.json(openApiDocument() as object, 200))
  .route("/", tenantApi);

export const app = new Hono<AppEnv>()
  .use(securityHeaders)
  .route("/api/v1", api)
  .route("/ws", wsRoutes)
  .route("/try", tryPage)
  .get("/api/docs", (c) => c.html(docsPage, 200, { "content-security-policy": DOCS_CSP }))
  .get("/api/docs/docs.js", (c) =>
    c.body(docsScript, 200, { "content-type": "text/javascript; charset=utf-8" }),
  )
  .get("/api/docs/docs.css", (c) => c.body(docsStyle, 200, { "content-type": "text/css; charset=utf-8" }))
  .notFound((c) =>
    c.req.path.startsWith("/api/") ? problemResponse(404, "No such route") : c.env.ASSETS.fetch(c.req.raw),
  )
  .onError(onError);

export type AppType = typeof app;
