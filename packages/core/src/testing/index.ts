/**
 * Test helpers shared by every package: a real, migrated database per test file.
 * SQLite by default; PostgreSQL when `GROUNDWORK_TEST_DATABASE_URL=postgres://…` is set (CI
 * runs the whole suite once per engine): each call then creates its own throw-away database
 * on that server and drops it on cleanup.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';

export interface TestDatabase extends Db {
  url: string;
  /** Closes the database and removes its files (or drops the PostgreSQL database). */
  cleanup(): Promise<void>;
}

export interface ScratchDatabase {
  /** A `DATABASE_URL` for an empty database nobody else uses. */
  url: string;
  kind: 'sqlite' | 'postgres';
  /** Removes it; call after every connection to it is closed (PostgreSQL forces them). */
  drop(): Promise<void>;
}

/** The PostgreSQL server the suite runs on, or undefined for SQLite. */
export function testPostgresUrl(): string | undefined {
  const url = process.env.GROUNDWORK_TEST_DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

/**
 * An empty database for one test file or one test server, on the suite's engine.
 *
 * @example
 * const scratch = await createScratchDatabase();
 * const db = await openDatabase(scratch.url);
 * // ...
 * await db.close();
 * await scratch.drop();
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const server = testPostgresUrl();
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'groundwork-test-'));
    return {
      url: `file:${join(dir, 'test.sqlite')}`,
      kind: 'sqlite',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `gw_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgres',
    drop: () => adminQuery(server, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Opens a fresh database (SQLite file in a temporary folder, or a throw-away PostgreSQL
 * database, see above) and runs every migration on it.
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.cleanup());
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const scratch = await createScratchDatabase();
  const db = await openDatabase(scratch.url);
  await migrateToLatest(db.kysely);
  return {
    ...db,
    url: scratch.url,
    cleanup: async () => {
      await db.close();
      await scratch.drop();
    },
  };
}
