import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/*
 * int8 (COUNT(*), SUM over integers, bigint columns) arrives from pg as a string, because a
 * JavaScript number cannot hold every 64-bit value. Every count Groundwork keeps fits easily
 * in 2^53, and SQLite hands back numbers, so both engines answer the same shape.
 * NUMERIC (1700) stays a string: it is exact by design and we do not use it.
 */
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** Pool size; the default suits one API process on a small machine. */
  max?: number;
}

/**
 * Opens a pg pool on a `postgres://` URL and wraps it in Kysely's PostgresDialect.
 * Transactions use PostgreSQL's default READ COMMITTED isolation: every write path in
 * Groundwork is either a single statement or guarded by a unique constraint/row lock.
 *
 * @example
 * const { kysely, pool } = openPostgres('postgres://groundwork@127.0.0.1/groundwork');
 */
export function openPostgres(
  url: string,
  options: PostgresOptions = {},
): { kysely: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    types,
    application_name: 'groundwork',
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // would crash the process. The pool drops the client and the next query reconnects.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, pool };
}

/** The `types` option every Groundwork pg client uses (int8 as numbers). */
export const pgTypes = types;
