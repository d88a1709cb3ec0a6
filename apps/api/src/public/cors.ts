import type { MiddlewareHandler } from 'hono';

const preflightHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  // If-None-Match: a widget revalidating the count sends it (not CORS-safelisted).
  'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
  'Access-Control-Max-Age': '86400',
};

/**
 * CORS for the public API: every origin may read and sign, never with credentials (no
 * cookies are involved, so there is nothing to protect with an origin list). A few lines
 * instead of hono/cors because this runs on the hottest routes and needs no configuration.
 *
 * @example
 * app.use('/api/v1/pledges/*', openCors());
 */
export function openCors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, preflightHeaders);
    c.header('Access-Control-Allow-Origin', '*');
    // These routes skip the app's security-header middleware (JSON for scripts, never a
    // page); this is the one header that still matters for them.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  };
}
