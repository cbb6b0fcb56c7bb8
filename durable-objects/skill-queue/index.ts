/** SkillQueue: one Durable Object per skill queue (live queue, agents, conversations, timers). */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env";

export class SkillQueue extends DurableObject<Env> {}
