import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import type { Config } from '../config/index.ts';

/**
 * The session cookie's name: `__Host-` behind HTTPS, so the browser refuses it unless it is
 * Secure, host-only and Path=/ (no subdomain can plant or read it).
 */
export function sessionCookieName(config: Pick<Config, 'secureCookies'>): string {
  return config.secureCookies ? '__Host-groundwork_session' : 'groundwork_session';
}

/** The session token from the request's cookie, if any. */
export function readSessionCookie(c: Context, config: Pick<Config, 'secureCookies'>) {
  return getCookie(c, sessionCookieName(config)) ?? null;
}

/**
 * A `Set-Cookie` value for the session: HttpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site sub-requests), Path=/, Secure behind HTTPS. `null` clears it.
 *
 * @example
 * resHeaders.append('Set-Cookie', sessionCookie(config, token, session.expiresAt));
 */
export function sessionCookie(
  config: Pick<Config, 'secureCookies'>,
  token: string | null,
  expiresAt?: Date,
): string {
  return serialize(sessionCookieName(config), token ?? '', {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.secureCookies,
    ...(token && expiresAt ? { expires: expiresAt } : { maxAge: 0 }),
  });
}

/** True when a response already sets the session cookie (sign-in/out decided during the request). */
export function setsSessionCookie(
  headers: Headers,
  config: Pick<Config, 'secureCookies'>,
): boolean {
  const prefix = `${sessionCookieName(config)}=`;
  return headers.getSetCookie().some((cookie) => cookie.startsWith(prefix));
}
