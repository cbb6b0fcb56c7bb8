/** Types of scripts/history.mjs for the TypeScript callers (e2e). */
type Row = Record<string, string | number | null>;
export type History = { conversations: Row[]; messages: Row[] };

export function generateHistory(options: {
  tenantId: string;
  channelId: string;
  queueIds: (string | null)[];
  agents: { employeeId: string; name: string }[];
  count: number;
  days: number;
  now?: number;
  seed?: number;
  messages?: boolean;
}): History;
export function historySql(history: History, perStatement?: number): string[];
export function applyHistory(
  statements: string[],
  options?: { persistTo?: string; config?: string; wrangler?: string[] },
): Promise<void>;
