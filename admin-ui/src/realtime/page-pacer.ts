/**
 * Spaces the follow-up requests of a paged replay at least `intervalMs` apart, so catching up on
 * a very long conversation never trips the server's flood limit (40 frames per 2 s per socket).
 * Only the latest request waits; `cancel` drops it (a reconnect starts the replay over).
 */
export class PagePacer {
  private last = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly intervalMs = 100) {}

  /** Runs `request` now, or once `intervalMs` have passed since the previous one. */
  run(request: () => void): void {
    this.cancel();
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.fire(request);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire(request);
    }, wait);
  }

  /** Runs `request` at once (the first page of a replay), dropping a waiting one. */
  runNow(request: () => void): void {
    this.cancel();
    this.fire(request);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(request: () => void) {
    this.last = Date.now();
    request();
  }
}
