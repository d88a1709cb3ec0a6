import { runBroadcastSender } from '@groundwork/core/broadcasts';
import { tryLock } from '@groundwork/core/db';
import type { AppContext } from '../context.ts';

/**
 * Schedules the broadcast sender: every `intervalMs` (default 2 s), under the instance lock
 * `job:broadcasts`, it queues the next batch of each sending broadcast into the outbox (the
 * outbox worker sends them, paced by their `notBefore`). Safe to stop and restart at any
 * point: dedupe keys make queueing exactly-once per recipient.
 *
 * @example
 * startBroadcastSender(ctx);
 */
export function startBroadcastSender(
  ctx: AppContext,
  options: { intervalMs?: number; batchSize?: number } = {},
): { runNow(): Promise<number | undefined> } {
  let current: Promise<unknown> | null = null;
  const runNow = () =>
    tryLock(ctx.db, 'job:broadcasts', () =>
      runBroadcastSender(
        ctx.db.kysely,
        {
          secret: ctx.config.secret,
          publicUrl: ctx.config.publicUrl,
          ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        },
        ctx.clock,
      ),
    );
  const every = setInterval(() => {
    if (current) return;
    current = runNow()
      .catch((error) => ctx.log.error('broadcast sender failed', { error: String(error) }))
      .finally(() => {
        current = null;
      });
  }, options.intervalMs ?? 2000);
  every.unref();
  ctx.onShutdown(async () => {
    clearInterval(every);
    // Let a batch in progress commit (or roll back) before the database closes.
    await current;
  });
  return { runNow };
}
