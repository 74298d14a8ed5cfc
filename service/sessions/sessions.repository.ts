import type { SessionPurpose } from '../../schema/index.js';
import type { Db } from '../db/database.js';
import { lockRow } from '../db/dialect.js';
import type { SessionsTable } from '../db/schema.js';
import { randomBase62, randomId, sha256Hex } from '../security/secrets.js';

/** `cus_` + 43 base62 characters ≈ 256 random bits (issue 3 asks ≥128). */
export const newSessionToken = () => `cus_${randomBase62(43)}`;

export interface NewSession {
  readonly appId: string;
  readonly userId: string;
  readonly purpose: SessionPurpose;
  readonly state?: string | undefined;
  readonly consentId?: string | undefined;
  readonly ttlSeconds: number;
}

/**
 * Creates a session and returns its token, the only copy (the row keeps a hash). Any earlier open
 * session of the same user and purpose is invalidated in the same transaction (docs/contract.md §3), so only
 * the newest link works.
 */
export async function createSession(db: Db, input: NewSession, now: Date): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = newSessionToken();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000).toISOString();
  const id = randomId('ses');
  await db.transaction().execute(async (trx) => {
    // Two sessions made at once for one user must not both stay open.
    await lockRow(trx, 'users', 'id', input.userId);
    await trx
      .updateTable('sessions')
      .set({ invalidated_at: at })
      .where('app_id', '=', input.appId)
      .where('user_id', '=', input.userId)
      .where('purpose', '=', input.purpose)
      .where('invalidated_at', 'is', null)
      .where('spent_at', 'is', null)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id,
        token_hash: sha256Hex(token),
        app_id: input.appId,
        user_id: input.userId,
        purpose: input.purpose,
        state: input.state ?? null,
        consent_id: input.consentId ?? null,
        expires_at: expiresAt,
        spent_at: null,
        invalidated_at: null,
        created_at: at,
      })
      .execute();
  });
  return { id, token, expiresAt };
}

/** The session holding this token, with its application, whatever its state. */
export async function findSessionByToken(db: Db, token: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('applications', 'applications.id', 'sessions.app_id')
    .selectAll('sessions')
    .select(['applications.name as app_name', 'applications.environment as app_environment', 'applications.allowed_origins as app_allowed_origins'])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
}

export type SessionState = 'active' | 'expired' | 'spent' | 'invalidated';

/** Where a session stands at `now`; only an active one authenticates anything. */
export function sessionState(row: Pick<SessionsTable, 'expires_at' | 'spent_at' | 'invalidated_at'>, now: Date): SessionState {
  if (row.spent_at) return 'spent';
  if (row.invalidated_at) return 'invalidated';
  if (Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

/** Marks a session used up (a connect journey completed): its token grants nothing from then on. */
export async function spendSession(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('sessions').set({ spent_at: at }).where('id', '=', id).where('spent_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
