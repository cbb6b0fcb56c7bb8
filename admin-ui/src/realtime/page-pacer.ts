/**
 * Spaces the follow-up requests of a paged replay or of history pages at least `intervalMs` apart,
 * so catching up on a very long conversation never trips the server's flood limit (40 frames per
 * 2 s per socket), and honours the server's pull budget: a request refused with `rate_limited` is
 * sent again once its `retryAfterMs` has passed (`retry`), and nothing else goes before then
 * (`hold`: a pull sent earlier would be refused too, and too many such close the socket).
 * Only the latest request waits; `cancel` drops it (a reconnect starts the replay over).
 */

/** Wait after a `rate_limited` refusal that names no `retryAfterMs`. */
export const RETRY_AFTER_DEFAULT_MS = 1000;

export class PagePacer {
  private last = Number.NEGATIVE_INFINITY;
  private notBefore = Number.NEGATIVE_INFINITY;
  private lastRequest: (() => void) | null = null;
  private pending: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly intervalMs = 100) {}

  /** Runs `request` now, or once `intervalMs` have passed since the previous one (and any hold). */
  run(request: () => void): void {
    this.cancel();
    const wait = Math.max(this.last + this.intervalMs, this.notBefore) - Date.now();
    if (wait <= 0) {
      this.fire(request);
      return;
    }
    this.pending = request;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pending = null;
      this.fire(request);
    }, wait);
  }

  /** Runs `request` at once (the first page on a new connection, which has a fresh budget), dropping a waiting one. */
  runNow(request: () => void): void {
    this.cancel();
    this.notBefore = Number.NEGATIVE_INFINITY;
    this.fire(request);
  }

  /** Sends nothing for `afterMs` (a waiting request waits longer). */
  hold(afterMs: number): void {
    this.notBefore = Math.max(this.notBefore, Date.now() + afterMs);
    if (this.pending) this.run(this.pending);
  }

  /** The server refused the last request (`rate_limited`): runs it again once `afterMs` have passed. */
  retry(afterMs: number): void {
    this.hold(afterMs);
    if (!this.pending && this.lastRequest) this.run(this.lastRequest);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private fire(request: () => void) {
    this.last = Date.now();
    this.lastRequest = request;
    request();
  }
}
