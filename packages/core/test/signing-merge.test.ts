/**
 * How the writer thread sizes its transactions (`signing/merge.ts`) and what the batcher tells
 * it about the load (`outstanding`).
 */
import {
  createBatcher,
  MAX_MERGED,
  MIN_MERGED,
  mergeCap,
  recentPeak,
  takeGroup,
} from '@groundwork/core/signing';
import { describe, expect, it } from 'vitest';

const message = (size: number, id: number) => ({ id, items: Array.from({ length: size }) });

describe('writer transaction sizes', () => {
  it('caps a transaction at half of what the service waits on, within bounds', () => {
    expect(mergeCap(64)).toBe(32);
    expect(mergeCap(65)).toBe(33);
    expect(mergeCap(3)).toBe(MIN_MERGED);
    expect(mergeCap(100_000)).toBe(MAX_MERGED);
  });

  it('takes the oldest messages that fit under the cap, at least one', () => {
    const waiting = [message(16, 1), message(16, 2), message(16, 3), message(5, 4)];
    expect(takeGroup(waiting, 32).map((m) => m.id)).toEqual([1, 2]);
    // What did not fit stays, in order, for the next transaction.
    expect(waiting.map((m) => m.id)).toEqual([3, 4]);
    expect(takeGroup(waiting, 32).map((m) => m.id)).toEqual([3, 4]);
    expect(waiting).toEqual([]);

    const big = [message(40, 5), message(1, 6)];
    expect(takeGroup(big, 16).map((m) => m.id)).toEqual([5]);
    expect(takeGroup([], 16)).toEqual([]);
  });

  it('remembers the peak of the current and the previous second only', () => {
    let now = 0;
    const peak = recentPeak(() => now);
    expect(peak(10)).toBe(10);
    now = 500;
    expect(peak(64)).toBe(64);
    expect(peak(3)).toBe(64);
    now = 1_200; // next second: the last one's peak still counts
    expect(peak(5)).toBe(64);
    now = 2_300; // the 64 is two seconds old now
    expect(peak(7)).toBe(7);
    now = 10_000; // long idle: nothing before counts
    expect(peak(2)).toBe(2);
  });
});

describe('batcher load', () => {
  it('tells each write how many items are pushed and not settled yet', async () => {
    const seen: number[] = [];
    let failNext = false;
    const batcher = createBatcher<number, number>(
      async (items, load) => {
        seen.push(load.outstanding);
        if (failNext && items.length > 1) throw new Error('one of these is bad');
        if (items.includes(13)) throw new Error('13 is bad');
        return items.map((i) => i * 2);
      },
      { maxBatch: 4, concurrency: 2 },
    );
    const first = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => batcher.push(i)));
    expect(first).toEqual([2, 4, 6, 8, 10, 12]);
    // Both batches of the same turn were started with all six waiting.
    expect(seen).toEqual([6, 6]);

    // A failed batch is retried item by item; every settled item leaves the count.
    seen.length = 0;
    failNext = true;
    const settled = await Promise.allSettled([12, 13].map((i) => batcher.push(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    expect(seen).toEqual([2, 2, 1]);

    seen.length = 0;
    failNext = false;
    expect(await batcher.push(7)).toBe(14);
    expect(seen).toEqual([1]);
  });
});
