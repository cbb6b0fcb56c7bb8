/** Webhook endpoints and their delivery log (server and console). */
import * as v from "valibot";
import { MAX_URL_LENGTH } from "../rules/webhook-url";
import { WEBHOOK_EVENT_TYPES } from "../webhooks/events";
import { distinctChoices } from "./common";

/** At most this many endpoints per tenant. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export const WebhookInputSchema = v.strictObject({
  /** https only (loopback over http only where the deployment allows it); never a private address. */
  url: v.pipe(
    v.string("url must be text"),
    v.trim(),
    v.minLength(1, "url is required"),
    v.maxLength(MAX_URL_LENGTH, `The URL must be at most ${MAX_URL_LENGTH} characters`),
    v.description(
      "`https://` only, at most 2048 characters, no user name or password; never a private, shared, link-local, multicast or reserved address nor a private zone (`.local`, `.internal`, …). Loopback receivers (`http://127.0.0.1`, `http://localhost`) only where the deployment sets `WEBHOOK_ALLOW_LOOPBACK=1` (tests, local development).",
    ),
  ),
  description: v.optional(
    v.pipe(
      v.string("description must be text"),
      v.trim(),
      v.maxLength(255, "description must be at most 255 characters"),
    ),
    "",
  ),
  events: distinctChoices(WEBHOOK_EVENT_TYPES, "events", "event"),
  /** false pauses deliveries; setting it back to true re-enables an endpoint disabled for failing. */
  enabled: v.optional(v.boolean("enabled must be true or false"), true),
});
export type WebhookInput = v.InferOutput<typeof WebhookInputSchema>;

export const WebhookSchema = v.object({
  id: v.string(),
  url: v.string(),
  description: v.string(),
  events: v.array(v.picklist(WEBHOOK_EVENT_TYPES)),
  enabled: v.boolean(),
  /** When it was disabled (by an administrator, or automatically for failing), else null. */
  disabledAt: v.nullable(v.number()),
  /** Why it was disabled automatically; null when an administrator disabled it or it is enabled. */
  disabledReason: v.nullable(v.string()),
  /** Queued deliveries that failed in a row since the last success. */
  failureStreak: v.number(),
  lastAttemptAt: v.nullable(v.number()),
  /** HTTP status of the last attempt (null: none yet, or no answer). */
  lastStatusCode: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  createdAt: v.number(),
});
export type Webhook = v.InferOutput<typeof WebhookSchema>;

/** Creation and secret rotation show the signing secret, once. */
export const WebhookWithSecretSchema = v.object({
  ...WebhookSchema.entries,
  secret: v.pipe(v.string(), v.description("The signing secret (`whsec_…`); shown only in this answer.")),
});
export type WebhookWithSecret = v.InferOutput<typeof WebhookWithSecretSchema>;

export const DeliverySchema = v.object({
  id: v.string(),
  eventId: v.string(),
  eventType: v.string(),
  attempt: v.number(),
  /** delivered; retrying (failed, tried again later); gaveUp (failed, the event is too old); failed (a test send). */
  outcome: v.picklist(["delivered", "retrying", "gaveUp", "failed"]),
  statusCode: v.nullable(v.number()),
  durationMs: v.number(),
  error: v.nullable(v.string()),
  at: v.number(),
  /** When a `retrying` delivery is attempted again. */
  nextAttemptAt: v.nullable(v.number()),
});
export type Delivery = v.InferOutput<typeof DeliverySchema>;
