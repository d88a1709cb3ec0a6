import { createSmtpTransport, logTransport } from '@groundwork/core/mail';
import { createOutboxWorker, type OutboxWorker } from '@groundwork/core/outbox';
import type { AppContext } from '../context.ts';
import { startBroadcastSender } from './broadcasts.ts';
import { startReminders } from './reminders.ts';
import { startRetentionJob } from './retention.ts';

/** The background workers this process runs (null when switched off by configuration). */
export interface Workers {
  outbox: OutboxWorker | null;
}

/**
 * Starts the background workers and registers their shutdown: the outbox worker finishes the
 * mail it is sending and gives back the rest of its batch before the database closes.
 * Mail goes over SMTP when SMTP_URL is set; otherwise it is kept in the outbox (`logged`).
 *
 * @example
 * const workers = startWorkers(ctx); // in startServer, after the context is built
 */
export function startWorkers(ctx: AppContext): Workers {
  // Event reminders only queue mail, so they run even when this process sends none.
  startReminders(ctx);
  // Retention runs whatever the mail settings: personal data must not outlive its period.
  startRetentionJob(ctx);
  // Queues broadcast mails into the outbox (even when this process does not send them).
  startBroadcastSender(ctx);
  if (!ctx.config.outboxWorker) {
    ctx.log.info('outbox worker off (OUTBOX_WORKER=off)');
    return { outbox: null };
  }
  const transport = ctx.config.smtpUrl ? createSmtpTransport(ctx.config.smtpUrl) : logTransport;
  const outbox = createOutboxWorker({
    db: ctx.db.kysely,
    transport,
    from: ctx.config.mailFrom,
    clock: ctx.clock,
    log: ctx.log,
    // Several processes on one PostgreSQL take disjoint batches instead of queueing on locks.
    skipLocked: ctx.db.kind === 'postgres',
    // Signing mails are queued as references; the signing service completes them.
    expand: ctx.signing.expandMail,
  });
  outbox.start();
  ctx.onShutdown(async () => {
    await outbox.stop();
    transport.close();
  });
  ctx.log.info('outbox worker started', { transport: transport.kind, worker: outbox.id });
  return { outbox };
}
