import { tryLock } from '@groundwork/core/db';
import { runRetention } from '@groundwork/core/privacy';
import type { AppContext } from '../context.ts';

/** How often each process looks for due signatures (the work is idempotent). */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Schedules the retention job (docs/privacy.md): every hour, in every process, under the
 * instance lock `job:retention` so that only one process works at a time. Each round only
 * touches signatures that are due, so signatures are anonymised at most an hour after their
 * date. The first round runs a minute after start (not in the way of start-up).
 *
 * @example
 * startRetentionJob(ctx);
 */
export function startRetentionJob(ctx: AppContext): { runNow(): Promise<number | undefined> } {
  const runNow = () =>
    tryLock(ctx.db, 'job:retention', async () => {
      const n = await runRetention(ctx.db.kysely, ctx.clock);
      if (n > 0) ctx.log.info('retention: signatures anonymised', { count: n });
      return n;
    });
  const round = () => {
    runNow().catch((error) => ctx.log.error('retention job failed', { error: String(error) }));
  };
  const first = setTimeout(round, 60_000);
  const every = setInterval(round, RETENTION_INTERVAL_MS);
  first.unref();
  every.unref();
  ctx.onShutdown(async () => {
    clearTimeout(first);
    clearInterval(every);
  });
  return { runNow };
}
