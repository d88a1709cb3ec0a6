import { isIPv4, isIPv6 } from 'node:net';
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
 * The same choice from the raw parts (the signing fast path has no Hono context), as a
 * rate-limiting key (`rateKey`).
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
    if (last) return rateKey(last);
  }
  return socketAddress ? rateKey(socketAddress) : 'unknown';
}

/**
 * One key per client however its address is written: IPv4 in its plain dotted form (an
 * IPv4-mapped IPv6 address, a port or leading zeros make no difference), IPv6 by its /64
 * network (one household or server gets a whole /64 and can pick any address in it).
 * Anything else is kept as it is.
 *
 * @example
 * rateKey('[2001:DB8::a]:443'); // '2001:db8:0:0::/64'
 * rateKey('::ffff:9.9.9.9');    // '9.9.9.9'
 */
export function rateKey(address: string): string {
  let text = address.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1] ?? text;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, ''); // an IPv6 zone (fe80::1%eth0)
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped) text = mapped[1] ?? text;
  const v4 = dottedQuad(text);
  if (v4) return v4;
  if (isIPv6(text)) return `${ipv6Groups(text).slice(0, 4).join(':')}::/64`;
  return text;
}

/** `009.9.09.9` → `9.9.9.9`; undefined unless four decimal parts of 0–255. */
function dottedQuad(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    return undefined;
  }
  const plain = parts.map((p) => String(Number(p))).join('.');
  return isIPv4(plain) ? plain : undefined;
}

/** The eight groups of a valid IPv6 address, as short hex (`0db8` → `db8`). */
function ipv6Groups(text: string): string[] {
  let full = text;
  const tailV4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(full);
  if (tailV4) {
    const [a, b, c, d] = tailV4.slice(1).map(Number) as [number, number, number, number];
    full = `${full.slice(0, tailV4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = full.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16).toString(16));
}
