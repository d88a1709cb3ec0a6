import {
  authenticate,
  changePassword,
  generatePassword,
  hashPassword,
  insertUser,
  isCommonPassword,
  prepareUser,
  verifyPassword,
} from '@groundwork/core/auth';
import { AppError } from '@groundwork/core/errors';
import { createRateLimiter, hashClientKey } from '@groundwork/core/ratelimit';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('passwords', () => {
  it('hashes with argon2id and the OWASP parameters', async () => {
    const hash = await hashPassword('a fine passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'a fine passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'a fine passphrasE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short, overlong and common passwords, naming the field', async () => {
    for (const password of ['short', 'x'.repeat(129), 'password123', 'Azertyuiop', 'motdepasse']) {
      const error = await failure(prepareUser({ email: 'a@b.org', name: 'A', password }));
      expect(error.fields).toHaveProperty('password');
    }
    expect(isCommonPassword('12345678')).toBe(true);
    expect(isCommonPassword('violet-tram-harbour')).toBe(false);
    expect(generatePassword().length).toBeGreaterThanOrEqual(20);
  });

  it('fails unknown e-mail and wrong password with the same error', async () => {
    await insertUser(
      db.kysely,
      await prepareUser({ email: 'bob@example.org', name: 'Bob', password: 'bob passphrase 1' }),
    );
    const unknown = await failure(
      authenticate(db.kysely, { email: 'nobody@example.org', password: 'bob passphrase 1' }),
    );
    const wrong = await failure(
      authenticate(db.kysely, { email: 'bob@example.org', password: 'wrong passphrase' }),
    );
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
    expect(unknown.code).toBe('UNAUTHORIZED');
    const user = await authenticate(db.kysely, {
      email: ' BOB@example.org',
      password: 'bob passphrase 1',
    });
    expect(user.email).toBe('bob@example.org');
  });

  it('changes a password only with the current one', async () => {
    const user = await insertUser(
      db.kysely,
      await prepareUser({ email: 'carol@example.org', name: 'Carol', password: 'carol secret 1' }),
    );
    const error = await failure(
      changePassword(db.kysely, user.id, {
        currentPassword: 'nope nope',
        newPassword: 'carol secret 2',
      }),
    );
    expect(error.fields).toHaveProperty('currentPassword');
    await changePassword(db.kysely, user.id, {
      currentPassword: 'carol secret 1',
      newPassword: 'carol secret 2',
    });
    await expect(
      authenticate(db.kysely, { email: 'carol@example.org', password: 'carol secret 2' }),
    ).resolves.toMatchObject({ id: user.id });
  });
});

describe('rate limiting', () => {
  it('allows the configured points, then answers with a retry delay', async () => {
    const limiter = createRateLimiter({ keyPrefix: 'test', points: 3, duration: 60 });
    for (let i = 0; i < 3; i++) expect(await limiter.consume('k')).toEqual({ ok: true });
    const refused = await limiter.consume('k');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? 0 : refused.retryAfter).toBeGreaterThan(0);
    expect(await limiter.consume('other')).toEqual({ ok: true });
    await limiter.reset('k');
    expect(await limiter.consume('k')).toEqual({ ok: true });
  });

  it('adds a burst allowance on top of the steady rate', async () => {
    const limiter = createRateLimiter({
      keyPrefix: 'burst',
      points: 2,
      duration: 60,
      burst: { points: 2, duration: 600 },
    });
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await limiter.consume('k')).ok);
    expect(results).toEqual([true, true, true, true, false]);
  });

  it('hashes client addresses with the secret, never keeping the raw IP', () => {
    const a = hashClientKey('secret-one-secret-one-secret-one!', '203.0.113.7');
    expect(a).not.toContain('203');
    expect(a).toBe(hashClientKey('secret-one-secret-one-secret-one!', '203.0.113.7'));
    expect(a).not.toBe(hashClientKey('secret-two-secret-two-secret-two!', '203.0.113.7'));
  });
});
