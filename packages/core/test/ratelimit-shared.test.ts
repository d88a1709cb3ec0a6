import { type Db, openDatabase } from '@groundwork/core/db';
import { createRateLimiter } from '@groundwork/core/ratelimit';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
/** A second connection to the same database: stands in for a second process on PostgreSQL. */
let other: Db;
beforeAll(async () => {
  db = await createTestDatabase();
  other = await openDatabase(db.url);
});
afterAll(async () => {
  await other.close();
  await db.cleanup();
});

describe('rate limits with a store', () => {
  it('share one allowance across processes on PostgreSQL, per process on SQLite', async () => {
    const options = { keyPrefix: 'shared-test', points: 3, duration: 60 };
    const a = createRateLimiter({ ...options, store: db });
    const b = createRateLimiter({ ...options, store: other });
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push((await a.consume('client')).ok, (await b.consume('client')).ok);
    }
    if (db.kind === 'postgres') {
      // 3 points in all, whichever process takes them.
      expect(results).toEqual([true, true, true, false, false, false]);
      const refused = await b.consume('client');
      expect(refused.ok === false && refused.retryAfter).toBeGreaterThanOrEqual(1);
    } else {
      expect(results.every(Boolean)).toBe(true);
      expect((await a.consume('client')).ok).toBe(false);
    }
  });

  it('keeps a burst allowance and resets a key in the store', async () => {
    const limiter = createRateLimiter({
      keyPrefix: 'burst-test',
      points: 1,
      duration: 60,
      burst: { points: 1, duration: 300 },
      store: db,
    });
    expect((await limiter.consume('k')).ok).toBe(true);
    expect((await limiter.consume('k')).ok).toBe(true);
    expect((await limiter.consume('k')).ok).toBe(false);
    await limiter.reset('k');
    expect((await limiter.consume('k')).ok).toBe(true);
  });
});

describe('rate limits created together', () => {
  it('count from the first request when many limiters start at once (one table, no race)', async () => {
    const fresh = await createTestDatabase();
    try {
      const limiters = Array.from({ length: 12 }, (_, i) =>
        createRateLimiter({ keyPrefix: `together-${i}`, points: 1, duration: 60, store: fresh }),
      );
      const first = await Promise.all(limiters.map((l) => l.consume('k')));
      const second = await Promise.all(limiters.map((l) => l.consume('k')));
      expect(first.every((r) => r.ok)).toBe(true);
      expect(second.every((r) => !r.ok)).toBe(true);
    } finally {
      await fresh.cleanup();
    }
  });
});
