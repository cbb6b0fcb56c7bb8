/** Test double for `SocketLike`: records what the client sends and lets a test play the server. */
import type { SocketLike } from "../reliable-socket";

export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** Frames the client sent, parsed (heartbeats excluded). */
  frames(): Array<Record<string, unknown>> {
    return this.sent.filter((s) => s !== "ping").map((s) => JSON.parse(s) as Record<string, unknown>);
  }

  /* server side */
  open(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  push(frame: object | string): void {
    this.onmessage?.({ data: typeof frame === "string" ? frame : JSON.stringify(frame) } as MessageEvent);
  }
  drop(code = 1006, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason } as CloseEvent);
  }
}

/** A socket factory that remembers every socket it made. */
export function fakeSockets() {
  const made: FakeSocket[] = [];
  return {
    made,
    create: (url: string) => {
      const s = new FakeSocket(url);
      made.push(s);
      return s;
    },
    get last(): FakeSocket {
      const s = made[made.length - 1];
      if (!s) throw new Error("no socket yet");
      return s;
    },
  };
}
