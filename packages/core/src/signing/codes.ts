import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../clock/index.ts';

/**
 * A signer's referral code: 8 base32 characters (40 bits), short enough for a share link,
 * unique per pledge (a collision is caught by the unique index and retried).
 *
 * @example
 * newReferralCode() // 'k3x9q2ma'
 */
export function newReferralCode(): string {
  return newId(8);
}

/** A confirmation token for the e-mail link: 256 random bits, URL-safe. */
export function newConfirmationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash of a confirmation token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
