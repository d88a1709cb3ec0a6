import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Whether `db` (or a transaction of it) talks to PostgreSQL. For the rare query whose SQL must
 * differ between engines, e.g. case-insensitive LIKE (SQLite's LIKE folds ASCII case,
 * PostgreSQL's does not: it has ILIKE).
 *
 * @example
 * const like = isPostgres(db) ? sql.raw('ilike') : sql.raw('like');
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
