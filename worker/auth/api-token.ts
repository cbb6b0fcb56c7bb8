/**
 * Tenant API tokens: `ecs_pat_` and 256 random bits, so a token is told apart from a session
 * token at a glance (and by secret scanners). D1 stores only its SHA-256; the tenant comes from
 * the token's row alone. A revoked token stops at its next request (the row is read on every
 * request, never cached). Its last use is written at most once a minute.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { newToken, sha256Hex } from "../db/ids";
import { apiTokens } from "../db/schema";
import type { Db } from "../db/tenant-db";

export const API_TOKEN_PREFIX = "ecs_pat_";
/** How many characters of a token are kept in clear to tell tokens apart in lists. */
const SHOWN = API_TOKEN_PREFIX.length + 4;
export const LAST_USE_EVERY_MS = 60_000;

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

export async function newApiToken(): Promise<{ token: string; hash: string; prefix: string }> {
  const token = `${API_TOKEN_PREFIX}${newToken()}`;
  return { token, hash: await sha256Hex(token), prefix: token.slice(0, SHOWN) };
}

/** The token's row when it exists and is not revoked; notes its use (once a minute at most). */
export async function useApiToken(db: Db, token: string, now: number): Promise<ApiTokenRow | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USE_EVERY_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - LAST_USE_EVERY_MS + 1)),
        ),
      );
  }
  return row;
}
