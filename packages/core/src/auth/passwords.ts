import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * OWASP's argon2id parameters (19 MiB, 2 iterations, 1 lane): about 30-60 ms per hash on a small
 * machine, slow enough to hurt offline guessing and fast enough for a sign-in.
 */
export const argon2Options = {
  algorithm: 2 as Algorithm, // Argon2id (a const enum: isolatedModules cannot read it)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

let commonPasswords: Set<string> | undefined;

/** True when the password is on the shipped list of common passwords (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords.has(password.toLowerCase());
}

/** A new password: 8 to 128 characters, not a common one. */
export const newPasswordSchema = z
  .string({ error: 'Required.' })
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`)
  .refine((p) => !isCommonPassword(p), 'This password is too common; choose another one.');

/** A password typed to sign in: only bounded, never checked against the rules (they may change). */
export const givenPasswordSchema = z
  .string({ error: 'Required.' })
  .min(1, 'Required.')
  .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`);

/**
 * Hashes a password with argon2id; the PHC string carries its own salt and parameters.
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery staple');
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/**
 * Checks a password against a stored hash. Never throws for a malformed hash.
 *
 * @example
 * if (!(await verifyPassword(user.password_hash, input.password))) throw wrongCredentials();
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when the e-mail is unknown, so response timing does not
 * tell which e-mails have an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * A random password for accounts created from the command line (about 120 bits).
 *
 * @example
 * const password = generatePassword(); // e.g. 'k3Jd-9sPq-x2Lm-...'
 */
export function generatePassword(): string {
  const raw = randomBytes(15).toString('base64url');
  return raw.match(/.{1,5}/g)?.join('-') ?? raw;
}
