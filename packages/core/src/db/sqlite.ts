import SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
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
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingPrepare(raw) }),
  });
  return { kysely, raw };
}

/** Most prepared statements kept per connection (distinct SQL texts; the oldest go first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement again on each run; preparing (parsing and
 * planning the SQL) cost ~6 % of the CPU of a signature. The same text reuses its statement
 * here. A statement that is still `busy` (a stream not finished) is never handed out twice: a
 * fresh one is prepared instead.
 */
function cachingPrepare(raw: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const known = statements.get(sql);
      if (known && !known.busy) return known;
      const statement = raw.prepare(sql);
      if (!known) {
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          statements.delete(statements.keys().next().value as string);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      raw.close();
    },
  };
}
