import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OutboxRow } from './outbox.table.ts';

/*
 * The worker's row operations. Every write after the claim is conditioned on
 * `locked_by = <this worker>` and `status = 'pending'`, so a worker whose lock expired (and
 * whose row another worker took over) can never overwrite the other's result, and a row
 * marked sent is never touched again.
 */

export interface ClaimOptions {
  workerId: string;
  /** ISO time: rows due at or before it, whose lock is free or expired, are claimed. */
  now: string;
  /** ISO time the claim lasts until; after it another worker may take the row over. */
  lockedUntil: string;
  limit: number;
  /**
   * PostgreSQL with several processes: lock the candidate rows with FOR UPDATE SKIP LOCKED
   * so concurrent workers take disjoint batches instead of waiting on each other. SQLite has
   * one writer at a time, so the single UPDATE is already atomic there.
   */
  skipLocked?: boolean;
}

/**
 * Atomically claims up to `limit` due rows: one UPDATE … WHERE id IN (SELECT … LIMIT n) …
 * RETURNING. The outer WHERE repeats the conditions, so a row claimed by someone else between
 * the sub-select and the update is not taken twice. Counts the attempt at claim time, so a
 * message that crashes its worker still runs out of attempts.
 *
 * @example
 * const rows = await claimDue(db, { workerId, now, lockedUntil, limit: 20 });
 */
export async function claimDue(db: Kysely<Database>, options: ClaimOptions): Promise<OutboxRow[]> {
  const { now } = options;
  return db
    .updateTable('outbox')
    .set({
      locked_by: options.workerId,
      locked_until: options.lockedUntil,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(options.limit)
        .$if(options.skipLocked === true, (qb) => qb.forUpdate().skipLocked()),
    )
    .where('status', '=', 'pending')
    .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
    .returningAll()
    .execute();
}

/**
 * True when some row is due. A plain read: the idle worker polls with it, so it does not
 * take the write lock (SQLite) every second when there is nothing to send.
 */
export async function hasDue(db: Kysely<Database>, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks claimed rows delivered (`sent`) or kept (`logged`). Returns how many changed. */
export async function markDone(
  db: Kysely<Database>,
  workerId: string,
  ids: string[],
  result: { status: 'sent' | 'logged'; at: string; messageId?: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const updated = await db
    .updateTable('outbox')
    .set({
      status: result.status,
      sent_at: result.at,
      message_id: result.messageId ?? null,
      last_error: null,
      locked_by: null,
      locked_until: null,
    })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Records a failed attempt: back to pending at `retryAt`, or `failed` when `retryAt` is null. */
export async function markAttemptFailed(
  db: Kysely<Database>,
  workerId: string,
  id: string,
  failure: { error: string; retryAt: string | null },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: failure.retryAt === null ? 'failed' : 'pending',
      next_attempt_at: failure.retryAt ?? sql<string>`next_attempt_at`,
      last_error: failure.error,
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Gives back claimed rows that were not tried (the worker is stopping): free now, and the
 * attempt counted at claim time is returned.
 */
export async function releaseClaims(
  db: Kysely<Database>,
  workerId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ locked_by: null, locked_until: null, attempts: sql<number>`attempts - 1` })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .execute();
}
