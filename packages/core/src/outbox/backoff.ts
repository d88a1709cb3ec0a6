import { randomInt } from 'node:crypto';

/** Waits after the 1st, 2nd, … failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h. */
export const retryDelaysMs = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  24 * 3_600_000,
] as const;

/** Attempts before a message is marked `failed`: about two days of retries. */
export const defaultMaxAttempts = retryDelaysMs.length + 1;

/** Up to +20 % jitter, so mail that failed together (a server outage) is not retried in lockstep. */
export const maxJitter = 0.2;

/** A uniform random number in [0, 1) from node:crypto. */
export function cryptoRandom(): number {
  return randomInt(0, 2 ** 32) / 2 ** 32;
}

/**
 * The delay before the next attempt after `attempts` failed ones (1-based), with jitter.
 *
 * @example
 * retryDelayMs(1, () => 0) // 60000
 * retryDelayMs(2, () => 0.5) // 330000 (5 min + 10 %)
 */
export function retryDelayMs(attempts: number, random: () => number = cryptoRandom): number {
  const index = Math.min(Math.max(attempts, 1), retryDelaysMs.length) - 1;
  const base = retryDelaysMs[index] ?? 60_000;
  return Math.round(base * (1 + maxJitter * random()));
}
