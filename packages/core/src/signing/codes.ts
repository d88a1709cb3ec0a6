import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import type { Clock } from '../clock/index.ts';

// Ids are minted by the thousand per second while signing: one call into the system's CSPRNG
// per id showed up in profiles, so random bytes are drawn 4 KB at a time (still crypto-grade).
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `length` random base32 characters (5 bits each), from the pool. */
function randomBase32(length: number): string {
  if (poolAt + length > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += base32[(pool[poolAt++] as number) & 31];
  return out;
}

/** Characters of a referral code. */
const REFERRAL_LENGTH = 8;

/**
 * A signer's referral code: 8 base32 characters (40 bits), short enough for a share link,
 * unique per pledge (a collision fails the batch, which is retried item by item with fresh
 * codes).
 *
 * `prefix`: the signing batch's shared first characters (`newReferralPrefix`). Random codes
 * land on a random page of the (pledge, code) index each, so a batch of 32 dirtied ~32 pages
 * of it, each one written to the WAL and fsynced; a batch sharing a prefix lands on one or
 * two. The prefix is random too (nothing about the signer or the time is in a code), and 5
 * random characters stay per signer (a clash needs the same 15-bit prefix and 25-bit rest).
 *
 * @example
 * newReferralCode() // 'k3x9q2ma'
 * newReferralCode('k3x') // 'k3x7fq2b'
 */
export function newReferralCode(prefix = ''): string {
  return prefix + randomBase32(REFERRAL_LENGTH - prefix.length);
}

/** The shared start of a batch's referral codes (see `newReferralCode`). */
export function newReferralPrefix(): string {
  return randomBase32(3);
}

/** A confirmation token for the e-mail link: 256 random bits, URL-safe. */
export function newConfirmationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash of a confirmation token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const crockford = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A primary key that sorts by creation time: 10 characters of milliseconds (base32, in an
 * alphabet whose ASCII order is its numeric order) and 6 random ones; 16 characters like
 * `newId()`. New rows then land at the right end of every index on the id instead of on a
 * random page, so a batch of signatures dirties a few pages rather than one per row — the
 * difference between kilobytes and megabytes written (and fsynced) per commit.
 *
 * @example
 * sortableId(clock) // '01jf3k2m9q' + 'x7k2pa'
 */
export function sortableId(clock: Clock): string {
  const ms = clock.now().getTime();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = timePart(ms);
  }
  return lastTime + randomBase32(6);
}

// Thousands of ids a second share their millisecond: its 10 characters are built once.
let lastMs = Number.NaN;
let lastTime = '';

function timePart(ms: number): string {
  let rest = ms;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = crockford[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  return time;
}
