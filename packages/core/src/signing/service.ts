/**
 * The signing service: one per process. It owns the group-commit queue (`batcher.ts`, written
 * by `writer.ts`), the in-memory pledges and counts (`counts.ts`, served to `/count` and the
 * live stream) and the rate limiters (`rate.ts`).
 */
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import type { Notifier } from '../notify/index.ts';
import type { MailExpander } from '../outbox/index.ts';
import type { RateLimitSettings } from '../pledges/pledges.table.ts';
import type { Pledge } from '../pledges/pledges.ts';
import type { RateLimitOptions } from '../ratelimit/index.ts';
import { createBatcher } from './batcher.ts';
import { newReferralCode } from './codes.ts';
import { type ConfirmResult, confirmSignature } from './confirm.ts';
import { type CountListener, type CountView, createCountCache } from './counts.ts';
import { shareUrlFor } from './mail.ts';
import { signingMailExpander } from './mail-refs.ts';
import { MESSAGE_MAX } from './merge.ts';
import { createProofOfWork, type PowChallenge } from './pow.ts';
import { signingRateCheck } from './rate.ts';
import { isHoneypot, validateSignature } from './schemas.ts';
import type { BatchItem, ItemOutcome } from './store.ts';
import { inlineWriter, threadWriter, WRITER_THREAD_IN_FLIGHT } from './writer.ts';

export interface SigningServiceOptions {
  db: Kysely<Database>;
  clock?: Clock;
  /** The instance secret (keys the proof-of-work challenges and the mails' unsubscribe links). */
  secret: string;
  /** Base URL of the public site, for share and confirmation links. */
  publicUrl: string;
  log?: {
    warn(msg: string, fields?: Record<string, unknown>): void;
    debug?(msg: string, fields?: Record<string, unknown>): void;
  };
  /** False turns rate limiting off (`RATE_LIMITS=off`). */
  rateLimits?: boolean;
  /** Used when neither the pledge nor its chapter set one. */
  defaultRateLimit?: RateLimitSettings;
  /**
   * Most signatures per transaction (inline), or per message to the writer thread, which sizes
   * its own transactions (`merge.ts`).
   */
  maxBatch?: number;
  /** Where rate-limit counts live: pass the app's `Db` so PostgreSQL shares them between processes. */
  rateLimitStore?: RateLimitOptions['store'];
  /** Tells other processes that a count moved (PostgreSQL), and hears theirs. */
  notifier?: Notifier;
  /**
   * The SQLite file behind `db`: batches are then written by a worker thread with its own
   * connection (`writer.ts`). Without it (PostgreSQL, `:memory:`), on `db` in this thread.
   */
  sqlitePath?: string;
}

export type { CountListener, CountView } from './counts.ts';

export interface SignMeta {
  /** Keyed hash of the client address (`hashClientKey`); never the raw IP. */
  ipHash: string;
  /** The page's locale, used when the body names none. */
  locale?: string;
}

export interface SignResult {
  count: number;
  /** `pending` whenever the pledge asks for e-mail confirmation (even on a repeat). */
  status: 'confirmed' | 'pending';
  shareUrl: string;
  /** The signer's own referral code. */
  ref: string;
}

export interface SigningService {
  /**
   * Validates and records a signature (group-committed with concurrent ones). Same answer
   * shape whether the e-mail had signed before or not; a filled honeypot gets a fake success.
   */
  sign(slug: string, raw: unknown, meta: SignMeta): Promise<SignResult>;
  /** `{ count, goal }` of a live or closed pledge, from memory. */
  count(slug: string): Promise<CountView>;
  /**
   * The same, synchronously, when the pledge is loaded already; undefined otherwise (not
   * loaded yet, unknown, draft: ask `count`). For the count route's fast path.
   */
  cachedCount(slug: string): CountView | undefined;
  /** The cached pledge (live or closed), e.g. for pages. NOT_FOUND for drafts and unknown slugs. */
  pledge(slug: string): Promise<{ pledge: Pledge; chapter: { slug: string; name: string } }>;
  /** Calls `listener` with every count change of `slug` (unthrottled); returns the unsubscribe. */
  subscribe(slug: string, listener: CountListener): () => void;
  /** A proof-of-work challenge for a pledge that has it on. */
  challenge(slug: string): Promise<PowChallenge>;
  /** `confirmSignature` plus the count update. */
  confirm(token: string): Promise<ConfirmResult>;
  /**
   * Completes the signing mails, queued as references, when they are sent or shown: give it
   * to the outbox worker and to the admin's message view (`mail-refs.ts`).
   */
  expandMail: MailExpander;
  /** A pledge changed (admin edit, status): forget its cached copy. No id: forget all. */
  invalidate(pledgeId?: string): void;
  /** Someone else moved the counters of `pledgeId` (another process): re-read them. */
  onCountChanged(pledgeId: string): Promise<void>;
  /** Waits for queued signatures to commit; then stops listening. */
  close(): Promise<void>;
}

const COUNT_CHANNEL = 'pledge_count';

/**
 * @example
 * const signing = createSigningService({ db: db.kysely, clock, secret: config.secret, publicUrl: config.publicUrl });
 * const result = await signing.sign('quit-chatgpt', body, { ipHash: hashClientKey(config.secret, ip) });
 */
export function createSigningService(options: SigningServiceOptions): SigningService {
  const { db, secret, publicUrl } = options;
  const clock = options.clock ?? systemClock;
  const pow = createProofOfWork(secret, clock);
  const counts = createCountCache(db, options.log);
  const checkRate = signingRateCheck({
    enabled: options.rateLimits !== false,
    ...(options.defaultRateLimit ? { defaultLimit: options.defaultRateLimit } : {}),
    ...(options.rateLimitStore ? { store: options.rateLimitStore } : {}),
  });
  const writerOptions = { publicUrl, clock, ...(options.log ? { log: options.log } : {}) };
  const writer = options.sqlitePath
    ? threadWriter(options.sqlitePath, writerOptions)
    : inlineWriter(db, writerOptions);
  // The thread merges what it receives into its own transactions: hand it each turn's
  // signatures at once, in small messages it can split between two transactions. Inline, one
  // transaction at a time takes what waited meanwhile.
  const batching = options.sqlitePath
    ? { maxBatch: options.maxBatch ?? MESSAGE_MAX, concurrency: WRITER_THREAD_IN_FLIGHT }
    : { maxBatch: options.maxBatch ?? 256, concurrency: 1 };

  const batcher = createBatcher<BatchItem, ItemOutcome>(async (items, load) => {
    // The cached entries as they were before the write: only those may get the deltas added
    // (an entry reloaded meanwhile may already include this batch, so it is re-read instead).
    const before = counts.snapshot(items.map((i) => i.pledge));
    const started = performance.now();
    const outcome = await writer.write(items, load);
    options.log?.debug?.('signing batch', {
      size: items.length,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    await counts.addDeltas(outcome.deltas, before);
    for (const pledgeId of outcome.deltas.keys()) {
      void options.notifier?.publish(COUNT_CHANNEL, pledgeId).catch(() => {});
    }
    return outcome.items;
  }, batching);

  const unlisten = options.notifier?.subscribe(COUNT_CHANNEL, (pledgeId, local) => {
    if (local) return;
    if (pledgeId === undefined) {
      for (const id of counts.pledgeIds()) void counts.refresh(id).catch(() => {});
    } else void counts.refresh(pledgeId).catch(() => {});
  });

  return {
    async sign(slug, raw, meta) {
      const entry = await counts.load(slug);
      const { pledge } = entry;
      if (pledge.status !== 'live') {
        throw new AppError('UNPROCESSABLE', 'This pledge is closed: it takes no more signatures.');
      }
      const signature = validateSignature(pledge, raw, meta.locale);
      const status = pledge.requiresConfirmation ? 'pending' : 'confirmed';
      if (isHoneypot(raw)) {
        const ref = newReferralCode();
        return {
          count: counts.view(entry).count,
          status,
          shareUrl: shareUrlFor(publicUrl, slug, ref),
          ref,
        };
      }
      await checkRate(pledge, meta.ipHash);
      if (pledge.proofOfWork) await pow.verify(pledge.id, signature.altcha);
      const { ref } = await batcher.push({ pledge, chapterName: entry.chapter.name, signature });
      return {
        count: counts.view(entry).count,
        status,
        shareUrl: shareUrlFor(publicUrl, slug, ref),
        ref,
      };
    },
    async count(slug) {
      return counts.view(await counts.load(slug));
    },
    cachedCount(slug) {
      const entry = counts.loaded(slug);
      return entry ? counts.view(entry) : undefined;
    },
    async pledge(slug) {
      const { pledge, chapter } = await counts.load(slug);
      return { pledge, chapter };
    },
    subscribe: counts.subscribe,
    async challenge(slug) {
      const { pledge } = await counts.load(slug);
      if (!pledge.proofOfWork) {
        throw new AppError('NOT_FOUND', 'This pledge needs no anti-spam challenge.');
      }
      return pow.challenge(pledge.id);
    },
    async confirm(token) {
      const result = await confirmSignature(db, token, clock, { publicUrl });
      await counts.refresh(result.pledgeId);
      void options.notifier?.publish(COUNT_CHANNEL, result.pledgeId).catch(() => {});
      return result;
    },
    invalidate: counts.invalidate,
    onCountChanged: counts.refresh,
    expandMail: signingMailExpander(db, { publicUrl, secret }),
    async close() {
      await batcher.drain();
      await writer.close();
      unlisten?.();
    },
  };
}
