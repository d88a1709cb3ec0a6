/**
 * One-time links (first-run setup, invitations): the link carries a random 256-bit token, the
 * database keeps only its SHA-256, so a leaked backup cannot be turned into working links.
 */
import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import type { OneTimeTokenTable, TokenPurpose } from './auth.table.ts';
import { randomSecret, sha256Hex } from './crypto.ts';

export type OneTimeTokenRow = OneTimeTokenTable;

export interface IssueTokenInput {
  purpose: TokenPurpose;
  ttlMs: number;
  chapterId?: string | null;
  email?: string | null;
  role?: string | null;
  createdBy?: string | null;
}

export interface IssuedToken {
  id: string;
  /** The secret for the link; shown once, never stored. */
  token: string;
  expiresAt: string;
}

/**
 * Stores a new one-time token and returns the secret for the link.
 *
 * @example
 * const { token } = await issueToken(db, { purpose: 'setup', ttlMs: 24 * 3600_000 });
 */
export async function issueToken(
  db: Kysely<Database>,
  input: IssueTokenInput,
  clock: Clock = systemClock,
): Promise<IssuedToken> {
  const token = randomSecret();
  const now = clock.now();
  const row: OneTimeTokenRow = {
    id: newId(),
    purpose: input.purpose,
    token_hash: sha256Hex(token),
    chapter_id: input.chapterId ?? null,
    email: input.email ?? null,
    role: input.role ?? null,
    created_by: input.createdBy ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.ttlMs).toISOString(),
    used_at: null,
  };
  await db.insertInto('one_time_tokens').values(row).execute();
  return { id: row.id, token, expiresAt: row.expires_at };
}

/** The unused, unexpired token of this purpose matching the link's secret, if any. */
export async function findActiveToken(
  db: Kysely<Database>,
  purpose: TokenPurpose,
  token: string,
  clock: Clock = systemClock,
): Promise<OneTimeTokenRow | undefined> {
  return db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow(clock))
    .executeTakeFirst();
}

/**
 * Marks a token used. Returns false when someone else used it first: the update is conditional,
 * so two concurrent uses of one link cannot both succeed.
 */
export async function markTokenUsed(
  db: Kysely<Database>,
  id: string,
  clock: Clock = systemClock,
): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: isoNow(clock) })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
