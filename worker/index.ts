/** Worker entry: the Hono app, the webhook delivery queue's consumer and the Durable Object classes. */
import { app } from "./app";
import type { Env } from "./env";
import { consumeDeliveries } from "./webhooks/consumer";
import type { DeliveryMessage } from "./webhooks/events";

export { AgentPresence } from "../durable-objects/agent-presence";
export { Housekeeping } from "../durable-objects/housekeeping";
export { SkillQueue } from "../durable-objects/skill-queue";

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
