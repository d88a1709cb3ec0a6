import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { followCount, POLL_MS } from '../src/live.ts';
import type { CountUpdate } from '../src/types.ts';
import { type FakeApi, startFakeApi } from './fake-api.ts';

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());

// jsdom has no EventSource, so this exercises the polling fallback (the browser tests in
// tooling/e2e cover the event stream).
it('polls /count when there is no event stream, once for all widgets of a pledge', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  try {
    const a: CountUpdate[] = [];
    const b: CountUpdate[] = [];
    const stopA = followCount(api.url, 'quit-chatgpt', (u) => a.push(u));
    const stopB = followCount(api.url, 'quit-chatgpt', (u) => b.push(u));
    const counts = () => api.requests.filter((r) => r.path.endsWith('/count')).length;
    const before = counts();
    vi.advanceTimersByTime(POLL_MS);
    await vi.waitFor(() => expect(b).toHaveLength(1));
    expect(a).toEqual([{ count: api.pledge.count, goal: api.pledge.goal }]);
    expect(counts()).toBe(before + 1);
    stopA();
    vi.advanceTimersByTime(POLL_MS);
    await vi.waitFor(() => expect(b).toHaveLength(2));
    expect(a).toHaveLength(1);
    stopB();
    vi.advanceTimersByTime(POLL_MS * 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counts()).toBe(before + 2);
  } finally {
    vi.useRealTimers();
  }
});
