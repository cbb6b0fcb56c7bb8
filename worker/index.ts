/** Worker entry: the Hono app and the Durable Object classes. */
import { app } from "./app";

export { AgentPresence } from "../durable-objects/agent-presence";
export { SkillQueue } from "../durable-objects/skill-queue";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<import("./env").Env>;
