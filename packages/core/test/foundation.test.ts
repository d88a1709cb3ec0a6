import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChapter, findChapterBySlug } from '@groundwork/core/chapters';
import { openDatabase } from '@groundwork/core/db';
import { seedDemo } from '@groundwork/core/demo';
import { AppError } from '@groundwork/core/errors';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());

describe('the database', () => {
  it('enforces foreign keys on either engine', async () => {
    const error = await db.kysely
      .insertInto('memberships')
      .values({ user_id: 'nobody', chapter_id: 'nowhere', role: 'owner', created_at: 'x' })
      .execute()
      .catch((e) => e);
    expect(error).toBeInstanceOf(Error);
  });

  it('opens SQLite in WAL mode with foreign keys on and synchronous=FULL', async () => {
    // The suite also runs on PostgreSQL (GROUNDWORK_TEST_DATABASE_URL), where pragmas do not exist.
    if (db.kind !== 'sqlite') {
      expect(db.kind).toBe('postgres');
      return;
    }
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.kysely);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db.kysely);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    expect(sync.rows[0]?.synchronous).toBe(2);
  });

  it('keeps a SQLite file, its WAL and its folder readable by their owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-mode-'));
    try {
      const db = await openDatabase(`file:${join(dir, 'data', 'new.sqlite')}`);
      await sql`create table t (x integer)`.execute(db.kysely);
      for (const name of ['new.sqlite', 'new.sqlite-wal', 'new.sqlite-shm']) {
        const mode = statSync(join(dir, 'data', name)).mode & 0o777;
        expect([name, mode]).toEqual([name, 0o600]);
      }
      await db.close();
      expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
      // An older install's file, readable by everyone, is tightened when opened.
      const old = join(dir, 'old.sqlite');
      writeFileSync(old, '');
      chmodSync(old, 0o644);
      await (await openDatabase(`file:${old}`)).close();
      expect(statSync(old).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers ping', async () => {
    expect(await db.ping()).toBe(true);
  });
});

describe('chapters', () => {
  it('creates a chapter and refuses a taken slug naming the field', async () => {
    await createChapter(db.kysely, { slug: 'lyon', name: 'Lyon' });
    const error = await createChapter(db.kysely, { slug: 'lyon', name: 'Other' }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toHaveProperty('slug');
  });

  it('rejects a bad slug and an unknown time zone with field errors', async () => {
    const error = await createChapter(db.kysely, {
      slug: 'Not A Slug',
      name: 'x',
      timeZone: 'Mars/Olympus',
    }).catch((e) => e);
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.fields).sort()).toEqual(['slug', 'timeZone']);
  });

  it('seeds the demo chapter once', async () => {
    expect(await seedDemo(db.kysely)).toBe(true);
    expect(await seedDemo(db.kysely)).toBe(false);
    const chapter = await findChapterBySlug(db.kysely, 'quitgpt-paris');
    expect(chapter?.name).toBe('QuitGPT Paris');
    expect(chapter?.time_zone).toBe('Europe/Paris');
  });
});
