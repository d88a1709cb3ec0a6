/**
 * The signing service's pledges and counts in memory: each pledge is read once, its count
 * then moves with the deltas of every batch this process commits, is read again when someone
 * else moved it (a confirmation, another process), and is pushed to live listeners (the
 * stream route). `/count` is served from here without touching the database.
 */
import type { Kysely } from 'kysely';
import { isPostgres } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import { type Pledge, readCounterSums } from '../pledges/pledges.ts';
import { getPublishedPledge, publicCount } from '../pledges/public.ts';
import type { CounterDelta } from './counter.ts';

export interface CountView {
  count: number;
  goal: number;
}

export type CountListener = (count: CountView) => void;

/** How long after this process's last batch its count is checked against the database. */
const RECONCILE_MS = 250;

/** A loaded pledge, its chapter and its counter sums. */
export interface Entry {
  pledge: Pledge;
  chapter: { slug: string; name: string };
  confirmed: number;
  pending: number;
}

export interface CountCache {
  /** The pledge by slug, read on first use (NOT_FOUND for drafts and unknown slugs). */
  load(slug: string): Promise<Entry>;
  /** The same, only if already loaded (no waiting, no database). */
  loaded(slug: string): Entry | undefined;
  view(entry: Entry): CountView;
  /** What is cached for these pledges now: pass it to `addDeltas` once the batch committed. */
  snapshot(pledges: Pledge[]): Map<string, Promise<Entry> | undefined>;
  /**
   * Adds a committed batch's deltas to the entries that are still those of `before`; an
   * entry reloaded meanwhile may already include the batch, so it is read again instead.
   */
  addDeltas(
    deltas: Map<string, CounterDelta>,
    before: Map<string, Promise<Entry> | undefined>,
  ): Promise<void>;
  /** Reads a pledge's counter again (someone else moved it). */
  refresh(pledgeId: string): Promise<void>;
  /** The loaded pledges' ids. */
  pledgeIds(): string[];
  subscribe(slug: string, listener: CountListener): () => void;
  /** Forgets a pledge (edited, closed) or all of them; listeners get the new state. */
  invalidate(pledgeId?: string): void;
}

/**
 * @example
 * const counts = createCountCache(db, log);
 * const { pledge } = await counts.load('quit-chatgpt');
 */
export function createCountCache(
  db: Kysely<Database>,
  log?: { warn(msg: string, fields?: Record<string, unknown>): void },
): CountCache {
  const entries = new Map<string, Promise<Entry>>();
  // Other processes write too (PostgreSQL): a read of the counter that overlapped this
  // process's own commit may have missed its batch, or counted it before the delta was added.
  // A read shortly after the last local batch settles the count on the database's.
  const shared = isPostgres(db);
  const reconciling = new Map<string, NodeJS.Timeout>();
  const reconcileSoon = (pledgeId: string) => {
    clearTimeout(reconciling.get(pledgeId));
    const timer = setTimeout(() => {
      reconciling.delete(pledgeId);
      void refresh(pledgeId).catch(() => {});
    }, RECONCILE_MS);
    timer.unref();
    reconciling.set(pledgeId, timer);
  };
  // The settled ones among `entries` (same objects), readable without awaiting.
  const settled = new Map<string, Entry>();
  const slugById = new Map<string, string>();
  const listeners = new Map<string, Set<CountListener>>();

  const load = (slug: string): Promise<Entry> => {
    let entry = entries.get(slug);
    if (!entry) {
      entry = readEntry(db, slug);
      entries.set(slug, entry);
      const pending = entry;
      entry.then(
        (e) => {
          // Unless it was invalidated (and maybe reloaded) while loading.
          if (entries.get(slug) !== pending) return;
          slugById.set(e.pledge.id, slug);
          settled.set(slug, e);
        },
        () => {
          if (entries.get(slug) === pending) entries.delete(slug);
        },
      );
    }
    return entry;
  };

  const view = (e: Entry): CountView => ({
    count: publicCount(e.pledge, e.confirmed, e.pending),
    goal: e.pledge.goal,
  });

  const emit = (slug: string, e: Entry) => {
    const set = listeners.get(slug);
    if (!set) return;
    const v = view(e);
    for (const listener of set) {
      try {
        listener(v);
      } catch (error) {
        log?.warn('count listener failed', { error: String(error) });
      }
    }
  };

  // Reads race: one started earlier may finish later. Only the latest started one applies.
  let reads = 0;
  const appliedRead = new Map<string, number>();
  const refresh = async (pledgeId: string) => {
    const slug = slugById.get(pledgeId);
    const entry = slug ? await entries.get(slug)?.catch(() => undefined) : undefined;
    if (!slug || !entry) return;
    const read = ++reads;
    const sums = (await readCounterSums(db, [pledgeId])).get(pledgeId);
    if ((appliedRead.get(pledgeId) ?? 0) > read) return;
    appliedRead.set(pledgeId, read);
    const before = view(entry).count;
    entry.confirmed = sums?.confirmed ?? 0;
    entry.pending = sums?.pending ?? 0;
    if (view(entry).count !== before) emit(slug, entry);
  };

  return {
    load,
    loaded: (slug) => settled.get(slug),
    view,
    snapshot(pledges) {
      return new Map(pledges.map((p) => [p.id, entries.get(p.slug)]));
    },
    async addDeltas(deltas, before) {
      for (const [pledgeId, delta] of deltas) {
        const slug = slugById.get(pledgeId);
        const cached = slug ? entries.get(slug) : undefined;
        const entry = cached && cached === before.get(pledgeId) ? await cached : undefined;
        if (slug && entry) {
          entry.confirmed += delta.confirmed;
          entry.pending += delta.pending;
          emit(slug, entry);
          if (shared) reconcileSoon(pledgeId);
        } else await refresh(pledgeId).catch(() => {});
      }
    },
    refresh,
    pledgeIds: () => [...slugById.keys()],
    subscribe(slug, listener) {
      let set = listeners.get(slug);
      if (!set) {
        set = new Set();
        listeners.set(slug, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(slug);
      };
    },
    invalidate(pledgeId) {
      const slugs = pledgeId ? [slugById.get(pledgeId)] : [...entries.keys()];
      for (const slug of slugs) {
        if (!slug) continue;
        entries.delete(slug);
        settled.delete(slug);
        if (pledgeId) slugById.delete(pledgeId);
        // Viewers see a new goal (or the pledge closing) without waiting for a signature.
        if (listeners.has(slug)) {
          load(slug).then(
            (e) => emit(slug, e),
            () => {},
          );
        }
      }
      if (!pledgeId) {
        slugById.clear();
        settled.clear();
      }
    },
  };
}

async function readEntry(db: Kysely<Database>, slug: string): Promise<Entry> {
  const { pledge, chapter } = await getPublishedPledge(db, slug);
  const sums = (await readCounterSums(db, [pledge.id])).get(pledge.id);
  return { pledge, chapter, confirmed: sums?.confirmed ?? 0, pending: sums?.pending ?? 0 };
}
