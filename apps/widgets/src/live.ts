import { loadCount } from './api.ts';
import type { CountUpdate } from './types.ts';

/** How often the fallback polls `/count` when the event stream is unavailable. */
export const POLL_MS = 15_000;

type Listener = (u: CountUpdate) => void;

// One connection per pledge per page, however many widgets show it: browsers allow only a
// few open connections per origin over HTTP/1.1.
const followed = new Map<string, { listeners: Set<Listener>; stop: () => void }>();

/**
 * Follows a pledge's count: the SSE stream first, polling `/count` if the stream fails for
 * good (EventSource missing, blocked by a proxy, or answered with an error). Widgets of the
 * same pledge share the connection. Returns a stop function.
 *
 * @example
 * const stop = followCount(base, 'quit-chatgpt', ({ count }) => setCount(count));
 */
export function followCount(base: string, slug: string, onUpdate: Listener): () => void {
  const key = `${base} ${slug}`;
  let entry = followed.get(key);
  if (!entry) {
    const listeners = new Set<Listener>();
    const stop = connect(base, slug, (u) => {
      for (const l of listeners) l(u);
    });
    entry = { listeners, stop };
    followed.set(key, entry);
  }
  const { listeners, stop } = entry;
  listeners.add(onUpdate);
  return () => {
    listeners.delete(onUpdate);
    if (listeners.size) return;
    stop();
    followed.delete(key);
  };
}

function connect(base: string, slug: string, onUpdate: Listener): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let source: EventSource | undefined;
  const poll = () => {
    source?.close();
    timer ??= setInterval(() => loadCount(base, slug).then(onUpdate, () => {}), POLL_MS);
  };
  if (typeof EventSource === 'function') {
    source = new EventSource(`${base}/api/v1/pledges/${encodeURIComponent(slug)}/stream`);
    source.onmessage = (e) => {
      try {
        onUpdate(JSON.parse(e.data) as CountUpdate);
      } catch {
        // a malformed event is skipped; the next one carries the full count again
      }
    };
    // EventSource retries by itself after a dropped connection; CLOSED means it gave up.
    source.onerror = () => {
      if (source?.readyState === 2) poll();
    };
  } else poll();
  return () => {
    source?.close();
    clearInterval(timer);
  };
}
