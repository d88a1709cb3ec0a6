export { type Db, openDatabase, pingDatabase } from './connection.ts';
export { CopyMismatch, type CopyReport, copyDatabase, describeTables } from './copy.ts';
export { isPostgres } from './dialect.ts';
export { tryLock, withLock } from './locks.ts';
export { migrateToLatest } from './migrate.ts';
export { isTransientError, retryTransient } from './retry.ts';
export type { Database } from './schema.ts';
export { type DatabaseTarget, parseDatabaseUrl } from './url.ts';
