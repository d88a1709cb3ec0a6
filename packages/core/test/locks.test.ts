import {
  type Db,
  isTransientError,
  openDatabase,
  retryTransient,
  tryLock,
  withLock,
} from '@groundwork/core/db';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
/** On PostgreSQL a second pool stands in for a second process. */
let other: Db;
beforeAll(async () => {
  db = await createTestDatabase();
  other = db.kind === 'postgres' ? await openDatabase(db.url) : db;
});
afterAll(async () => {
  if (other !== db) await other.close();
  await db.cleanup();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('instance locks', () => {
  it('withLock runs holders one after the other, across processes on PostgreSQL', async () => {
    const events: string[] = [];
    const job = (name: string, target: Db) =>
      withLock(target, 'test:exclusive', async () => {
        events.push(`${name} in`);
        await pause(50);
        events.push(`${name} out`);
        return name;
      });
    const results = await Promise.all([job('a', db), job('b', other)]);
    expect(results).toEqual(['a', 'b']);
    // Never interleaved: each "in" is directly followed by its own "out".
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]?.replace(' in', '')).toBe(events[i + 1]?.replace(' out', ''));
    }
  });

  it('tryLock skips the round when someone else holds the lock', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((r) => {
      inside = r;
    });
    let release!: () => void;
    const held = tryLock(db, 'test:job', async () => {
      inside();
      await new Promise<void>((r) => {
        release = r;
      });
      return 'first';
    });
    await entered;
    expect(await tryLock(other, 'test:job', async () => 'second')).toBeUndefined();
    release();
    expect(await held).toBe('first');
    expect(await tryLock(other, 'test:job', async () => 'third')).toBe('third');
  });
});

describe('retryTransient', () => {
  it('runs a transaction again after a deadlock, and gives up on other errors', async () => {
    let calls = 0;
    const result = await retryTransient(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect([result, calls]).toEqual(['done', 3]);
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    let tries = 0;
    const error = await retryTransient(async () => {
      tries++;
      throw unique;
    }).catch((e) => e);
    expect([error, tries]).toEqual([unique, 1]);
    expect(isTransientError({ code: '40001' })).toBe(true);
  });
});
