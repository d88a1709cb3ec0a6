/**
 * Change notification between the processes that share one database: "pledge X's count moved",
 * "a mail was queued". On PostgreSQL it is LISTEN/NOTIFY (every process, this one included,
 * hears every message); on SQLite there is only one process, so it is an in-process event bus.
 * Messages are hints to re-read the database, never data: a lost one costs freshness, not
 * correctness, and after a reconnect every handler is told it may have missed some.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Called for each message. `payload` is `undefined` after a gap (the listening connection
 * was lost and restored): re-read whatever you cache. `local` is true for messages this
 * process published.
 */
export type NotifyHandler = (payload: string | undefined, local: boolean) => void;

export interface Notifier {
  /** Tells every process (this one included). Resolves once the message is handed over. */
  publish(channel: string, payload: string): Promise<void>;
  /** Starts listening; returns the function that stops. */
  subscribe(channel: string, handler: NotifyHandler): () => void;
  /** Resolves once every subscription so far is live (LISTEN acknowledged). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`notify: invalid channel name "${channel}"`);
}

/** A registry of handlers per channel, shared by both implementations. */
class Handlers {
  private readonly byChannel = new Map<string, Set<NotifyHandler>>();

  add(channel: string, handler: NotifyHandler): { first: boolean; remove: () => boolean } {
    let set = this.byChannel.get(channel);
    const first = set === undefined;
    if (!set) {
      set = new Set();
      this.byChannel.set(channel, set);
    }
    set.add(handler);
    return {
      first,
      remove: () => {
        set.delete(handler);
        if (set.size > 0) return false;
        this.byChannel.delete(channel);
        return true;
      },
    };
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  emit(channel: string, payload: string | undefined, local: boolean): void {
    for (const handler of this.byChannel.get(channel) ?? []) {
      try {
        handler(payload, local);
      } catch {
        // a failing subscriber must not starve the others
      }
    }
  }
}

/**
 * The single-process notifier (SQLite, tests). Delivery is asynchronous, like NOTIFY.
 *
 * @example
 * const n = memoryNotifier();
 * n.subscribe('pledge_count', (id) => cache.delete(id));
 * await n.publish('pledge_count', pledgeId);
 */
export function memoryNotifier(): Notifier {
  const handlers = new Handlers();
  return {
    publish: async (channel, payload) => {
      checkChannel(channel);
      queueMicrotask(() => handlers.emit(channel, payload, true));
    },
    subscribe: (channel, handler) => {
      checkChannel(channel);
      return handlers.add(channel, handler).remove;
    },
    ready: async () => {},
    close: async () => {},
  };
}

/**
 * LISTEN/NOTIFY on one dedicated connection (a pooled one would lose its LISTENs when
 * returned). Messages are published through `query` (the pool), so a NOTIFY issued inside a
 * transaction is only delivered on commit. Reconnects with backoff if the connection drops.
 *
 * @example
 * const n = postgresNotifier(url, (sql, params) => pool.query(sql, params));
 */
export function postgresNotifier(
  url: string,
  query: (text: string, params: unknown[]) => Promise<unknown>,
): Notifier {
  // Tags our own messages so handlers can tell local from remote ones.
  const origin = randomBytes(6).toString('base64url');
  const handlers = new Handlers();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  let closed = false;
  let retryDelay = 100;

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'groundwork-listen' });
      c.on('notification', (message) => {
        const raw = message.payload ?? '';
        const cut = raw.indexOf(':');
        const from = raw.slice(0, cut);
        handlers.emit(message.channel, raw.slice(cut + 1), from === origin);
      });
      c.on('error', () => lost(c));
      c.on('end', () => lost(c));
      await c.connect();
      for (const channel of handlers.channels()) await c.query(`LISTEN ${channel}`);
      client = c;
      retryDelay = 100;
      return c;
    })();
    connecting.catch(() => {
      connecting = undefined;
      if (!closed) setTimeout(() => void reconnect().catch(() => {}), retryDelay).unref();
      retryDelay = Math.min(retryDelay * 2, 5000);
    });
    return connecting;
  };

  const reconnect = async () => {
    if (closed || connecting) return;
    await connect();
    // Anything may have happened while we were deaf.
    for (const channel of handlers.channels()) handlers.emit(channel, undefined, false);
  };

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = undefined;
    connecting = undefined;
    c.removeAllListeners('notification');
    void c.end().catch(() => {});
    if (!closed) setTimeout(() => void reconnect().catch(() => {}), retryDelay).unref();
  };

  const onClient = (work: (c: pg.Client) => Promise<unknown>) => {
    pending = pending
      .then(() => connect())
      .then(work)
      .catch(() => {});
    return pending;
  };

  return {
    publish: async (channel, payload) => {
      checkChannel(channel);
      await query('select pg_notify($1, $2)', [channel, `${origin}:${payload}`]);
    },
    subscribe: (channel, handler) => {
      checkChannel(channel);
      const { first, remove } = handlers.add(channel, handler);
      if (first) void onClient((c) => c.query(`LISTEN ${channel}`));
      return () => {
        if (remove() && client) void onClient((c) => c.query(`UNLISTEN ${channel}`));
      };
    },
    ready: async () => {
      await pending;
    },
    close: async () => {
      closed = true;
      const c = client ?? (connecting ? await connecting.catch(() => undefined) : undefined);
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
