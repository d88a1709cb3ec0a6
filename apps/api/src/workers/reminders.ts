import { tryLock } from '@groundwork/core/db';
import { sendDueReminders } from '@groundwork/core/events';
import type { AppContext } from '../context.ts';

/** How often the reminder job looks for due rounds. */
export const REMINDER_INTERVAL_MS = 60_000;

/**
 * Runs the reminder job once, under the instance lock `job:event-reminders` (several
 * processes on one PostgreSQL: whichever gets there first does the round).
 *
 * @example
 * await runReminders(ctx);
 */
export async function runReminders(ctx: AppContext): Promise<number> {
  const queued = await tryLock(ctx.db, 'job:event-reminders', () =>
    sendDueReminders(ctx.db.kysely, { publicUrl: ctx.config.publicUrl, clock: ctx.clock }),
  );
  if (queued) ctx.log.info('event reminders queued', { mails: queued });
  return queued ?? 0;
}

/**
 * Starts the reminder scheduler of this process: once at start (catching up after a
 * restart), then every minute; stopped on shutdown. Sent rounds are recorded in the database,
 * so a restart never sends one twice.
 *
 * @example
 * startReminders(ctx);
 */
export function startReminders(ctx: AppContext): void {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runReminders(ctx).catch((error) =>
      ctx.log.error('event reminders failed', { error }),
    );
  };
  const timer = setInterval(tick, REMINDER_INTERVAL_MS);
  timer.unref();
  tick();
  ctx.onShutdown(async () => {
    clearInterval(timer);
    await running;
  });
}
