/**
 * Messages sent but not yet acknowledged, keyed by `clientMsgId`, in the order they were written.
 * Everything still here is sent again after a reconnect; the server stores a `clientMsgId` once,
 * so a resend of a message that did arrive is only acknowledged again.
 */

export type Outgoing = { clientMsgId: string };

export class Outbox<F extends Outgoing> {
  private readonly pending = new Map<string, F>();

  add(frame: F): void {
    this.pending.set(frame.clientMsgId, frame);
  }

  /** Removes and returns the acknowledged frame; undefined when it was not pending. */
  ack(clientMsgId: string): F | undefined {
    const frame = this.pending.get(clientMsgId);
    this.pending.delete(clientMsgId);
    return frame;
  }

  has(clientMsgId: string): boolean {
    return this.pending.has(clientMsgId);
  }

  /** Pending frames in write order. */
  frames(): F[] {
    return [...this.pending.values()];
  }

  get size(): number {
    return this.pending.size;
  }

  clear(): void {
    this.pending.clear();
  }
}

/** A fresh client message id (unique enough to be an idempotency key, ≤ 64 chars). */
export function newClientMsgId(): string {
  const c = globalThis.crypto;
  if (c && "randomUUID" in c) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
