/**
 * The transfer picker's data: the skill queues a chat of this queue can be handed over to, each
 * with who is signed in, idle and waiting there and whether it takes a hand-over now
 * (`GET /skill-queues/:id/transfer-targets`). Loaded when the desk opens and again when the agent
 * opens the picker (at most once per `REFRESH_MS`). Testable without components.
 */
import type { TransferTarget } from "../../../worker/schemas/realtime";
import { Observable } from "../realtime/observable";
import { errorMessage } from "../shared/api";

/** Opening the picker again within this time shows the targets already loaded. */
export const REFRESH_MS = 3000;

/** The option text, e.g. "Billing — 2 idle / 3 signed in, 1 waiting", or why the queue refuses. */
export function targetLabel(t: TransferTarget): string {
  if (t.refusal === "nobodySignedIn") return `${t.name} — nobody signed in`;
  const counts = `${t.idle} idle / ${t.signedIn} signed in, ${t.waiting} waiting`;
  return t.refusal === "queueFull" ? `${t.name} — queue full (${counts})` : `${t.name} — ${counts}`;
}

/** A warning for a target that takes the chat but where nobody is idle, else null. */
export function targetWarning(t: TransferTarget): string | null {
  return t.accepts && t.idle === 0 ? `Nobody in ${t.name} is idle now: the customer will wait there.` : null;
}

export class TransferTargets extends Observable {
  /** null until the first answer. */
  items: TransferTarget[] | null = null;
  error: string | null = null;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<TransferTarget[]>,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Loads the targets, unless an answer is younger than `REFRESH_MS` or a load is on its way. */
  refresh(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.now() - this.loadedAt < REFRESH_MS) return Promise.resolve();
    this.loading = this.load()
      .then(
        (items) => {
          this.items = items;
          this.error = null;
          this.loadedAt = this.now();
        },
        (e: unknown) => {
          this.error = errorMessage(e);
        },
      )
      .finally(() => {
        this.loading = null;
        this.changed();
      });
    return this.loading;
  }

  /** The target with `id` as last loaded. */
  get(id: string): TransferTarget | undefined {
    return this.items?.find((t) => t.id === id);
  }
}
