/**
 * Rate limits on signing: per (pledge, keyed hash of the client address), a burst window and
 * a sustained window, both of which must allow the signature.
 */
import { AppError } from '../errors/index.ts';
import type { RateLimitSettings } from '../pledges/pledges.table.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from '../ratelimit/index.ts';

/** The UK Parliament petitions' defaults: 1 per minute, 5 per 5 minutes, per pledge and client. */
export const defaultSigningRateLimit: RateLimitSettings = {
  burst: { points: 1, seconds: 60 },
  sustained: { points: 5, seconds: 300 },
};

export interface SigningRateOptions {
  /** False: every signature passes (`RATE_LIMITS=off`). */
  enabled: boolean;
  /** Used when the pledge sets none; the petitions' defaults otherwise. */
  defaultLimit?: RateLimitSettings;
  /** Where counts live (the app's `Db`, so PostgreSQL shares them between processes). */
  store?: RateLimitOptions['store'];
}

/**
 * Returns the check the signing service runs before queueing a signature: resolves when
 * allowed, throws RATE_LIMITED with `retryAfter` (seconds) otherwise.
 *
 * @example
 * const checkRate = signingRateCheck({ enabled: true });
 * await checkRate(pledge, hashClientKey(secret, ip));
 */
export function signingRateCheck(
  options: SigningRateOptions,
): (pledge: Pledge, ipHash: string) => Promise<void> {
  const limiters = new Map<string, RateLimiter>();
  // One limiter per window size, shared by the pledges that use it (keys carry the pledge).
  const limiterFor = (w: { points: number; seconds: number }, kind: string) => {
    const key = `${kind}:${w.points}/${w.seconds}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createRateLimiter({
        keyPrefix: `sign:${key}`,
        points: w.points,
        duration: w.seconds,
        ...(options.store ? { store: options.store } : {}),
      });
      limiters.set(key, limiter);
    }
    return limiter;
  };

  return async (pledge, ipHash) => {
    if (!options.enabled) return;
    const settings = pledge.rateLimit ?? options.defaultLimit ?? defaultSigningRateLimit;
    const key = `${pledge.id}:${ipHash}`;
    // Both windows must allow it: at most `burst` per short window and `sustained` per long one.
    const results = await Promise.all([
      limiterFor(settings.burst, 'burst').consume(key),
      limiterFor(settings.sustained, 'sustained').consume(key),
    ]);
    const waits = results.flatMap((r) => (r.ok ? [] : [r.retryAfter]));
    if (waits.length > 0) {
      const retryAfter = Math.max(...waits);
      throw new AppError(
        'RATE_LIMITED',
        `Too many signatures from your connection. Please try again in ${retryAfter} seconds.`,
        { retryAfter },
      );
    }
  };
}
