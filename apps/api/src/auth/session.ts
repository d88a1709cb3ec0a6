import { validateSessionToken } from '@groundwork/core/auth';
import type { MiddlewareHandler } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';
import { readSessionCookie, sessionCookie, setsSessionCookie } from './cookies.ts';

/**
 * Resolves the session cookie into `c.var.auth` (null when signed out). When the session's
 * expiry moved, the cookie is sent again with the new expiry; a dead cookie is cleared — unless
 * the route itself set the cookie (sign-in, sign-out), which wins.
 *
 * @example
 * app.use('/trpc/*', sessionMiddleware(ctx));
 */
export function sessionMiddleware(app: AppContext): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c, app.config);
    if (token === null) {
      c.set('auth', null);
      return next();
    }
    const result = await validateSessionToken(app.db.kysely, token, app.clock);
    c.set('auth', result ? { userId: result.user.id, sessionId: result.session.id } : null);
    await next();
    if (result && !result.refreshed) return;
    if (setsSessionCookie(c.res.headers, app.config)) return;
    const cookie = result
      ? sessionCookie(app.config, token, result.session.expiresAt)
      : sessionCookie(app.config, null);
    try {
      c.res.headers.append('Set-Cookie', cookie);
    } catch {
      // Some responses (e.g. proxied ones) have immutable headers: copy, then append.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.append('Set-Cookie', cookie);
    }
  };
}
