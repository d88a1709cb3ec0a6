/**
 * Test helpers shared by every package: a real, migrated database per test file.
 * SQLite by default; PostgreSQL when `GROUNDWORK_TEST_DATABASE_URL=postgres://…` is set (CI
 * runs the whole suite once per engine): each call then creates its own throw-away database
 * on that server and drops it on cleanup.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';

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
 * A database for one test file or one test server, on the suite's engine: an empty SQLite
 * file, or on PostgreSQL a clone of a migrated template (migrating it again is a no-op).
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
  const template = await migratedTemplate(server);
  await adminQuery(server, `create database ${name} template ${template}`);
  return {
    url: databaseUrl(server, name),
    kind: 'postgres',
    drop: () => adminQuery(server, `drop database if exists ${name} with (force)`),
  };
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A database with every migration applied, made once per server and migration set and then
 * cloned by CREATE DATABASE … TEMPLATE (a file copy: much faster than migrating each time).
 * Named after a hash of the migrations' code, so an edited migration gets a new template.
 * Test workers run in parallel: an advisory lock lets one build it while the others wait.
 */
async function migratedTemplate(serverUrl: string): Promise<string> {
  const source = Object.entries(migrations)
    .map(([n, m]) => `${n}\n${m.up.toString()}\n${m.down?.toString() ?? ''}`)
    .join('\n');
  const name = `gw_template_${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['groundwork-test-template']);
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_build`;
      await client.query(`drop database if exists ${building} with (force)`);
      await client.query(`create database ${building}`);
      const db = await openDatabase(databaseUrl(serverUrl, building));
      try {
        await migrateToLatest(db.kysely);
      } finally {
        await db.close();
      }
      await client.query(`alter database ${building} rename to ${name}`);
    }
  } finally {
    await client.end();
  }
  return name;
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

/**
 * A bare account for tests that need an actor: audit lines name a real user. No usable
 * password (`password_hash` is not a hash).
 *
 * @example
 * await insertTestUser(db, 'u1', clock.now().toISOString());
 */
export async function insertTestUser(db: TestDatabase, id: string, now: string): Promise<void> {
  await db.kysely
    .insertInto('users')
    .values({
      id,
      email: `${id}@example.org`,
      name: 'Org',
      password_hash: 'x',
      locale: 'en',
      created_at: now,
      updated_at: now,
    })
    .execute();
}
