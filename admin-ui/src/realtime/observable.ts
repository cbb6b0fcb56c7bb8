/** A minimal change notifier for the session models: views subscribe and re-read the model. */

export type Listener = () => void;

export class Observable {
  private readonly listeners = new Set<Listener>();

  /** Registers `fn`; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  protected changed(): void {
    for (const fn of [...this.listeners]) fn();
  }
}
