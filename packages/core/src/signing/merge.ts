/**
 * How the writer thread turns the batches waiting for it into transactions (`writer.worker.ts`).
 *
 * Merging everything that waits gives the biggest transactions, and under steady load it ends
 * in one convoy: every signature in flight sits in the same transaction, all the answers leave
 * together, all the next requests come back together, and the thread idles while the HTTP
 * thread turns them around (after every transaction, ~1–2 ms, with 64 connections). Taking at
 * most half of what the service has been waiting on keeps two groups going: one is written
 * while the other is answered and refilled. Measured with wrk, 64 connections, two servers in
 * alternation: +9 to +14 % signatures/s on average against merging everything
 * (docs/benchmarks.md).
 */

/** The thread's transactions never shrink below this (each commit costs an fsync). */
export const MIN_MERGED = 16;
/** Nor grow beyond this. */
export const MAX_MERGED = 512;
/** The most signatures the service puts in one message, so the thread can split a turn's worth. */
export const MESSAGE_MAX = MIN_MERGED;

/**
 * The most signatures for the next transaction, given the most the service had waiting for an
 * answer lately.
 *
 * @example
 * mergeCap(64); // 32
 */
export function mergeCap(outstanding: number): number {
  return Math.min(MAX_MERGED, Math.max(MIN_MERGED, Math.ceil(outstanding / 2)));
}

/**
 * Removes from `waiting` and returns the oldest messages whose signatures fit under `cap`
 * (always at least one message, however big).
 *
 * @example
 * const group = takeGroup(waiting, mergeCap(latest.outstanding));
 */
export function takeGroup<M extends { items: readonly unknown[] }>(waiting: M[], cap: number): M[] {
  let size = 0;
  let count = 0;
  while (count < waiting.length) {
    const next = (waiting[count] as M).items.length;
    if (count > 0 && size + next > cap) break;
    size += next;
    count += 1;
  }
  return waiting.splice(0, count);
}

/**
 * The most signatures outstanding at any moment of the current second or the one before: the
 * number in flight right now swings with every answer sent, the load behind it does not.
 *
 * @example
 * const peak = recentPeak();
 * message.outstanding = peak(outstandingNow);
 */
export function recentPeak(now: () => number = () => performance.now()): (n: number) => number {
  let current = 0;
  let previous = 0;
  let since = now();
  return (n) => {
    const t = now();
    if (t - since >= 1000) {
      // The window began two seconds ago or more and no call rolled it since: the second
      // before this one saw nothing, so nothing before counts.
      previous = t - since >= 2000 ? 0 : current;
      current = 0;
      since = t;
    }
    current = Math.max(current, n);
    return Math.max(current, previous);
  };
}
