/** Agents signed in to the queue, their status here and their chat limit. */
import type { AgentStatus } from "../../../worker/realtime/protocol";
import type { AgentRow } from "./rows";

/** A signed-in agent with their connected chats and live calls in this queue. */
export type AgentLoad = AgentRow & { active_chats: number; active_calls: number };

export class AgentStore {
  constructor(private readonly sql: SqlStorage) {}

  get(employeeId: string): AgentRow | null {
    return (
      this.sql.exec<AgentRow>("SELECT * FROM agents WHERE employee_id = ?", employeeId).toArray()[0] ?? null
    );
  }

  all(): AgentRow[] {
    return this.sql.exec<AgentRow>("SELECT * FROM agents ORDER BY employee_id").toArray();
  }

  /**
   * Every signed-in agent with their load here, in one statement: connected chats and calls
   * ringing or talking (instead of two counts per agent).
   */
  withLoad(): AgentLoad[] {
    return this.sql
      .exec<AgentLoad>(
        `SELECT a.*,
           (SELECT COUNT(*) FROM conversations c WHERE c.agent_id = a.employee_id AND c.state = 'connected') AS active_chats,
           (SELECT COUNT(*) FROM calls k WHERE k.agent_id = a.employee_id AND k.state IN ('ringing', 'connected')) AS active_calls
         FROM agents a ORDER BY a.employee_id`,
      )
      .toArray();
  }

  upsert(a: AgentRow): void {
    this.sql.exec(
      `INSERT INTO agents (employee_id, name, status, status_since, wrap_up_until, max_chats, signed_in_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (employee_id) DO UPDATE SET name = excluded.name, max_chats = excluded.max_chats`,
      a.employee_id,
      a.name,
      a.status,
      a.status_since,
      a.wrap_up_until,
      a.max_chats,
      a.signed_in_at,
    );
  }

  setStatus(
    employeeId: string,
    status: AgentStatus,
    at: number,
    wrapUpUntil: number | null = null,
    forcedBy: string | null = null,
  ): void {
    this.sql.exec(
      "UPDATE agents SET status = ?, status_since = ?, wrap_up_until = ?, forced_by = ? WHERE employee_id = ?",
      status,
      at,
      wrapUpUntil,
      forcedBy,
      employeeId,
    );
  }

  delete(employeeId: string): void {
    this.sql.exec("DELETE FROM agents WHERE employee_id = ?", employeeId);
  }
}
