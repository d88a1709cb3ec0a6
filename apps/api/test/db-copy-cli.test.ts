/**
 * `groundwork db copy`, run as a child process the way a self-hoster moves an instance:
 * a SQLite instance with signatures → a database of the suite's engine (PostgreSQL in CI's
 * second pass) → back to a fresh SQLite file, verified at each step.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openDatabase } from '@groundwork/core/db';
import { seedDemo } from '@groundwork/core/demo';
import { readCounterSums } from '@groundwork/core/pledges';
import { createSigningService } from '@groundwork/core/signing';
import { createScratchDatabase, type ScratchDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/groundwork.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'groundwork-copy-cli-'));
const sqliteUrl = `file:${join(dir, 'chapter.sqlite')}`;
const backUrl = `file:${join(dir, 'back.sqlite')}`;
const SIGNED = 40;
let scratch: ScratchDatabase;

function groundwork(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: sqliteUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function countOf(url: string): Promise<{ signatures: number; counter: number }> {
  const db = await openDatabase(url);
  try {
    const pledge = await db.kysely
      .selectFrom('pledges')
      .select('id')
      .where('slug', '=', 'quit-chatgpt')
      .executeTakeFirstOrThrow();
    const sums = (await readCounterSums(db.kysely, [pledge.id])).get(pledge.id);
    const row = await db.kysely
      .selectFrom('signatures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      signatures: Number(row.n),
      counter: (sums?.confirmed ?? 0) + (sums?.pending ?? 0),
    };
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  // The chapter's instance: the demo pledge with SIGNED signatures through the real service.
  const db = await openDatabase(sqliteUrl);
  await migrateToLatest(db.kysely);
  await seedDemo(db.kysely);
  const signing = createSigningService({
    db: db.kysely,
    secret: 'x'.repeat(32),
    publicUrl: 'http://localhost',
    rateLimits: false,
  });
  await Promise.all(
    Array.from({ length: SIGNED }, (_, i) =>
      signing.sign(
        'quit-chatgpt',
        { email: `copy-${i}@example.org`, name: `Ana ${i}` },
        {
          ipHash: 'test',
        },
      ),
    ),
  );
  await signing.close();
  await db.close();
  scratch = await createScratchDatabase();
}, 60_000);
afterAll(async () => {
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('groundwork db copy', () => {
  it('moves a SQLite instance to the suite engine and back, verified both ways', async () => {
    const there = await groundwork(['db', 'copy', '--to', scratch.url, '--batch', '7']);
    expect(there.err).toBe('');
    expect(there.code).toBe(0);
    expect(there.out).toMatch(/signatures: 40 rows/);
    expect(there.out).toMatch(/Copy verified/);
    expect(await countOf(scratch.url)).toEqual({ signatures: SIGNED, counter: SIGNED });

    const back = await groundwork(['db', 'copy', '--from', scratch.url, '--to', backUrl]);
    expect(back.code).toBe(0);
    expect(await countOf(backUrl)).toEqual({ signatures: SIGNED, counter: SIGNED });
  }, 120_000);

  it('refuses a target that holds data, in one line, and changes nothing', async () => {
    const again = await groundwork(['db', 'copy', '--to', backUrl]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^groundwork: the target already holds data .*\n$/);
    expect(await countOf(backUrl)).toEqual({ signatures: SIGNED, counter: SIGNED });
  }, 60_000);

  it('refuses a mistyped SQLite source instead of copying an empty new one', async () => {
    const typo = join(dir, 'chapter.sqlit');
    const target = join(dir, 'never.sqlite');
    const run = await groundwork([
      'db',
      'copy',
      '--from',
      `file:${typo}`,
      '--to',
      `file:${target}`,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`groundwork: --from: no database at ${typo}\n`);
    expect(existsSync(typo)).toBe(false);
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('says a PostgreSQL source does not answer, in one line, and creates no target', async () => {
    const target = join(dir, 'never-either.sqlite');
    const run = await groundwork([
      'db',
      'copy',
      '--from',
      'postgres://nobody:secret-pw@127.0.0.1:1/groundwork',
      '--to',
      `file:${target}`,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^groundwork: --from: [^\n]+\n$/);
    expect(run.err).not.toMatch(/migrated|secret-pw/);
    expect(existsSync(target)).toBe(false);
  }, 60_000);
});
