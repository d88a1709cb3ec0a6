/**
 * Helpers for tests that need signed-in organizers: create accounts with a role, sign in over
 * HTTP (returns the cookie), call tRPC over HTTP or through a caller as a given user.
 */
import { createSession, insertUser, prepareUser } from '@groundwork/core/auth';
import { createChapter, type Role, upsertMembership } from '@groundwork/core/chapters';
import { newId } from '@groundwork/core/clock';
import type { AppContext } from '../src/context.ts';
import { createCallerFactory } from '../src/trpc/init.ts';
import { appRouter } from '../src/trpc/router.ts';

export const testPassword = 'correct horse battery staple';

/** Creates an account (password `testPassword`), optionally a member of a chapter. */
export async function createTestUser(
  ctx: AppContext,
  options: { email?: string; chapterId?: string; role?: Role } = {},
) {
  const email = options.email ?? `user-${newId(8)}@example.org`;
  const prepared = await prepareUser({
    email,
    name: email.split('@')[0] ?? 'x',
    password: testPassword,
  });
  const user = await insertUser(ctx.db.kysely, prepared, ctx.clock);
  if (options.chapterId) {
    await upsertMembership(
      ctx.db.kysely,
      { userId: user.id, chapterId: options.chapterId, role: options.role ?? 'viewer' },
      ctx.clock,
    );
  }
  return user;
}

/** Creates a chapter with a random slug. */
export async function createTestChapter(ctx: AppContext, name = 'Test chapter') {
  return createChapter(ctx.db.kysely, { slug: `c-${newId(8)}`, name }, ctx.clock);
}

/** The `Cookie` header value of a fresh session of `userId` (for plain HTTP routes). */
export async function sessionCookie(ctx: AppContext, userId: string): Promise<string> {
  const { token } = await createSession(ctx.db.kysely, userId, {}, ctx.clock);
  return `groundwork_session=${token}`;
}

/** A tRPC caller acting as `userId` (a real session row is created), or signed out. */
export async function callerAs(ctx: AppContext, userId: string | null) {
  const auth = userId
    ? { userId, sessionId: (await createSession(ctx.db.kysely, userId, {}, ctx.clock)).session.id }
    : null;
  return createCallerFactory(appRouter)({ app: ctx, hono: null, auth });
}

export interface HttpCall {
  status: number;
  body: any;
  headers: Headers;
  /** `name=value` of the session cookie when the answer set one. */
  cookie: string | null;
}

/**
 * Calls a tRPC procedure over HTTP the way the admin does (same-origin fetch, JSON).
 *
 * @example
 * const res = await trpc(server.app.request, 'auth.signIn', { email, password });
 */
export async function trpc(
  request: (path: string, init?: RequestInit) => Response | Promise<Response>,
  path: string,
  input?: unknown,
  options: { cookie?: string | null; query?: boolean; headers?: Record<string, string> } = {},
): Promise<HttpCall> {
  const headers: Record<string, string> = {
    'sec-fetch-site': 'same-origin',
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  const res = options.query
    ? await request(
        `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        { headers },
      )
    : await request(`/trpc/${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
  const text = await res.text();
  const setCookie = res.headers.getSetCookie().find((c) => c.includes('groundwork_session='));
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    headers: res.headers,
    cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
  };
}
