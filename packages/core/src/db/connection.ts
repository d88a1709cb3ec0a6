import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../errors/index.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite.ts';
import { type DatabaseTarget, parseDatabaseUrl } from './url.ts';

/** An open database: the Kysely instance plus what differs between engines. */
export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** Checks the database answers (for /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the database named by a `DATABASE_URL`. The one seam between engines: code outside
 * `db/` only sees Kysely and `Db.kind`.
 *
 * @example
 * const db = await openDatabase('file:./data/groundwork.sqlite');
 */
export async function openDatabase(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') {
    throw new AppError('BAD_REQUEST', 'DATABASE_URL: PostgreSQL is not supported yet');
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  const { kysely } = openSqlite(target.path);
  return {
    kysely,
    kind: 'sqlite',
    ping: async () => {
      const result = await sql<{ ok: number }>`select 1 as ok`.execute(kysely);
      return result.rows[0]?.ok === 1;
    },
    close: () => kysely.destroy(),
  };
}
