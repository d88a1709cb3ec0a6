/**
 * Where a signing batch is written. Two ways, same transaction (`writeSignatures`):
 * - inline: on the caller's Kysely (PostgreSQL, in-memory SQLite, tests with no file);
 * - thread: a worker thread owning its own connection to the SQLite file. better-sqlite3 is
 *   synchronous, so inline the event loop stands still during every batch's B-tree work and
 *   its fsync (about a third of the main thread's time, profiled). In a thread, that runs on
 *   the second core while the main thread parses and answers the next requests. The thread is
 *   the only writer of signatures and writes one transaction at a time; it merges every batch
 *   waiting when the previous transaction ends (`writer.worker.ts`).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import { isPostgres } from '../db/dialect.ts';
import { retryTransient } from '../db/retry.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import type { Pledge } from '../pledges/pledges.ts';
import type { BatchLoad } from './batcher.ts';
import type { CounterDelta } from './counter.ts';
import { RELAY_RETRY_MS, relayAllSigningMails } from './mail-relay.ts';
import { MAX_MERGED, MESSAGE_MAX, recentPeak } from './merge.ts';
import { type BatchItem, type BatchOutcome, writeSignatures } from './store.ts';
import { typeScriptWorker } from './worker-loader.ts';

export interface SignatureWriter {
  /**
   * Writes the batch in one transaction; all or nothing. `load` (from the batcher) lets the
   * thread size its transactions (`merge.ts`).
   */
  write(items: BatchItem[], load?: BatchLoad): Promise<WrittenBatch>;
  close(): Promise<void>;
}

export interface WriterOptions {
  publicUrl: string;
  clock: Clock;
  /** Where a failed relay of owed mails is reported (it is retried later). */
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
}

/** What a write answers: each signature's outcome and the counters' moves. */
export type WrittenBatch = Pick<BatchOutcome, 'items' | 'deltas'>;

/**
 * @example
 * const writer = inlineWriter(db.kysely, { publicUrl, clock });
 */
export function inlineWriter(db: Kysely<Database>, options: WriterOptions): SignatureWriter {
  // Owed mails (`mail-relay.ts`) are relayed right after the batch that owed them, one relay
  // at a time; the first one also takes what a crash may have left. A failed relay is tried
  // again a little later, even if no big batch comes to start one.
  const relayOptions = { ...options, skipLocked: isPostgres(db) };
  let relaying: Promise<unknown> = Promise.resolve();
  let closed = false;
  const relay = () => {
    if (closed) return;
    relaying = relaying
      .then(() => relayAllSigningMails(db, relayOptions))
      .catch((error: unknown) => {
        options.log?.warn('signing mails not relayed', { error: String(error) });
        setTimeout(relay, RELAY_RETRY_MS).unref();
      });
  };
  relay();
  return {
    async write(items) {
      // retryTransient: two processes' batches can deadlock on PostgreSQL; the loser reruns.
      const outcome = await retryTransient(() =>
        db.transaction().execute((trx) => writeSignatures(trx, items, options)),
      );
      if (outcome.mailsOwed > 0) relay();
      return outcome;
    },
    close: () => {
      closed = true;
      return relaying.then(() => {});
    },
  };
}

/**
 * Batches the service may have sent to the thread and not yet had answered: enough small
 * messages to fill the largest transaction the thread merges (`merge.ts`).
 */
export const WRITER_THREAD_IN_FLIGHT = MAX_MERGED / MESSAGE_MAX;

/** A batch as it crosses to the thread. */
export interface WriteMessage {
  id: number;
  /** The caller's clock at dispatch time: the thread writes with it (tests move the clock). */
  now: number;
  /** The most signatures the service has lately had waiting for an answer (`recentPeak`). */
  outstanding: number;
  /**
   * Pledges the thread has not seen in this version: structured clone would copy every text
   * of a pledge (3.5 KB for the demo) with each batch; the thread keeps them by id.
   */
  pledges: Pledge[];
  items: Array<{ pledgeId: string; chapterName: string; signature: BatchItem['signature'] }>;
}

export type WriteReply =
  | { id: number; ok: true; items: BatchOutcome['items']; deltas: Array<[string, CounterDelta]> }
  | { id: number; ok: false; error: { message: string; code?: string; fields?: unknown } }
  /** Not an answer: relaying owed mails failed in the thread (it tries again later). */
  | { id: 0; relayFailed: string };

/**
 * @param path the SQLite file (never `:memory:`: the thread needs a connection of its own).
 *
 * A thread that dies (it should not) fails the batches it held, which the batcher then retries
 * one signature at a time; the next write starts a new thread. Writing is idempotent per
 * (pledge, e-mail), so a batch that committed just before the thread died is not written twice.
 *
 * @example
 * const writer = threadWriter('./data/groundwork.sqlite', { publicUrl, clock });
 */
export function threadWriter(path: string, options: WriterOptions): SignatureWriter {
  let thread: WriterThread | undefined;
  let closed = false;
  const current = () => {
    thread ??= startThread(path, options, () => {
      thread = undefined;
    });
    return thread;
  };
  // Started at once: it loads its sources (~0.5 s) before the first signature needs it.
  current();
  return {
    write(items, load) {
      if (closed) return Promise.reject(new Error('signing writer closed'));
      return current().write(items, load);
    },
    async close() {
      closed = true;
      await thread?.terminate();
    },
  };
}

interface WriterThread {
  write(items: BatchItem[], load?: BatchLoad): Promise<WrittenBatch>;
  terminate(): Promise<number>;
}

function startThread(path: string, options: WriterOptions, onGone: () => void): WriterThread {
  const worker = typeScriptWorker(new URL('./writer.worker.ts', import.meta.url), {
    workerData: { path, publicUrl: options.publicUrl },
  });
  // The server must be able to exit while the thread idles.
  worker.unref();
  type Waiting = { resolve: (o: WrittenBatch) => void; reject: (e: unknown) => void };
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let gone = false;
  // The pledge objects the thread holds (an edit replaces the cached object, so it goes again).
  const sent = new WeakSet<Pledge>();
  const peak = recentPeak();

  const fail = (error: Error) => {
    if (gone) return;
    gone = true;
    onGone();
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: WriteReply) => {
    if ('relayFailed' in reply) {
      options.log?.warn('signing mails not relayed', { error: reply.relayFailed });
      return;
    }
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.ok) w.resolve({ items: reply.items, deltas: new Map(reply.deltas) });
    else w.reject(rebuildError(reply.error));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`signing writer thread exited (${code})`)));

  return {
    write(items, load) {
      const id = nextId++;
      const pledges = new Set(items.map((i) => i.pledge).filter((p) => !sent.has(p)));
      for (const p of pledges) sent.add(p);
      const message: WriteMessage = {
        id,
        now: options.clock.now().getTime(),
        outstanding: peak(load?.outstanding ?? items.length),
        pledges: [...pledges],
        items: items.map((i) => ({
          pledgeId: i.pledge.id,
          chapterName: i.chapterName,
          signature: i.signature,
        })),
      };
      const written = new Promise<WrittenBatch>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage(message);
      });
      return written.finally(() => {
        if (waiting.size === 0) worker.unref();
      });
    },
    terminate: () => worker.terminate(),
  };
}

function rebuildError(e: { message: string; code?: string; fields?: unknown }): Error {
  if (e.code) {
    return new AppError(e.code as never, e.message, {
      ...(e.fields ? { fields: e.fields as never } : {}),
    });
  }
  return new Error(e.message);
}
