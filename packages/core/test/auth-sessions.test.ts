import {
  createSession,
  deleteSession,
  deleteUserSessions,
  insertUser,
  listUserSessions,
  prepareUser,
  sessionLifetimes,
  validateSessionToken,
} from '@groundwork/core/auth';
import { manualClock } from '@groundwork/core/clock';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let db: TestDatabase;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const prepared = await prepareUser({
    email: 'Alice@Example.org ',
    name: 'Alice',
    password: 'long enough passphrase',
  });
  userId = (await insertUser(db.kysely, prepared)).id;
});
afterAll(() => db.cleanup());

describe('sessions', () => {
  it('stores only the SHA-256 of the secret, never the token', async () => {
    const clock = manualClock();
    const { token, session } = await createSession(db.kysely, userId, { userAgent: 'test' }, clock);
    const [id, secret] = token.split('.');
    expect(id).toBe(session.id);
    // 32 random bytes in base64url: 256 bits, well over the 128 the guide asks for.
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.kysely
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('rejects a token with a wrong, truncated or malformed secret', async () => {
    const clock = manualClock();
    const { token } = await createSession(db.kysely, userId, {}, clock);
    const [id, secret = ''] = token.split('.');
    // Change the last character to one it certainly is not (a fixed 'A' is a no-op 1 time in 32).
    const wrongLast = secret.endsWith('A') ? 'B' : 'A';
    expect(
      await validateSessionToken(db.kysely, `${id}.${secret.slice(0, -1)}${wrongLast}`, clock),
    ).toBe(null);
    expect(await validateSessionToken(db.kysely, `${id}.`, clock)).toBe(null);
    expect(await validateSessionToken(db.kysely, `${id}.${secret}.x`, clock)).toBe(null);
    expect(await validateSessionToken(db.kysely, 'garbage', clock)).toBe(null);
    expect((await validateSessionToken(db.kysely, token, clock))?.user.email).toBe(
      'alice@example.org',
    );
  });

  it('slides: refreshed at most hourly, expires after 10 idle days', async () => {
    const clock = manualClock('2026-03-01T00:00:00.000Z');
    const { token } = await createSession(db.kysely, userId, {}, clock);
    clock.advance(30 * 60_000);
    expect((await validateSessionToken(db.kysely, token, clock))?.refreshed).toBe(false);
    clock.advance(31 * 60_000);
    const refreshed = await validateSessionToken(db.kysely, token, clock);
    expect(refreshed?.refreshed).toBe(true);
    expect(refreshed?.session.expiresAt.toISOString()).toBe(
      new Date(clock.now().getTime() + sessionLifetimes.inactivityMs).toISOString(),
    );
    // Used every 9 days it stays alive...
    for (let i = 0; i < 2; i++) {
      clock.advance(9 * DAY);
      expect(await validateSessionToken(db.kysely, token, clock)).not.toBe(null);
    }
    // ...but 10 idle days end it, and the row is gone.
    clock.advance(10 * DAY);
    expect(await validateSessionToken(db.kysely, token, clock)).toBe(null);
    const [id] = token.split('.');
    const row = await db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', id ?? '')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('ends 30 days after sign-in however active', async () => {
    const clock = manualClock('2026-04-01T00:00:00.000Z');
    const { token } = await createSession(db.kysely, userId, {}, clock);
    for (let day = 0; day < 29; day++) {
      clock.advance(DAY);
      expect(await validateSessionToken(db.kysely, token, clock)).not.toBe(null);
    }
    clock.advance(DAY);
    expect(await validateSessionToken(db.kysely, token, clock)).toBe(null);
  });

  it('signs out one session, all but one, or all', async () => {
    const clock = manualClock();
    await deleteUserSessions(db.kysely, userId);
    const a = await createSession(db.kysely, userId, {}, clock);
    const b = await createSession(db.kysely, userId, {}, clock);
    const c = await createSession(db.kysely, userId, {}, clock);
    expect(a.token).not.toBe(b.token);
    await deleteSession(db.kysely, a.session.id);
    expect(await validateSessionToken(db.kysely, a.token, clock)).toBe(null);
    expect(await deleteUserSessions(db.kysely, userId, { except: b.session.id })).toBe(1);
    expect(await validateSessionToken(db.kysely, c.token, clock)).toBe(null);
    expect((await listUserSessions(db.kysely, userId, clock)).map((s) => s.id)).toEqual([
      b.session.id,
    ]);
    await deleteUserSessions(db.kysely, userId);
    expect(await listUserSessions(db.kysely, userId, clock)).toEqual([]);
  });
});

describe('housekeeping', () => {
  it('clears a user’s expired sessions at their next sign-in', async () => {
    const clock = manualClock('2026-08-01T00:00:00.000Z');
    await deleteUserSessions(db.kysely, userId);
    await createSession(db.kysely, userId, {}, clock);
    clock.advance(11 * DAY);
    await createSession(db.kysely, userId, {}, clock);
    const rows = await db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
