import { type Db, openDatabase } from '@groundwork/core/db';
import { memoryNotifier } from '@groundwork/core/notify';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { sql } from 'kysely';
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

function nextMessage(
  db: Db,
  channel: string,
): Promise<{ payload: string | undefined; local: boolean }> {
  return new Promise((resolve) => {
    const stop = db.notifier.subscribe(channel, (payload, local) => {
      stop();
      resolve({ payload, local });
    });
  });
}

describe('notifier', () => {
  it('delivers a message to this process, marked local', async () => {
    const received = nextMessage(db, 'test_local');
    await db.notifier.ready();
    await db.notifier.publish('test_local', 'pledge-1');
    expect(await received).toEqual({ payload: 'pledge-1', local: true });
  });

  it('delivers across processes on PostgreSQL (one process, one bus on SQLite)', async () => {
    if (db.kind === 'sqlite') {
      // Each SQLite Db has its own bus: a second process cannot share a SQLite instance.
      const seen: string[] = [];
      other.notifier.subscribe('test_remote', (p) => seen.push(String(p)));
      await db.notifier.publish('test_remote', 'x');
      await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([]);
      return;
    }
    const received = nextMessage(other, 'test_remote');
    await other.notifier.ready();
    await db.notifier.publish('test_remote', 'pledge-2');
    expect(await received).toEqual({ payload: 'pledge-2', local: false });
  });

  it('stops delivering after unsubscribe and rejects unsafe channel names', async () => {
    const n = memoryNotifier();
    const seen: string[] = [];
    const stop = n.subscribe('c', (p) => seen.push(String(p)));
    await n.publish('c', 'a');
    await Promise.resolve();
    stop();
    await n.publish('c', 'b');
    await Promise.resolve();
    expect(seen).toEqual(['a']);
    expect(() => n.subscribe('x; drop table people', () => {})).toThrow(/invalid channel/);
  });
});

describe('notifier on PostgreSQL after the listening connection is lost', () => {
  it('reconnects, reports the gap, and delivers again', async () => {
    if (db.kind !== 'postgres') {
      expect(db.kind).toBe('sqlite'); // one process: no connection to lose
      return;
    }
    const seen: Array<string | undefined> = [];
    other.notifier.subscribe('test_gap', (payload) => seen.push(payload));
    await other.notifier.ready();
    // What a PostgreSQL restart or a network cut does to the listening connection.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'groundwork-listen' and datname = current_database()`.execute(
      db.kysely,
    );
    const deadline = Date.now() + 10_000;
    while (!seen.includes(undefined) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toContain(undefined);
    while (!seen.includes('after') && Date.now() < deadline) {
      await db.notifier.publish('test_gap', 'after');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toContain('after');
  }, 15_000);
});
