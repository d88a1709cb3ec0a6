import { AppError } from '../errors/index.ts';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Reads `DATABASE_URL`: `file:<path>` (or `:memory:`) for SQLite, `postgres://…` for PostgreSQL.
 *
 * @example
 * parseDatabaseUrl('file:./data/groundwork.sqlite') // { kind: 'sqlite', path: './data/groundwork.sqlite' }
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url === ':memory:' || url === 'file::memory:') return { kind: 'sqlite', path: ':memory:' };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0) throw new AppError('BAD_REQUEST', 'DATABASE_URL: file: needs a path');
    return { kind: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { kind: 'postgres', url };
  }
  throw new AppError(
    'BAD_REQUEST',
    'DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)',
  );
}
