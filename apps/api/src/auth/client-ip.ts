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
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
  }
  return clientAddress(c.req.header('x-forwarded-for'), socketAddress, trustProxy);
}

/**
 * The same choice from the raw parts (the signing fast path has no Hono context).
 *
 * @example
 * clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, config.trustProxy)
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const last = forwardedFor?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}
