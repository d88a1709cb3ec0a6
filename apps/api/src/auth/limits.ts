import { AppError } from '@groundwork/core/errors';
import { createRateLimiter, hashClientKey, type RateLimiter } from '@groundwork/core/ratelimit';
import type { AppContext } from '../context.ts';

interface AuthLimiters {
  /** Password attempts per account (normalized e-mail): slows guessing one account. */
  perEmail: RateLimiter;
  /** Password attempts per client (keyed hash of the IP): slows spraying many accounts. */
  perClient: RateLimiter;
}

// One set per running app (tests start several apps in one process), created on first use.
const limiters = new WeakMap<AppContext, AuthLimiters>();

function limitersFor(app: AppContext): AuthLimiters {
  let set = limiters.get(app);
  if (!set) {
    set = {
      // store: shared by every process on PostgreSQL, in memory on SQLite.
      perEmail: createRateLimiter({
        keyPrefix: 'login:email',
        points: 10,
        duration: 15 * 60,
        store: app.db,
      }),
      perClient: createRateLimiter({
        keyPrefix: 'login:client',
        points: 30,
        duration: 15 * 60,
        store: app.db,
      }),
    };
    limiters.set(app, set);
  }
  return set;
}

/**
 * Counts one password attempt for this e-mail and client; RATE_LIMITED (429, Retry-After) once
 * either allowance is used up. Counted before the password is checked, so a refusal says
 * nothing about whether the password was right.
 *
 * @example
 * await limitPasswordAttempt(ctx.app, email, ip);
 */
export async function limitPasswordAttempt(
  app: AppContext,
  email: string,
  ip: string,
): Promise<void> {
  const { perEmail, perClient } = limitersFor(app);
  const byClient = await perClient.consume(hashClientKey(app.config.secret, ip));
  const byEmail = await perEmail.consume(email);
  const refused = [byClient, byEmail].find((r) => !r.ok);
  if (refused && !refused.ok) {
    throw new AppError('RATE_LIMITED', 'Too many attempts. Please wait before trying again.', {
      retryAfter: refused.retryAfter,
    });
  }
}

/** After a successful sign-in the account's counter starts over (the client's does not). */
export async function resetPasswordAttempts(app: AppContext, email: string): Promise<void> {
  await limitersFor(app).perEmail.reset(email);
}
