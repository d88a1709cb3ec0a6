import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Opens a SQLite file the way Groundwork needs it:
 * - WAL, so readers never block the writer;
 * - synchronous=FULL: a transaction that returned is on disk, even after a power loss
 *   (NORMAL would only survive a process crash). Group commit keeps this affordable;
 * - foreign_keys=ON (off by default in SQLite) and a busy_timeout instead of SQLITE_BUSY errors.
 */
export function openSqlite(path: string): { kysely: Kysely<Database>; raw: SQLite.Database } {
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // Erased and purged personal data must not linger in freed pages (docs/privacy.md).
  raw.pragma('secure_delete = ON');
  raw.pragma('busy_timeout = 5000');
  // SQLite's lower() folds ASCII only; PostgreSQL's folds all of Unicode. Same answers on both
  // engines for case-insensitive search ('élodie' finds 'ÉLODIE').
  raw.function('lower', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? s.toLowerCase() : s,
  );
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { kysely, raw };
}
