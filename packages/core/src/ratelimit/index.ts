/**
 * Rate limiting for abuse-prone actions (sign-in, signing a pledge, ...): a small wrapper over
 * rate-limiter-flexible so callers see one tiny interface and never the store. The store is
 * in-process memory today; an instance running several processes swaps in a shared store here,
 * and nothing else changes.
 */
import { createHmac } from 'node:crypto';
import type pg from 'pg';
import {
  BurstyRateLimiter,
  type IRateLimiterStoreOptions,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Namespaces the keys, e.g. `login:email`. */
  keyPrefix: string;
  /** Attempts allowed per window. */
  points: number;
  /** Window length in seconds. */
  duration: number;
  /** Extra allowance that refills on its own (slower) schedule, for short legitimate bursts. */
  burst?: { points: number; duration: number };
  /**
   * Where the counts live. Pass the app's `Db`: on PostgreSQL the limits are kept in the
   * shared `rate_limits` table (RateLimiterPostgres), so they hold across every process; on
   * SQLite (one process) and when omitted they stay in memory.
   */
  store?: { kind: string; pgPool?: pg.Pool };
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
  const shared = sharedStore(options.store);
  const make = (keyPrefix: string, points: number, duration: number) =>
    shared
      ? shared.make({ keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const main = make(options.keyPrefix, options.points, options.duration);
  const burst = options.burst
    ? make(`${options.keyPrefix}:burst`, options.burst.points, options.burst.duration)
    : undefined;
  const limiter = burst ? new BurstyRateLimiter(main, burst) : main;
  return {
    async consume(key, points = 1) {
      await shared?.ready;
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
      await shared?.ready;
      await main.delete(key);
      if (burst) await burst.delete(key);
    },
  };
}

/**
 * The shared store on PostgreSQL. RateLimiterPostgres can create its table itself, but
 * concurrent `CREATE TABLE IF NOT EXISTS` race in PostgreSQL's catalog (several limiters in
 * one process, several processes starting together), so the table is created here once per
 * pool, under an advisory lock, and the limiters are told it exists.
 */
function sharedStore(store: RateLimitOptions['store']) {
  const pool = store?.kind === 'postgres' ? store.pgPool : undefined;
  if (!pool) return undefined;
  void ensureRateLimitTable(pool).catch(() => {}); // early, so the first request need not wait
  return {
    make: (opts: Pick<IRateLimiterStoreOptions, 'keyPrefix' | 'points' | 'duration'>) =>
      new RateLimiterPostgres({
        ...opts,
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: true,
      }),
    get ready() {
      return ensureRateLimitTable(pool);
    },
  };
}

const RATE_LIMIT_TABLE = 'rate_limits';
const tables = new WeakMap<pg.Pool, Promise<void>>();

/** Creates the limiters' table (the library's own layout) once per pool; retried after a failure. */
function ensureRateLimitTable(pool: pg.Pool): Promise<void> {
  let created = tables.get(pool);
  if (!created) {
    created = (async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', ['groundwork:rate_limits']);
        try {
          await client.query(`create table if not exists ${RATE_LIMIT_TABLE} (
            key varchar(255) primary key,
            points integer not null default 0,
            expire bigint
          )`);
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', ['groundwork:rate_limits']);
        }
      } finally {
        client.release();
      }
    })();
    tables.set(pool, created);
    // Not unhandled if nobody consumes before it fails; the next limiter tries again.
    created.catch(() => tables.delete(pool));
  }
  return created;
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
