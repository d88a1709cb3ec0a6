/**
 * Rate limiting for abuse-prone actions (sign-in, signing a pledge, ...): a small wrapper over
 * rate-limiter-flexible so callers see one tiny interface and never the store. The store is
 * in-process memory today; an instance running several processes swaps in a shared store here,
 * and nothing else changes.
 */
import { createHmac } from 'node:crypto';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Namespaces the keys, e.g. `login:email`. */
  keyPrefix: string;
  /** Attempts allowed per window. */
  points: number;
  /** Window length in seconds. */
  duration: number;
  /** Extra allowance that refills on its own (slower) schedule, for short legitimate bursts. */
  burst?: { points: number; duration: number };
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfter: number };

export interface RateLimiter {
  /** Takes `points` (default 1) from `key`'s allowance; `retryAfter` is in whole seconds. */
  consume(key: string, points?: number): Promise<RateLimitResult>;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

/**
 * Creates a limiter.
 *
 * @example
 * const perEmail = createRateLimiter({ keyPrefix: 'login:email', points: 10, duration: 900 });
 * const result = await perEmail.consume(email);
 * if (!result.ok) throw new AppError('RATE_LIMITED', 'Too many attempts.', { retryAfter: result.retryAfter });
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const main = new RateLimiterMemory({
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.duration,
  });
  const burst = options.burst
    ? new RateLimiterMemory({
        keyPrefix: `${options.keyPrefix}:burst`,
        points: options.burst.points,
        duration: options.burst.duration,
      })
    : undefined;
  const limiter = burst ? new BurstyRateLimiter(main, burst) : main;
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
        return { ok: true };
      } catch (error) {
        // The library rejects with a RateLimiterRes when the allowance is used up.
        if (error instanceof RateLimiterRes) {
          return { ok: false, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        }
        throw error;
      }
    },
    async reset(key) {
      await main.delete(key);
      if (burst) await burst.delete(key);
    },
  };
}

/**
 * A keyed hash of a client address, so limits can be counted per client without ever storing
 * or logging the raw IP. Keyed with the instance secret: the hashes cannot be reversed by
 * enumerating the (small) IPv4 space.
 *
 * @example
 * const key = hashClientKey(config.secret, '203.0.113.7');
 */
export function hashClientKey(secret: string, ip: string): string {
  return createHmac('sha256', secret).update(`client-ip:${ip}`).digest('base64url');
}
