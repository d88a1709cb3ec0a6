import { createChapter } from '@groundwork/core/chapters';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await createChapter(db.kysely, { slug: 'one', name: 'One' });
  await createChapter(db.kysely, { slug: 'two', name: 'Two' });
});
afterAll(() => db.cleanup());

// SQLite keeps prepared statements per SQL text (db/sqlite.ts); these hold on both engines.
describe('reused statements', () => {
  it('answer the same query again with fresh parameters', async () => {
    const one = sql<{ v: number }>`select ${1} + 1 as v`;
    const two = sql<{ v: number }>`select ${41} + 1 as v`;
    expect((await one.execute(db.kysely)).rows[0]?.v).toBe(2);
    expect((await two.execute(db.kysely)).rows[0]?.v).toBe(42);
  });

  it('run a query again after a stream of it was abandoned half-way', async () => {
    const query = () =>
      db.kysely.selectFrom('chapters').select('slug').where('slug', 'in', ['one', 'two']);
    // Streaming needs a cursor library on PostgreSQL (not configured); the cache is SQLite's.
    const stream = db.kind === 'sqlite' ? query().stream(1) : (await query().execute()).values();
    for await (const row of stream) {
      expect(['one', 'two']).toContain(row.slug);
      break;
    }
    const rows = await query().execute();
    expect(rows.map((r) => r.slug).sort()).toEqual(['one', 'two']);
  });
});
