import type { Hono } from 'hono';
import type { HonoEnv } from '../context.ts';

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Answers the other methods on a public route with 405 and `Allow`, after its own handlers: a
 * 404 there reads like "no such pledge" to a developer who only got the method wrong.
 * `GET` includes `HEAD` (Hono answers it from the GET handler). OPTIONS stays with the CORS
 * middleware.
 *
 * @example
 * allowOnly(app, '/api/v1/pledges/:slug/signatures', ['POST']);
 */
export function allowOnly(app: Hono<HonoEnv>, path: string, allowed: Array<'GET' | 'POST'>): void {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
  const others = methods.filter((m) => !allow.includes(m));
  app.on(others, path, (c) =>
    c.json(
      {
        error: {
          code: 'METHOD_NOT_ALLOWED',
          message: `${c.req.method} is not answered here: use ${allowed.join(' or ')}.`,
        },
      },
      405,
      { Allow: allow.join(', ') },
    ),
  );
}
