import { sql } from 'kysely';
import type { Db } from './connection.ts';

/*
 * Instance-wide mutual exclusion for work that must happen once however many processes run:
 * start-up seeding, scheduled jobs (reminders, retention). On PostgreSQL a session advisory
 * lock held on one reserved connection; on SQLite there is one process by design, so an
 * in-process lock suffices. Keys are names like `job:retention`, hashed by PostgreSQL.
 */

const local = new Map<string, Promise<unknown>>();

/**
 * Runs `work` while holding the lock `key`, waiting for it if another process holds it.
 *
 * @example
 * await withLock(db, 'startup:seed', () => seedDemo(db.kysely, clock));
 */
export async function withLock<T>(db: Db, key: string, work: () => Promise<T>): Promise<T> {
  if (db.kind !== 'postgres') {
    const previous = local.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(work);
    local.set(key, run);
    try {
      return await run;
    } finally {
      if (local.get(key) === run) local.delete(key);
    }
  }
  return db.kysely.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${key}))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}

/**
 * Runs `work` only if nobody holds `key` right now; otherwise returns `undefined` at once.
 * For periodic jobs every process schedules: whichever gets there first does the round.
 *
 * @example
 * setInterval(() => tryLock(db, 'job:retention', () => purgeExpired(db.kysely, clock)), 60_000);
 */
export async function tryLock<T>(
  db: Db,
  key: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (db.kind !== 'postgres') {
    if (local.has(key)) return undefined;
    return withLock(db, key, work);
  }
  return db.kysely.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`
      select pg_try_advisory_lock(hashtext(${key})) as ok`.execute(conn);
    if (got.rows[0]?.ok !== true) return undefined;
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}
