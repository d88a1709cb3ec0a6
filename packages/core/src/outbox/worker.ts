import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { type Clock, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import type { Mailbox, MailTransport, OutgoingMail } from '../mail/transport.ts';
import { cryptoRandom, defaultMaxAttempts, retryDelayMs } from './backoff.ts';
import { claimDue, hasDue, markAttemptFailed, markDone, releaseClaims } from './claim.ts';
import { type ExpandedMail, type MailExpander, MailGoneError } from './expand.ts';
import { buildOutgoing, describeError, isPermanent } from './message.ts';
import type { OutboxRow } from './outbox.table.ts';

/** The logger the worker writes to (the API's JSON logger fits). Never given personal data. */
export interface WorkerLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  transport: MailTransport;
  /** MAIL_FROM: the address every mail is sent from. */
  from: Mailbox;
  clock?: Clock;
  log?: WorkerLog;
  workerId?: string;
  /** Rows claimed at once: 20 over SMTP, 500 with the log transport (one write per batch). */
  batchSize?: number;
  /** Mails sent side by side over SMTP (match the transport's connections). */
  concurrency?: number;
  /** How long a claim lasts: longer than the slowest send (SMTP timeouts are ≤ 60 s). */
  lockMs?: number;
  /** Idle wait between polls. */
  pollMs?: number;
  maxAttempts?: number;
  /** Jitter source in [0, 1); node:crypto by default. */
  random?: () => number;
  /** FOR UPDATE SKIP LOCKED in the claim (PostgreSQL). */
  skipLocked?: boolean;
  /** Completes rows queued as references (signing mails) before they are rendered. */
  expand?: MailExpander;
}

export interface OutboxWorker {
  readonly id: string;
  /** Claims one batch of due rows and delivers it. Returns how many rows it claimed. */
  runOnce(): Promise<number>;
  /** Starts polling in the background. */
  start(): void;
  /** Ends the current poll now instead of after `pollMs` (e.g. right after queueing mail). */
  wake(): void;
  /** Finishes the in-flight send, gives back the rest of the batch, and stops. */
  stop(): Promise<void>;
}

const quietLog: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The outbox worker: claims due rows, sends them through the transport, marks them, and
 * retries failures with exponential backoff and jitter. Safe to run in several processes:
 * claims are atomic and expire, so a crashed worker's rows are taken over after `lockMs`.
 *
 * @example
 * const worker = createOutboxWorker({ db: db.kysely, transport, from, clock, log });
 * worker.start();
 * ctx.onShutdown(() => worker.stop());
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const db = options.db;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? quietLog;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${newId(6)}`;
  const batchSize = options.batchSize ?? (options.transport.kind === 'log' ? 500 : 20);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const lockMs = options.lockMs ?? 5 * 60_000;
  const pollMs = options.pollMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const random = options.random ?? cryptoRandom;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let running: Promise<number> | undefined;
  let wakeUp: (() => void) | undefined;

  const iso = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  async function fail(row: OutboxRow, error: unknown, permanent: boolean): Promise<void> {
    const message = describeError(error);
    const giveUp = permanent || row.attempts >= maxAttempts;
    const retryAt = giveUp ? null : iso(retryDelayMs(row.attempts, random));
    await markAttemptFailed(db, id, row.id, { error: message, retryAt });
    const fields = { id: row.id, template: row.template, attempts: row.attempts, error: message };
    if (giveUp) log.error('mail failed', fields);
    else log.warn('mail will be retried', { ...fields, retryAt });
  }

  /**
   * Renders every row; the ones that cannot render (or whose subject is gone) fail for good,
   * the ones whose expansion hit the database are retried later, the rest are returned.
   */
  async function renderable(rows: OutboxRow[]) {
    const ready = [];
    for (const row of rows) {
      let expanded: ExpandedMail | undefined;
      try {
        expanded = await options.expand?.(row);
      } catch (error) {
        await fail(row, error, error instanceof MailGoneError);
        continue;
      }
      try {
        ready.push({ row, mail: buildOutgoing(row, options.from, expanded) });
      } catch (error) {
        await fail(row, error, true);
      }
    }
    return ready;
  }

  async function deliverBatch(rows: OutboxRow[]): Promise<void> {
    if (options.transport.kind === 'log') {
      // Nothing leaves the machine: one write for the batch and one log line per mail,
      // without the address or the body. Organizers read the mail (rendered then) in the
      // admin's Outbox; not rendering here keeps big batches cheap during a signing spike.
      const ids = rows.map((r) => r.id);
      await markDone(db, id, ids, { status: 'logged', at: iso() });
      for (const row of rows) {
        log.info('mail kept in the outbox (no SMTP_URL)', { id: row.id, template: row.template });
      }
      return;
    }
    const ready = await renderable(rows);
    // A few lanes send side by side (SMTP round trips overlap); each lane marks its mail as
    // soon as the server accepted it, so a crash can repeat at most the mails in flight.
    let next = 0;
    const lane = async () => {
      while (!stopping && next < ready.length) {
        const { row, mail } = ready[next++] as (typeof ready)[number];
        await sendOne(row, mail);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ready.length) }, lane));
    if (next < ready.length) {
      await releaseClaims(
        db,
        id,
        ready.slice(next).map((r) => r.row.id),
      );
    }
  }

  async function sendOne(row: OutboxRow, mail: OutgoingMail): Promise<void> {
    try {
      const info = await options.transport.send(mail);
      const marked = await markDone(db, id, [row.id], {
        status: 'sent',
        at: iso(),
        messageId: info.messageId,
      });
      if (marked === 0) log.warn('mail sent after its claim expired', { id: row.id });
      log.info('mail sent', { id: row.id, template: row.template });
    } catch (error) {
      await fail(row, error, isPermanent(error));
    }
  }

  async function runOnce(): Promise<number> {
    if (stopping) return 0;
    const now = iso();
    if (!(await hasDue(db, now))) return 0;
    const rows = await claimDue(db, {
      workerId: id,
      now,
      lockedUntil: iso(lockMs),
      limit: batchSize,
      skipLocked: options.skipLocked,
    });
    if (rows.length > 0) await deliverBatch(rows);
    return rows.length;
  }

  /** One batch at a time, even when `runOnce` is also called directly. */
  function runExclusive(): Promise<number> {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function poll(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await runExclusive();
      } catch (error) {
        log.error('outbox worker error', { error: describeError(error) });
      }
      if (stopping) break;
      // A full batch means more may be waiting: go again at once.
      if (claimed < batchSize) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
      }
    }
  }

  return {
    id,
    runOnce: runExclusive,
    start() {
      stopping = false;
      loop ??= poll().finally(() => {
        loop = undefined;
      });
    },
    wake: () => wakeUp?.(),
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
      await running;
    },
  };
}
