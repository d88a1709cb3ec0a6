/**
 * Organizer sessions, after the Lucia guide (lucia-auth/lucia `code/auth_session.ts`).
 * The token is `<id>.<secret>`; the database keeps the id and the SHA-256 of the secret only, so
 * a copy of the database cannot be used to sign in. A session ends after 10 days without use
 * (refreshed at most hourly, to spare writes) and in any case 30 days after sign-in.
 */
import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import type { UserRow } from './auth.table.ts';
import { hexDigestsEqual, randomSecret, sha256Hex } from './crypto.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const sessionLifetimes = {
  /** Signed out after this long without a request. */
  inactivityMs: 10 * DAY,
  /** Signed out this long after sign-in, however active. */
  absoluteMs: 30 * DAY,
  /** `last_verified_at` is written at most this often. */
  refreshMs: HOUR,
} as const;

export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  lastVerifiedAt: string;
  userAgent: string | null;
  /** When the cookie should expire if the session is not used again. */
  expiresAt: Date;
}

export interface ValidatedSession {
  session: Session;
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'locale'>;
  /** True when the expiry moved: the caller should send the cookie again. */
  refreshed: boolean;
}

/**
 * Starts a session for a user who just proved who they are. Every sign-in gets a new token.
 *
 * @example
 * const { token, session } = await createSession(db, user.id, { userAgent });
 */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  options: { userAgent?: string | null } = {},
  clock: Clock = systemClock,
): Promise<{ token: string; session: Session }> {
  const id = newId();
  const secret = randomSecret(32);
  const now = isoNow(clock);
  // Housekeeping: sessions that expired without being presented again go at the next sign-in.
  await deleteExpiredSessions(db, userId, clock);
  const userAgent = options.userAgent ? options.userAgent.slice(0, 256) : null;
  await db
    .insertInto('sessions')
    .values({
      id,
      secret_hash: sha256Hex(secret),
      user_id: userId,
      created_at: now,
      last_verified_at: now,
      user_agent: userAgent,
    })
    .execute();
  const session = { id, userId, createdAt: now, lastVerifiedAt: now, userAgent };
  return { token: `${id}.${secret}`, session: { ...session, expiresAt: expiryOf(session) } };
}

/**
 * Resolves a token from a cookie. Returns null for anything malformed, unknown, wrong or expired
 * (an expired session row is deleted on the way).
 *
 * @example
 * const result = await validateSessionToken(db, cookieValue, clock);
 * if (result?.refreshed) setSessionCookie(token, result.session.expiresAt);
 */
export async function validateSessionToken(
  db: Kysely<Database>,
  token: string,
  clock: Clock = systemClock,
): Promise<ValidatedSession | null> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 32 || secret.length > 64) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.secret_hash',
      'sessions.user_id',
      'sessions.created_at',
      'sessions.last_verified_at',
      'sessions.user_agent',
      'users.email',
      'users.name',
      'users.locale',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (!hexDigestsEqual(sha256Hex(secret), row.secret_hash)) return null;
  const now = clock.now();
  const session = {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastVerifiedAt: row.last_verified_at,
    userAgent: row.user_agent,
  };
  if (expiryOf(session).getTime() <= now.getTime()) {
    await deleteSession(db, row.id);
    return null;
  }
  let refreshed = false;
  if (now.getTime() - Date.parse(row.last_verified_at) >= sessionLifetimes.refreshMs) {
    session.lastVerifiedAt = now.toISOString();
    await db
      .updateTable('sessions')
      .set({ last_verified_at: session.lastVerifiedAt })
      .where('id', '=', row.id)
      .execute();
    refreshed = true;
  }
  return {
    session: { ...session, expiresAt: expiryOf(session) },
    user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
    refreshed,
  };
}

/** Ends one session (sign-out). */
export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/**
 * Ends a user's sessions: all of them ("sign out everywhere"), or all but one (after a password
 * change, the device that changed it stays signed in).
 *
 * @example
 * await deleteUserSessions(db, userId, { except: currentSessionId });
 */
export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (options.except) query = query.where('id', '!=', options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends one of the user's own sessions; NOT_FOUND-safe: returns whether one was ended. */
export async function deleteOwnSession(
  db: Kysely<Database>,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * The user's active sessions, most recently used first (for the "active sessions" list).
 *
 * @example
 * const sessions = await listUserSessions(db, userId, clock);
 */
export async function listUserSessions(
  db: Kysely<Database>,
  userId: string,
  clock: Clock = systemClock,
): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'created_at', 'last_verified_at', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('last_verified_at', 'desc')
    .execute();
  const now = clock.now().getTime();
  return rows
    .map((row) => {
      const session = {
        id: row.id,
        userId: row.user_id,
        createdAt: row.created_at,
        lastVerifiedAt: row.last_verified_at,
        userAgent: row.user_agent,
      };
      return { ...session, expiresAt: expiryOf(session) };
    })
    .filter((session) => session.expiresAt.getTime() > now);
}

/** Deletes the user's sessions that are past their inactivity or absolute limit. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  userId: string,
  clock: Clock = systemClock,
): Promise<void> {
  const now = clock.now().getTime();
  const idleSince = new Date(now - sessionLifetimes.inactivityMs).toISOString();
  const createdBefore = new Date(now - sessionLifetimes.absoluteMs).toISOString();
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('last_verified_at', '<=', idleSince), eb('created_at', '<=', createdBefore)]),
    )
    .execute();
}

function expiryOf(session: { createdAt: string; lastVerifiedAt: string }): Date {
  return new Date(
    Math.min(
      Date.parse(session.lastVerifiedAt) + sessionLifetimes.inactivityMs,
      Date.parse(session.createdAt) + sessionLifetimes.absoluteMs,
    ),
  );
}
