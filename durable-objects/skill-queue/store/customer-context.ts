/**
 * What is known of each conversation's customer browser: the page they last reported and the
 * browser and language they connected with, plus the page-report window (`rules/customer-context.ts`).
 * A row goes when its conversation does (a trigger in the schema step).
 */
import type { ReportWindow } from "../rules/customer-context";

export type CustomerContextRow = {
  conversation_id: string;
  page_url: string | null;
  page_title: string | null;
  referrer: string | null;
  page_at: number | null;
  user_agent: string | null;
  locale: string | null;
  report_window_start: number;
  report_count: number;
};

export type PageReport = { url: string; title: string; referrer: string };

export class CustomerContextStore {
  constructor(private readonly sql: SqlStorage) {}

  get(conversationId: string): CustomerContextRow | null {
    return (
      this.sql
        .exec<CustomerContextRow>("SELECT * FROM customer_context WHERE conversation_id = ?", conversationId)
        .toArray()[0] ?? null
    );
  }

  /** The browser and language the customer (re)connected with. */
  setBrowser(conversationId: string, userAgent: string | null, locale: string | null): void {
    this.sql.exec(
      `INSERT INTO customer_context (conversation_id, user_agent, locale) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET user_agent = excluded.user_agent, locale = excluded.locale`,
      conversationId,
      userAgent,
      locale,
    );
  }

  /** The page-report window as it stands. */
  window(conversationId: string): ReportWindow {
    const row = this.get(conversationId);
    return { start: row?.report_window_start ?? 0, count: row?.report_count ?? 0 };
  }

  /** Records an admitted page report with the window it leaves. */
  setPage(conversationId: string, page: PageReport, at: number, window: ReportWindow): void {
    this.sql.exec(
      `INSERT INTO customer_context (conversation_id, page_url, page_title, referrer, page_at, report_window_start, report_count)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET page_url = excluded.page_url, page_title = excluded.page_title,
         referrer = excluded.referrer, page_at = excluded.page_at,
         report_window_start = excluded.report_window_start, report_count = excluded.report_count`,
      conversationId,
      page.url,
      page.title || null,
      page.referrer || null,
      at,
      window.start,
      window.count,
    );
  }
}
