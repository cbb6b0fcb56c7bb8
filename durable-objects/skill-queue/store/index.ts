/**
 * The SkillQueue's own SQLite, one section per concern: conversations, their messages, the waiting
 * list, signed-in agents, transcripts staged by a transfer, moves, the archive outbox, the webhook
 * outbox (`events`), left messages, click-to-dial calls (owned here, or of this queue's chats),
 * staff notes, the customers' browser context, offers to callout agents, uploaded files, used
 * customer tickets and the object's meta facts (timers live in `../timers.ts`). Tables are created
 * idempotently when the object starts. Every write is synchronous SQL, so a frame is acknowledged
 * only after its row exists.
 */
import { AgentStore } from "./agents";
import { AttachmentStore } from "./attachments";
import { CallStore } from "./calls";
import { ChatCallStore } from "./chat-calls";
import { ConversationStore } from "./conversations";
import { CustomerContextStore } from "./customer-context";
import { CustomerDataStore } from "./customer-data";
import { EventStore } from "./events";
import { LeftMessageStore } from "./left-messages";
import { MessageStore } from "./messages";
import { MetaStore } from "./meta";
import { MoveStore } from "./moves";
import { NoteStore } from "./notes";
import { OfferStore } from "./offers";
import { OutboxStore } from "./outbox";
import { MIGRATIONS, SCHEMA } from "./schema";
import { StagingStore } from "./staging";
import { UsedTicketStore } from "./used-tickets";
import { WaitingStore } from "./waiting";

export type { AgentLoad } from "./agents";
export type { AttachmentRow, Uploader } from "./attachments";
export type { CallRow } from "./calls";
export type { ChatCallRow } from "./chat-calls";
export * from "./rows";

export class Store {
  readonly meta: MetaStore;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly waiting: WaitingStore;
  readonly agents: AgentStore;
  readonly staging: StagingStore;
  readonly moves: MoveStore;
  readonly outbox: OutboxStore;
  readonly leftMessages: LeftMessageStore;
  /** Click-to-dial calls this queue owns. */
  readonly calls: CallStore;
  /** Calls of this queue's chats, as their owners last told. */
  readonly chatCalls: ChatCallStore;
  readonly notes: NoteStore;
  readonly customerContext: CustomerContextStore;
  readonly offers: OfferStore;
  readonly events: EventStore;
  readonly attachments: AttachmentStore;
  /** Signed customer tickets used here (single use). */
  readonly usedTickets: UsedTicketStore;
  /** One customer's rows, for data-protection requests. */
  readonly customerData: CustomerDataStore;

  constructor(readonly sql: SqlStorage) {
    this.meta = new MetaStore(sql);
    this.waiting = new WaitingStore(sql);
    this.conversations = new ConversationStore(sql, this.waiting);
    this.messages = new MessageStore(sql, this.conversations);
    this.agents = new AgentStore(sql);
    this.staging = new StagingStore(sql, this.conversations);
    this.moves = new MoveStore(sql);
    this.outbox = new OutboxStore(sql);
    this.leftMessages = new LeftMessageStore(sql);
    this.calls = new CallStore(sql);
    this.chatCalls = new ChatCallStore(sql);
    this.notes = new NoteStore(sql);
    this.customerContext = new CustomerContextStore(sql);
    this.offers = new OfferStore(sql);
    this.events = new EventStore(sql);
    this.attachments = new AttachmentStore(sql);
    this.usedTickets = new UsedTicketStore(sql);
    this.customerData = new CustomerDataStore(sql);
  }

  /**
   * Drops what the sections keep in memory (conversation rows, the waiting list's order, meta
   * facts): they are read from SQLite again. Whoever
   * opens a storage transaction calls this when it rolls back (what was read inside it may be
   * gone), and so does anything that writes the tables other than through these sections (tests).
   */
  dropKept(): void {
    this.conversations.forgetAll();
    this.waiting.forget();
    this.meta.forget();
  }

  /** `storage.transactionSync` that drops the kept rows when `fn` throws (see `dropKept`). */
  transactionSync<T>(storage: DurableObjectStorage, fn: () => T): T {
    try {
      return storage.transactionSync(fn);
    } catch (err) {
      this.dropKept();
      throw err;
    }
  }

  /** Creates the tables, then applies each migration step not applied yet, one transaction each. */
  migrate(transaction: (step: () => void) => void, steps: readonly string[] = MIGRATIONS): void {
    this.sql.exec(SCHEMA);
    const applied = Number(this.meta.get("schemaVersion") ?? "0");
    steps.forEach((script, i) => {
      if (i < applied) return;
      transaction(() => {
        this.sql.exec(script);
        this.meta.set("schemaVersion", String(i + 1));
      });
    });
  }
}
