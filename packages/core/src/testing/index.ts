/**
 * Test helpers shared by every package: a real, migrated database per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';

export interface TestDatabase extends Db {
  url: string;
  /** Closes the database and removes its files. */
  cleanup(): Promise<void>;
}

/**
 * Opens a fresh SQLite file in a temporary folder and runs every migration on it.
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.cleanup());
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-test-'));
  const url = `file:${join(dir, 'test.sqlite')}`;
  const db = await openDatabase(url);
  await migrateToLatest(db.kysely);
  return {
    ...db,
    url,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
