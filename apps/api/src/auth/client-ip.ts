import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address, for rate limiting only (always hashed before use). From the socket,
 * unless `trustProxy` is on: then from the last X-Forwarded-For entry, the one our own reverse
 * proxy appended (earlier entries are whatever the client chose to send).
 *
 * @example
 * const ip = clientIp(c, config.trustProxy);
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}
