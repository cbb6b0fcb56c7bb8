/**
 * Files uploaded to the queue's conversations (`attachments`): one row per upload, from the moment
 * the Worker starts it (`meta` null, `size` as announced) until the conversation leaves the object.
 * The bytes live in R2; a message refers to a row by id and carries a copy of its `meta`.
 */
import type { AttachmentMeta } from "../../../worker/schemas/attachment-meta";
import { RATE_WINDOW_MS, UPLOAD_STALE_MS, type Usage } from "../rules/attachment-quota";

export type Uploader = "customer" | "agent";

export type AttachmentRow = {
  id: string;
  conversation_id: string;
  uploader: Uploader;
  /** The customer id or the agent's employee id. */
  uploader_id: string;
  /** JSON `AttachmentMeta` once stored; null while the upload runs. */
  meta: string | null;
  size: number;
  created_at: number;
};

export class AttachmentStore {
  constructor(private readonly sql: SqlStorage) {}

  /**
   * What `uploader` put into the conversation (uploads running for less than `UPLOAD_STALE_MS`
   * included); older unfinished uploads are dropped first.
   */
  usage(conversationId: string, uploader: Uploader, now: number): Usage {
    this.sql.exec(
      "DELETE FROM attachments WHERE conversation_id = ? AND meta IS NULL AND created_at < ?",
      conversationId,
      now - UPLOAD_STALE_MS,
    );
    const row = this.sql
      .exec<{ files: number; bytes: number | null; recent: number; oldest: number | null }>(
        `SELECT COUNT(*) AS files, SUM(size) AS bytes,
           SUM(CASE WHEN created_at >= ?3 THEN 1 ELSE 0 END) AS recent,
           MIN(CASE WHEN created_at >= ?3 THEN created_at END) AS oldest
         FROM attachments WHERE conversation_id = ?1 AND uploader = ?2`,
        conversationId,
        uploader,
        now - RATE_WINDOW_MS,
      )
      .one();
    return { files: row.files, bytes: row.bytes ?? 0, recent: row.recent ?? 0, oldestRecentAt: row.oldest };
  }

  begin(row: Omit<AttachmentRow, "meta">): void {
    this.sql.exec(
      "INSERT INTO attachments (id, conversation_id, uploader, uploader_id, meta, size, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)",
      row.id,
      row.conversation_id,
      row.uploader,
      row.uploader_id,
      row.size,
      row.created_at,
    );
  }

  get(id: string): AttachmentRow | null {
    return this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE id = ?", id).toArray()[0] ?? null;
  }

  /** The upload is stored: its metadata and real size. */
  finish(id: string, meta: AttachmentMeta): void {
    this.sql.exec(
      "UPDATE attachments SET meta = ?, size = ? WHERE id = ?",
      JSON.stringify(meta),
      meta.size,
      id,
    );
  }

  drop(id: string): void {
    this.sql.exec("DELETE FROM attachments WHERE id = ?", id);
  }

  /** The stored files of a conversation (handed over with it when it moves). */
  ofConversation(conversationId: string): AttachmentRow[] {
    return this.sql
      .exec<AttachmentRow>(
        "SELECT * FROM attachments WHERE conversation_id = ? AND meta IS NOT NULL ORDER BY created_at",
        conversationId,
      )
      .toArray();
  }

  /** Takes over the files of a conversation that moved here (a repeated row is ignored). */
  adopt(rows: readonly AttachmentRow[]): void {
    for (const r of rows)
      this.sql.exec(
        "INSERT OR IGNORE INTO attachments (id, conversation_id, uploader, uploader_id, meta, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        r.id,
        r.conversation_id,
        r.uploader,
        r.uploader_id,
        r.meta,
        r.size,
        r.created_at,
      );
  }
}
