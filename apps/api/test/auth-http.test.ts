import { createSetupToken, findUserByEmail, sessionLifetimes } from '@groundwork/core/auth';
import { getRole } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, testPassword, trpc } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const clock = manualClock('2026-06-01T08:00:00.000Z');
let server: TestServer;
let request: TestServer['app']['request'];
beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' }, { clock });
  request = server.app.request;
});
afterAll(() => server.stop());

function setupTokenFromLogs(): string {
  const line = server.logs.find((l) => l.startsWith('Open this link'));
  const token = line?.match(/\/admin\/setup\?token=(\S+)/)?.[1];
  return decodeURIComponent(token ?? '');
}

describe('first run', () => {
  it('prints a setup link once, with the token only in the human line', async () => {
    expect(setupTokenFromLogs().length).toBeGreaterThanOrEqual(43);
    const json = server.logs.filter((l) => l.startsWith('{')).join('');
    expect(json).toContain('setup link printed');
    expect(json).not.toContain(setupTokenFromLogs());
    const status = await trpc(request, 'auth.status', undefined, { query: true });
    expect(status.body.result.data).toEqual({ needsSetup: true, user: null, memberships: [] });
    // tRPC answers carry the request id too (set through responseMeta in http/app.ts).
    expect(status.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('creates the first owner through the link, signs in, and the link is then dead', async () => {
    const token = setupTokenFromLogs();
    const input = { token, email: 'Owner@Example.org', name: 'Owner', password: testPassword };
    const res = await trpc(request, 'auth.setup', input);
    expect(res.status).toBe(200);
    expect(res.body.result.data.user).toMatchObject({ email: 'owner@example.org', name: 'Owner' });
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^groundwork_session=[a-z2-7]{16}\.[\w-]{43}; Path=\/; Expires=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const status = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: res.cookie,
    });
    expect(status.body.result.data).toMatchObject({
      needsSetup: false,
      user: { email: 'owner@example.org' },
      memberships: [{ slug: 'quitgpt-paris', role: 'owner' }],
    });
    const again = await trpc(request, 'auth.setup', { ...input, email: 'other@example.org' });
    expect(again.status).toBe(409);
    expect(await createSetupToken(server.ctx.db.kysely)).toBe(null);
  });

  it('names the fields of a bad setup form', async () => {
    const res = await trpc(request, 'auth.setup', {
      token: 'x'.repeat(43),
      email: 'nope',
      name: '',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.data.fields).sort()).toEqual(['email', 'name', 'password']);
  });
});

describe('sign-in', () => {
  it('answers unknown e-mail and wrong password with the same status and body', async () => {
    await createTestUser(server.ctx, { email: 'known@example.org' });
    const unknown = await trpc(request, 'auth.signIn', {
      email: 'unknown@example.org',
      password: testPassword,
    });
    const wrong = await trpc(request, 'auth.signIn', {
      email: 'known@example.org',
      password: 'not the password',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    // The body names the procedure path, never which check failed.
    expect(JSON.stringify(wrong.body)).toBe(JSON.stringify(unknown.body));
    expect(unknown.cookie).toBe(null);
  });

  it('issues a new token at every sign-in; sign-out deletes the session server-side', async () => {
    const first = await trpc(request, 'auth.signIn', {
      email: 'known@example.org',
      password: testPassword,
    });
    const second = await trpc(request, 'auth.signIn', {
      email: 'KNOWN@example.org ',
      password: testPassword,
    });
    expect(first.status).toBe(200);
    expect(first.cookie).not.toBe(second.cookie);
    const out = await trpc(request, 'auth.signOut', {}, { cookie: first.cookie });
    expect(out.body.result.data).toEqual({ ok: true });
    expect(out.headers.getSetCookie().join('')).toMatch(/groundwork_session=; Max-Age=0/);
    const sessionId = first.cookie?.split('=')[1]?.split('.')[0] ?? '';
    const row = await server.ctx.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    // The old cookie is dead (and cleared); the other session still works.
    const stale = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: first.cookie,
    });
    expect(stale.body.result.data.user).toBe(null);
    expect(stale.headers.getSetCookie().join('')).toContain('Max-Age=0');
    const live = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: second.cookie,
    });
    expect(live.body.result.data.user.email).toBe('known@example.org');
  });

  it('re-sends the cookie when the session slides, and drops it after 10 idle days', async () => {
    const signIn = await trpc(request, 'auth.signIn', {
      email: 'known@example.org',
      password: testPassword,
    });
    clock.advance(30 * 60_000);
    const quiet = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: signIn.cookie,
    });
    expect(quiet.cookie).toBe(null);
    clock.advance(31 * 60_000);
    const slid = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: signIn.cookie,
    });
    expect(slid.cookie).toBe(signIn.cookie);
    const expires = slid.headers.getSetCookie()[0]?.match(/Expires=([^;]+)/)?.[1] ?? '';
    expect(Date.parse(expires)).toBe(
      Math.floor((clock.now().getTime() + sessionLifetimes.inactivityMs) / 1000) * 1000,
    );
    clock.advance(sessionLifetimes.inactivityMs);
    const expired = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: signIn.cookie,
    });
    expect(expired.body.result.data.user).toBe(null);
  });

  it('rate-limits password guesses per account with 429 and Retry-After', async () => {
    await createTestUser(server.ctx, { email: 'target@example.org' });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof trpc>> | undefined;
    for (let i = 0; i < 11; i++) {
      last = await trpc(request, 'auth.signIn', {
        email: 'target@example.org',
        password: `guess ${i}`,
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused while limited: the limit says nothing about it.
    const right = await trpc(request, 'auth.signIn', {
      email: 'target@example.org',
      password: testPassword,
    });
    expect(right.status).toBe(429);
  });
});

describe('CSRF', () => {
  it('refuses a cross-origin POST carrying a valid session cookie, accepts same-origin', async () => {
    const signIn = await trpc(request, 'auth.signIn', {
      email: 'owner@example.org',
      password: testPassword,
    });
    const owner = await findUserByEmail(server.ctx.db.kysely, 'owner@example.org');
    const chapterId = (
      await server.ctx.db.kysely.selectFrom('chapters').select('id').executeTakeFirstOrThrow()
    ).id;
    const input = { chapterId, name: 'Hijacked', locale: 'en', timeZone: 'UTC' };
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ];
    for (const headers of attempts) {
      // Over the real port, as a browser would send it.
      const res = await fetch(`${server.url}/trpc/chapters.update`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: signIn.cookie ?? '', ...headers },
        body: JSON.stringify(input),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    const chapter = await server.ctx.db.kysely
      .selectFrom('chapters')
      .select('name')
      .where('id', '=', chapterId)
      .executeTakeFirstOrThrow();
    expect(chapter.name).toBe('QuitGPT Paris');
    expect(await getRole(server.ctx.db.kysely, owner?.id ?? '', chapterId)).toBe('owner');

    const sameOrigin = await fetch(`${server.url}/trpc/chapters.update`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: signIn.cookie ?? '',
        origin: server.url,
      },
      body: JSON.stringify({ ...input, name: 'QuitGPT Paris' }),
    });
    expect(sameOrigin.status).toBe(200);
    const viaFetchSite = await trpc(request, 'chapters.update', input, { cookie: signIn.cookie });
    expect(viaFetchSite.status).toBe(200);
    const publicOrigin = await trpc(
      request,
      'chapters.update',
      { ...input, name: 'QuitGPT Paris' },
      {
        cookie: signIn.cookie,
        headers: { 'sec-fetch-site': '', origin: server.ctx.config.publicUrl },
      },
    );
    expect(publicOrigin.status).toBe(200);
  });
});
