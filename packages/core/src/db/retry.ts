import { randomInt } from 'node:crypto';

/*
 * On PostgreSQL, two transactions in different processes can deadlock (40P01) when they lock
 * the same rows in different orders (two signing batches upserting overlapping people), or
 * fail a serializable check (40001). PostgreSQL rolls the loser back whole, so running it
 * again is safe and the right answer. SQLite has one writer at a time: neither happens.
 */

const TRANSIENT = new Set(['40001', '40P01']);

/** True for a PostgreSQL error that means "roll back and try the transaction again". */
export function isTransientError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

/**
 * Runs a whole transaction, again (up to `attempts` times, with a short random pause) when
 * it failed on a deadlock or serialization conflict.
 *
 * @example
 * const outcome = await retryTransient(() => db.transaction().execute((trx) => write(trx)));
 */
export async function retryTransient<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransientError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + randomInt(20 * attempt)));
    }
  }
}
