/**
 * Live counts over Server-Sent Events. One hub per pledge fans a count out to all its
 * viewers, at most once per `throttleMs` (one timer per pledge, however many viewers), so a
 * viral spike costs one write per viewer per second, not one per signature.
 */
import type { CountView, SigningService } from '@groundwork/core/signing';

export interface Viewer {
  send(count: CountView): void;
  /** A comment line that keeps proxies from closing an idle connection. */
  ping(): void;
  close(): void;
}

export interface CountStreams {
  /** Adds a viewer to `slug`'s hub (the caller sends the first count itself). */
  attach(slug: string, viewer: Viewer): () => void;
  /** Ends every stream (shutdown). */
  close(): void;
  /** Number of open viewers (for tests and metrics). */
  size(): number;
}

interface Hub {
  viewers: Set<Viewer>;
  latest: CountView | undefined;
  sentKey: string | undefined;
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
  unsubscribe: () => void;
}

/**
 * @example
 * const streams = createCountStreams(ctx.signing);
 * ctx.onShutdown(() => streams.close());
 */
export function createCountStreams(
  signing: SigningService,
  options: { throttleMs?: number; heartbeatMs?: number } = {},
): CountStreams {
  const throttleMs = options.throttleMs ?? 1000;
  const hubs = new Map<string, Hub>();

  const flush = (hub: Hub) => {
    hub.timer = undefined;
    const latest = hub.latest;
    if (!latest) return;
    const key = `${latest.count}/${latest.goal}`;
    if (key === hub.sentKey) return;
    hub.sentKey = key;
    hub.lastSentAt = Date.now();
    for (const viewer of hub.viewers) viewer.send(latest);
  };

  const onCount = (hub: Hub, count: CountView) => {
    hub.latest = count;
    if (hub.timer) return;
    const wait = Math.max(0, hub.lastSentAt + throttleMs - Date.now());
    hub.timer = setTimeout(() => flush(hub), wait);
  };

  const heartbeat = setInterval(() => {
    for (const hub of hubs.values()) for (const viewer of hub.viewers) viewer.ping();
  }, options.heartbeatMs ?? 25_000);
  heartbeat.unref();

  return {
    attach(slug, viewer) {
      let hub = hubs.get(slug);
      if (!hub) {
        const created: Hub = {
          viewers: new Set(),
          latest: undefined,
          sentKey: undefined,
          // The first change after connecting waits for the throttle, like every other.
          lastSentAt: Date.now(),
          timer: undefined,
          unsubscribe: () => {},
        };
        created.unsubscribe = signing.subscribe(slug, (count) => onCount(created, count));
        hubs.set(slug, created);
        hub = created;
      }
      const current = hub;
      current.viewers.add(viewer);
      return () => {
        current.viewers.delete(viewer);
        if (current.viewers.size > 0) return;
        current.unsubscribe();
        if (current.timer) clearTimeout(current.timer);
        hubs.delete(slug);
      };
    },
    close() {
      clearInterval(heartbeat);
      for (const hub of hubs.values()) {
        if (hub.timer) clearTimeout(hub.timer);
        hub.unsubscribe();
        for (const viewer of hub.viewers) viewer.close();
      }
      hubs.clear();
    },
    size() {
      let n = 0;
      for (const hub of hubs.values()) n += hub.viewers.size;
      return n;
    },
  };
}
