import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, testPassword, trpc } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let request: TestServer['app']['request'];
beforeAll(async () => {
  server = await startTestServer();
  request = server.app.request;
});
afterAll(() => server.stop());

async function signIn(email: string, password = testPassword, userAgent = 'test-agent') {
  const res = await trpc(
    request,
    'auth.signIn',
    { email, password },
    {
      headers: { 'user-agent': userAgent },
    },
  );
  expect(res.status).toBe(200);
  return res.cookie;
}

async function me(cookie: string | null) {
  const res = await trpc(request, 'auth.status', undefined, { query: true, cookie });
  return res.body.result.data.user as { email: string; name: string; locale: string } | null;
}

describe('account', () => {
  it('needs a session', async () => {
    const res = await trpc(request, 'account.sessions', undefined, { query: true });
    expect(res.status).toBe(401);
    expect(res.body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('updates the profile', async () => {
    await createTestUser(server.ctx, { email: 'profile@example.org' });
    const cookie = await signIn('profile@example.org');
    const res = await trpc(
      request,
      'account.updateProfile',
      { name: ' Camille ', locale: 'fr' },
      {
        cookie,
      },
    );
    expect(res.body.result.data).toMatchObject({ name: 'Camille', locale: 'fr' });
    expect(await me(cookie)).toMatchObject({ name: 'Camille', locale: 'fr' });
    const bad = await trpc(
      request,
      'account.updateProfile',
      { name: '', locale: 'de' },
      { cookie },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.data.fields).sort()).toEqual(['locale', 'name']);
  });

  it('lists active sessions and ends one of them', async () => {
    await createTestUser(server.ctx, { email: 'devices@example.org' });
    const laptop = await signIn('devices@example.org', testPassword, 'Laptop');
    const phone = await signIn('devices@example.org', testPassword, 'Phone');
    const list = await trpc(request, 'account.sessions', undefined, {
      query: true,
      cookie: laptop,
    });
    const sessions = list.body.result.data as { id: string; userAgent: string; current: boolean }[];
    expect(sessions.map((s) => [s.userAgent, s.current]).sort()).toEqual([
      ['Laptop', true],
      ['Phone', false],
    ]);
    expect(Object.keys(sessions[0] ?? {}).sort()).toEqual(
      ['createdAt', 'current', 'id', 'lastSeenAt', 'userAgent'].sort(),
    );
    const phoneId = sessions.find((s) => !s.current)?.id;
    const ended = await trpc(
      request,
      'account.endSession',
      { sessionId: phoneId },
      { cookie: laptop },
    );
    expect(ended.body.result.data).toEqual({ ok: true });
    expect(await me(phone)).toBe(null);
    expect(await me(laptop)).not.toBe(null);
    // Someone else's session id is not yours to end.
    const other = await trpc(
      request,
      'account.endSession',
      { sessionId: 'nope' },
      { cookie: laptop },
    );
    expect(other.status).toBe(404);
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    await createTestUser(server.ctx, { email: 'change@example.org' });
    const here = await signIn('change@example.org');
    const elsewhere = await signIn('change@example.org');
    const wrong = await trpc(
      request,
      'account.changePassword',
      {
        currentPassword: 'wrong password',
        newPassword: 'brand new passphrase',
      },
      { cookie: here },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.data.fields).toHaveProperty('currentPassword');
    const common = await trpc(
      request,
      'account.changePassword',
      {
        currentPassword: testPassword,
        newPassword: 'password123',
      },
      { cookie: here },
    );
    expect(common.status).toBe(400);
    expect(common.body.error.data.fields).toHaveProperty('newPassword');
    const ok = await trpc(
      request,
      'account.changePassword',
      {
        currentPassword: testPassword,
        newPassword: 'brand new passphrase',
      },
      { cookie: here },
    );
    expect(ok.body.result.data).toEqual({ ok: true, endedSessions: 1 });
    expect(await me(elsewhere)).toBe(null);
    expect(await me(here)).toMatchObject({ email: 'change@example.org' });
    await signIn('change@example.org', 'brand new passphrase');
  });

  it('signs out everywhere, this device included', async () => {
    await createTestUser(server.ctx, { email: 'everywhere@example.org' });
    const a = await signIn('everywhere@example.org');
    const b = await signIn('everywhere@example.org');
    const res = await trpc(request, 'account.signOutEverywhere', {}, { cookie: a });
    expect(res.body.result.data).toEqual({ ok: true, endedSessions: 2 });
    expect(res.headers.getSetCookie().join('')).toContain('Max-Age=0');
    expect(await me(a)).toBe(null);
    expect(await me(b)).toBe(null);
  });
});
