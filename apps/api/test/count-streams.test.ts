import type { CountListener, CountView, SigningService } from '@groundwork/core/signing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCountStreams, type Viewer } from '../src/public/stream.ts';

/** Only the part of the signing service the hubs use: subscriptions. */
function fakeSigning() {
  const listeners = new Map<string, Set<CountListener>>();
  const service = {
    subscribe(slug: string, listener: CountListener) {
      const set = listeners.get(slug) ?? new Set();
      set.add(listener);
      listeners.set(slug, set);
      return () => set.delete(listener);
    },
  } as unknown as SigningService;
  const change = (slug: string, count: CountView) => {
    for (const l of listeners.get(slug) ?? []) l(count);
  };
  return { service, change, listeners };
}

function viewer() {
  const sent: CountView[] = [];
  let pings = 0;
  let closed = false;
  const v: Viewer = {
    send: (c) => sent.push(c),
    ping: () => {
      pings++;
    },
    close: () => {
      closed = true;
    },
  };
  return { v, sent, pings: () => pings, closed: () => closed };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('count streams', () => {
  it('sends at most one update per second per pledge, with the latest total', () => {
    const { service, change } = fakeSigning();
    const streams = createCountStreams(service, { throttleMs: 1000, heartbeatMs: 25_000 });
    const viewers = Array.from({ length: 100 }, viewer);
    for (const x of viewers) streams.attach('p', x.v);
    // One subscription and at most one timer for the pledge, however many viewers.
    for (let i = 1; i <= 50; i++) change('p', { count: i, goal: 100 });
    expect(vi.getTimerCount()).toBe(2); // the pledge's throttle timer + the shared heartbeat
    vi.advanceTimersByTime(999);
    expect(viewers[0]?.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    for (const x of viewers) expect(x.sent).toEqual([{ count: 50, goal: 100 }]);
    change('p', { count: 51, goal: 100 });
    vi.advanceTimersByTime(500);
    expect(viewers[0]?.sent).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(viewers[0]?.sent.at(-1)).toEqual({ count: 51, goal: 100 });
    streams.close();
  });

  it('pings idle viewers, forgets pledges without viewers, and closes everything on shutdown', () => {
    const { service, listeners } = fakeSigning();
    const streams = createCountStreams(service, { heartbeatMs: 25_000 });
    const a = viewer();
    const b = viewer();
    const detachA = streams.attach('p', a.v);
    streams.attach('q', b.v);
    vi.advanceTimersByTime(25_000);
    expect(a.pings()).toBe(1);
    detachA();
    expect(listeners.get('p')?.size).toBe(0);
    expect(streams.size()).toBe(1);
    streams.close();
    expect(b.closed()).toBe(true);
    expect(streams.size()).toBe(0);
  });
});
