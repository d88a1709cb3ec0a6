import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { memoryNotifier, type Notifier, postgresNotifier } from '../notify/index.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite.ts';
import { type DatabaseTarget, parseDatabaseUrl } from './url.ts';

/** An open database: the Kysely instance plus what differs between engines. */
export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** Checks the database answers (for /health). */
  ping(): Promise<boolean>;
  /**
   * Cross-process change hints: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite (one
   * process by design). See `notify/`.
   */
  notifier: Notifier;
  /** The pg pool on PostgreSQL (for libraries that take one, e.g. RateLimiterPostgres). */
  pgPool?: pg.Pool;
  /** The file on SQLite (not for `:memory:`), for a second connection (the signing writer thread). */
  sqlitePath?: string;
  close(): Promise<void>;
}

/**
 * Opens the database named by a `DATABASE_URL`. The one seam between engines: code outside
 * `db/` only sees Kysely and `Db.kind`.
 *
 * @example
 * const db = await openDatabase('file:./data/groundwork.sqlite');
 * const pgDb = await openDatabase('postgres://groundwork@127.0.0.1:5432/groundwork');
 */
export async function openDatabase(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  const ping = async (kysely: Kysely<Database>) => {
    const result = await sql<{ ok: number }>`select 1 as ok`.execute(kysely);
    return result.rows[0]?.ok === 1;
  };
  if (target.kind === 'postgres') {
    const { kysely, pool } = openPostgres(target.url);
    const notifier = postgresNotifier(target.url, (text, params) => pool.query(text, params));
    return {
      kysely,
      kind: 'postgres',
      ping: () => ping(kysely),
      notifier,
      pgPool: pool,
      close: async () => {
        await notifier.close();
        await kysely.destroy();
      },
    };
  }
  if (target.path !== ':memory:') createPrivately(target.path);
  const { kysely } = openSqlite(target.path);
  return {
    kysely,
    kind: 'sqlite',
    ping: () => ping(kysely),
    notifier: memoryNotifier(),
    ...(target.path !== ':memory:' ? { sqlitePath: target.path } : {}),
    close: () => kysely.destroy(),
  };
}

/**
 * The database holds supporters' personal data: readable by its owner only. A new file is
 * created with mode 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
 * database file's mode); an existing one readable by others (an older install) is tightened.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch {
    // Not ours to change (another user's file): leave its mode as its owner set it.
  }
}

/**
 * Asks the database for nothing: rejects when it does not answer or does not exist
 * (PostgreSQL connects lazily, so opening alone proves nothing).
 *
 * @example
 * await pingDatabase(await openDatabase(url));
 */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
