/**
 * Session plumbing for tRPC resolvers: start a session and set its cookie, clear the cookie,
 * read the client's address and user agent. Direct callers (tests) have no HTTP context: cookies
 * are then skipped and the client is "unknown".
 */
import { createSession } from '@groundwork/core/auth';
import type { TrpcContext } from '../trpc/context.ts';
import { clientIp } from './client-ip.ts';
import { sessionCookie } from './cookies.ts';

/** Signs the user in: a new session (new token at every sign-in) and its cookie. */
export async function startSession(ctx: TrpcContext, userId: string): Promise<string> {
  const userAgent = ctx.hono?.req.header('user-agent') ?? null;
  const { token, session } = await createSession(
    ctx.app.db.kysely,
    userId,
    { userAgent },
    ctx.app.clock,
  );
  ctx.resHeaders?.append('Set-Cookie', sessionCookie(ctx.app.config, token, session.expiresAt));
  return session.id;
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(ctx: TrpcContext): void {
  ctx.resHeaders?.append('Set-Cookie', sessionCookie(ctx.app.config, null));
}

/** The caller's address, for rate limiting (hashed before use). */
export function requestIp(ctx: TrpcContext): string {
  return ctx.hono ? clientIp(ctx.hono, ctx.app.config.trustProxy) : 'unknown';
}
