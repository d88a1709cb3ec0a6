import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { UserRow } from './auth.table.ts';
import {
  hashPassword,
  newPasswordSchema,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.ts';
import {
  changePasswordInput,
  emailSchema,
  type NewUserInput,
  newUserInput,
  type ProfileInput,
  profileInput,
  type SignInInput,
  signInInput,
} from './schemas.ts';

/** What the admin may see of a user: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  locale: string;
}

export function publicUser(row: Pick<UserRow, 'id' | 'email' | 'name' | 'locale'>): PublicUser {
  return { id: row.id, email: row.email, name: row.name, locale: row.locale };
}

/** A validated new user with the password already hashed (hash outside transactions: it is slow). */
export interface PreparedUser {
  email: string;
  name: string;
  locale: string;
  passwordHash: string;
}

/**
 * Validates a new account and hashes its password.
 *
 * @example
 * const prepared = await prepareUser({ email, name, password });
 * await db.transaction().execute((trx) => insertUser(trx, prepared));
 */
export async function prepareUser(input: NewUserInput): Promise<PreparedUser> {
  const data = parseInput(newUserInput, input);
  return {
    email: data.email,
    name: data.name,
    locale: data.locale,
    passwordHash: await hashPassword(data.password),
  };
}

/** Inserts a prepared user; CONFLICT (field `email`) when the e-mail already has an account. */
export async function insertUser(
  db: Kysely<Database>,
  user: PreparedUser,
  clock: Clock = systemClock,
): Promise<UserRow> {
  if (await findUserByEmail(db, user.email)) {
    throw new AppError('CONFLICT', 'An account with this e-mail already exists.', {
      fields: { email: 'Already has an account.' },
    });
  }
  const now = isoNow(clock);
  const row: UserRow = {
    id: newId(),
    email: user.email,
    name: user.name,
    locale: user.locale,
    password_hash: user.passwordHash,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such user.');
  return row;
}

/** True until the first account exists (then the setup link stops working). */
export async function hasNoUsers(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** The one answer for a failed sign-in, whatever the reason: no account enumeration. */
export function wrongCredentials(): AppError {
  return new AppError('UNAUTHORIZED', 'Wrong e-mail or password.');
}

/**
 * Checks an e-mail and password. Unknown e-mail and wrong password fail the same way and take
 * about the same time (a dummy hash is checked when there is no account).
 *
 * @example
 * const user = await authenticate(db, { email, password }); // throws UNAUTHORIZED when wrong
 */
export async function authenticate(db: Kysely<Database>, input: SignInInput): Promise<UserRow> {
  const data = parseInput(signInInput, input);
  const user = await findUserByEmail(db, data.email);
  const ok = user
    ? await verifyPassword(user.password_hash, data.password)
    : await verifyAgainstDummy(data.password);
  if (!user || !ok) throw wrongCredentials();
  return user;
}

/**
 * Sets a new password (CLI reset, or after the current one was checked). Does not end sessions:
 * the caller decides which ones to end.
 */
export async function setPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  clock: Clock = systemClock,
): Promise<void> {
  const valid = parseInput(newPasswordSchema, password);
  const passwordHash = await hashPassword(valid);
  const result = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: isoNow(clock) })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', 'No such user.');
}

/**
 * Changes the password after checking the current one (field `currentPassword` when wrong).
 *
 * @example
 * await changePassword(db, user.id, { currentPassword, newPassword });
 */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  clock: Clock = systemClock,
): Promise<void> {
  const data = parseInput(changePasswordInput, input);
  const user = await getUser(db, userId);
  if (!(await verifyPassword(user.password_hash, data.currentPassword))) {
    throw new AppError('UNAUTHORIZED', 'The current password is wrong.', {
      fields: { currentPassword: 'Wrong password.' },
    });
  }
  await setPassword(db, userId, data.newPassword, clock);
}

/** Updates the user's name and language. */
export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  input: ProfileInput,
  clock: Clock = systemClock,
): Promise<PublicUser> {
  const data = parseInput(profileInput, input);
  await db
    .updateTable('users')
    .set({ name: data.name, locale: data.locale, updated_at: isoNow(clock) })
    .where('id', '=', userId)
    .execute();
  return publicUser(await getUser(db, userId));
}

/** Normalizes an e-mail the way accounts store it (for rate-limit keys and look-ups). */
export function normalizeEmail(email: unknown): string {
  const parsed = emailSchema.safeParse(email);
  return parsed.success
    ? parsed.data
    : String(email ?? '')
        .trim()
        .toLowerCase();
}
