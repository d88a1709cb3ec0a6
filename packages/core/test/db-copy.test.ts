import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@groundwork/core/clock';
import { copyDatabase, type Db, describeTables, openDatabase } from '@groundwork/core/db';
import {
  createScratchDatabase,
  createTestDatabase,
  type TestDatabase,
  testPostgresUrl,
} from '@groundwork/core/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The suite's engine (SQLite, or PostgreSQL in CI's second pass) is the source; each copy goes
// to a fresh SQLite file and to a fresh database of the suite's engine, so the PostgreSQL pass
// covers PostgreSQL → SQLite, SQLite → PostgreSQL and PostgreSQL → PostgreSQL.
const SIGNERS = 1234;
let source: TestDatabase;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  source = await createTestDatabase();
  await fill(source.kysely as Kysely<any>, SIGNERS);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await source.cleanup();
});

async function sqliteTarget(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-copy-'));
  const db = await openDatabase(`file:${join(dir, 'copy.sqlite')}`);
  cleanups.push(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

async function scratchTarget(): Promise<Db> {
  const scratch = await createScratchDatabase();
  const db = await openDatabase(scratch.url);
  cleanups.push(async () => {
    await db.close();
    await scratch.drop();
  });
  return db;
}

describe('groundwork db copy (core)', () => {
  it('orders tables so every foreign key points at a table copied before it', async () => {
    const tables = await describeTables(source);
    const seen = new Set<string>();
    for (const table of tables) {
      for (const parent of table.references) expect(seen.has(parent)).toBe(true);
      seen.add(table.name);
    }
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['chapters', 'signatures']));
  });

  it('copies the suite engine → SQLite in batches and verifies counts and counters', async () => {
    const target = await sqliteTarget();
    const progress: number[] = [];
    const report = await copyDatabase(source, target, {
      batchSize: 100,
      onProgress: (table, copied) => table === 'signatures' && progress.push(copied),
    });
    expect(report.ok).toBe(true);
    expect(report.tables.find((t) => t.name === 'signatures')).toEqual({
      name: 'signatures',
      source: SIGNERS,
      target: SIGNERS,
    });
    expect(report.counters).toEqual([
      expect.objectContaining({ source: SIGNERS, target: SIGNERS, signatures: SIGNERS }),
    ]);
    expect(progress.length).toBe(Math.ceil(SIGNERS / 100));
    // Values survive exactly, unicode included.
    const person = await (target.kysely as Kysely<any>)
      .selectFrom('people')
      .select(['name', 'email'])
      .where('email', '=', 'signer7@example.org')
      .executeTakeFirstOrThrow();
    expect(person.name).toBe('Zoë 7 🙂 «quote»');
  });

  it('copies into a fresh database of the suite engine and back again', async () => {
    const target = await scratchTarget();
    const report = await copyDatabase(source, target, { batchSize: 500 });
    expect(report.ok).toBe(true);
    const back = await sqliteTarget();
    const again = await copyDatabase(target, back);
    expect(again.ok).toBe(true);
    // Tables with no foreign key between them may come in another order from each engine.
    const byName = (t: { name: string }[]) => [...t].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(again.tables)).toEqual(byName(report.tables));
  });

  it('copies a SQLite instance into the suite engine (SQLite → PostgreSQL in CI)', async () => {
    const sqliteSource = await sqliteTarget();
    await copyDatabase(source, sqliteSource);
    const target = await scratchTarget();
    const report = await copyDatabase(sqliteSource, target);
    expect(report.ok).toBe(true);
    expect(target.kind).toBe(testPostgresUrl() ? 'postgres' : 'sqlite');
  });

  it('refuses a target that already holds data and leaves it untouched', async () => {
    const target = await scratchTarget();
    await copyDatabase(source, target);
    const error = await copyDatabase(source, target).catch((e) => e);
    expect(String(error.message)).toMatch(/already holds data/);
    const rows = await (target.kysely as Kysely<any>)
      .selectFrom('signatures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(SIGNERS);
  });
});

/** A chapter, one live pledge, SIGNERS people who signed it, and its sharded counter. */
async function fill(db: Kysely<any>, signers: number): Promise<void> {
  const now = new Date().toISOString();
  const chapterId = newId();
  const pledgeId = newId();
  await db
    .insertInto('chapters')
    .values({ id: chapterId, slug: 'copy', name: 'Copy', created_at: now })
    .execute();
  await db
    .insertInto('pledges')
    .values({
      id: pledgeId,
      chapter_id: chapterId,
      slug: 'copy-pledge',
      status: 'live',
      goal: 5000,
      default_locale: 'en',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const shards = new Map<number, number>();
  for (let start = 0; start < signers; start += 200) {
    const people = [];
    const signatures = [];
    for (let i = start; i < Math.min(signers, start + 200); i++) {
      const personId = newId();
      people.push({
        id: personId,
        chapter_id: chapterId,
        email: `signer${i}@example.org`,
        name: `Zoë ${i} 🙂 «quote»`,
        locale: 'fr',
        created_at: now,
        updated_at: now,
      });
      signatures.push({
        id: newId(),
        chapter_id: chapterId,
        pledge_id: pledgeId,
        person_id: personId,
        locale: 'fr',
        referral_code: `r${i}`,
        status: i % 3 === 0 ? 'confirmed' : 'pending',
        created_at: now,
      });
      shards.set(i % 8, (shards.get(i % 8) ?? 0) + 1);
    }
    await db.insertInto('people').values(people).execute();
    await db.insertInto('signatures').values(signatures).execute();
  }
  for (const [shard, n] of shards) {
    await db
      .insertInto('pledge_counters')
      .values({ pledge_id: pledgeId, shard, confirmed: 0, pending: n })
      .execute();
  }
}
