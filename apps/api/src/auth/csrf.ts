import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config/index.ts';
import { readSessionCookie } from './cookies.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for cookie-authenticated routes (the Lucia guide's check): a state-changing
 * request that carries the session cookie must come from our own pages — `Sec-Fetch-Site:
 * same-origin`, or an `Origin` equal to this server's origin or PUBLIC_URL's. Anything else is
 * refused with 403 before the route runs. Requests without the cookie are not at risk (they act
 * as nobody) and pass through. Mount it in front of every route that reads the session cookie.
 *
 * @example
 * app.use('/trpc/*', csrfProtection(config));
 */
export function csrfProtection(
  config: Pick<Config, 'publicUrl' | 'secureCookies'>,
): MiddlewareHandler {
  const publicOrigin = new URL(config.publicUrl).origin;
  return async (c, next) => {
    if (safeMethods.has(c.req.method) || readSessionCookie(c, config) === null) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    const allowed =
      fetchSite === 'same-origin' ||
      (origin !== undefined && (origin === ownOrigin || origin === publicOrigin));
    if (!allowed) {
      return c.json(
        {
          error: {
            code: 'FORBIDDEN',
            message: 'Cross-site request refused: reload the page and try again.',
          },
        },
        403,
      );
    }
    return next();
  };
}
