/** A queue with one webhook endpoint on the tests' loopback receiver, and its received events. */
import { bucket, type Received } from "../../../worker/test/receiver";
import type { WebhookEvent, WebhookEventType } from "../../../worker/webhooks/events";
import { adminOf, type Fixture } from "./fixtures";

export const eventsOf = (got: Received[]) => got.map((r) => JSON.parse(r.body) as WebhookEvent);

/** Registers an endpoint of `fx`'s tenant for `types` (receiver answers by `query`). */
export async function withEndpoint<F extends Fixture>(fx: F, types: readonly WebhookEventType[], query = "") {
  const admin = await adminOf(fx);
  const r = bucket(query);
  const created = await admin.post("/webhooks", { url: r.url, events: types });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return { fx, admin, r, secret: created.body.secret as string };
}
