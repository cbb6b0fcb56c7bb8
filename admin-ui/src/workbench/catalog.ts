/**
 * The workbench's lists from the REST API that the chat tools use: the canned responses the agent
 * may use (`/canned-responses`: their personal ones and the tenant-wide ones of their OUs) and the
 * tenant's tags (`/tags`). Loaded once per desk and again after the agent changes a personal
 * response. Testable without components.
 */
import type { CannedResponse, CannedResponseInput } from "../../../worker/schemas/canned-responses";
import type { Tag } from "../../../worker/schemas/tags";
import { Observable } from "../realtime/observable";
import { api, errorMessage, fetchAll } from "../shared/api";

/** A list loaded from a list endpoint; `items` is empty until the first answer. */
export class Catalog<T> extends Observable {
  items: T[] = [];
  loaded = false;
  error: string | null = null;

  constructor(private readonly fetch: () => Promise<T[]>) {
    super();
  }

  async load(): Promise<void> {
    try {
      this.items = await this.fetch();
      this.loaded = true;
      this.error = null;
    } catch (e) {
      this.error = errorMessage(e);
    }
    this.changed();
  }
}

export type PersonalInput = Pick<CannedResponseInput, "shortcut" | "title" | "text">;

/** The canned responses the signed-in employee may use, and their own personal ones to manage. */
export class CannedResponses extends Catalog<CannedResponse> {
  constructor() {
    super(() => fetchAll<CannedResponse>("/canned-responses"));
  }

  personal(): CannedResponse[] {
    return this.items.filter((c) => c.scope === "personal");
  }

  /** Creates (no id) or updates a personal response; throws the API's error (field errors included). */
  async save(input: PersonalInput, id?: string): Promise<void> {
    if (id) await api.patch(`/canned-responses/${encodeURIComponent(id)}`, input);
    else await api.post("/canned-responses", { ...input, scope: "personal" });
    await this.load();
  }

  async remove(id: string): Promise<void> {
    await api.del(`/canned-responses/${encodeURIComponent(id)}`);
    await this.load();
  }
}

export class TagList extends Catalog<Tag> {
  constructor() {
    super(() => fetchAll<Tag>("/tags"));
  }

  name(id: string): string | null {
    return this.items.find((t) => t.id === id)?.name ?? null;
  }
}
