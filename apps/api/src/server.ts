import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '@groundwork/core/clock';
import { migrateToLatest, openDatabase, withLock } from '@groundwork/core/db';
import { seedDemo } from '@groundwork/core/demo';
import { getRequestListener } from '@hono/node-server';
import { announceSetupLink } from './auth/index.ts';
import type { Config } from './config/index.ts';
import type { AppContext } from './context.ts';
import { createApp } from './http/app.ts';
import { createLogger, type Logger } from './log/index.ts';
import { withCountFastPath } from './public/count-fast-path.ts';
import { withSigningFastPath } from './public/signing-fast-path.ts';
import { createSigning } from './services.ts';
import { databaseProblem, listenProblem } from './startup-errors.ts';
import { startWorkers } from './workers/index.ts';

export interface RunningServer {
  /** The base URL it listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  /** Where the first-run setup link is printed (default: stdout). */
  print?: (line: string) => void;
}

/**
 * Opens the database, migrates it, seeds the demo on a fresh instance, and listens.
 *
 * @example
 * const server = await startServer(loadConfig(process.env));
 */
export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl).catch((error) => {
    throw databaseProblem(error);
  });
  await migrateToLatest(db.kysely).catch(async (error) => {
    await db.close().catch(() => {});
    throw databaseProblem(error);
  });
  // Several processes may start at once on one PostgreSQL: one seeds, the others then find it.
  // Only on a fresh database: an instance with chapters of its own never gets the demo added.
  const seed = () =>
    withLock(db, 'startup:seed', () => seedDemo(db.kysely, options.clock, { onlyWhenEmpty: true }));
  if (config.seedDemo && (await seed())) {
    log.info('demo campaign created', { chapter: 'quitgpt-paris' });
  }
  const shutdownHooks: Array<() => void | Promise<void>> = [];
  const clock = options.clock ?? systemClock;
  // db.notifier: LISTEN/NOTIFY on PostgreSQL, so a count moved by another process reaches
  // this one's cache and SSE viewers within a moment (in-process only on SQLite).
  const signing = createSigning({ db, config, clock, log, notifier: db.notifier });
  const ctx: AppContext = {
    db,
    config,
    log,
    clock,
    signing,
    onShutdown: (hook) => shutdownHooks.push(hook),
  };
  const app = createApp(ctx);
  const server = await listen(ctx, app).catch(async (error) => {
    await signing.close().catch(() => {});
    await db.close().catch(() => {});
    throw error;
  });
  // After listening: a second process that cannot take the port must not send the mail.
  startWorkers(ctx);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  // `url` is one to open on this machine; `host` is what the server listens on (0.0.0.0: every
  // interface, not a browsable address).
  log.info('listening', { url, host: config.host, publicUrl: config.publicUrl, database: db.kind });
  await announceSetupLink(ctx, options.print);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const hook of shutdownHooks) await hook();
      // In-flight requests get a few seconds; then the remaining connections are cut.
      const timer = setTimeout(() => server.closeAllConnections(), 5000);
      await stopped;
      clearTimeout(timer);
      // Every acknowledged signature is committed already; this waits for queued ones.
      await signing.close();
      await db.close();
      log.info('stopped');
    })();
    return closing;
  };
  return { url, ctx, app, close };
}

function listen(ctx: AppContext, app: ReturnType<typeof createApp>): Promise<Server> {
  const { config, signing } = ctx;
  // What `serve()` of @hono/node-server does, with the fast paths of the two hottest routes in
  // front (public/signing-fast-path.ts, public/count-fast-path.ts).
  const hono = getRequestListener(app.fetch, { hostname: config.host });
  const server = createServer(withSigningFastPath(ctx, withCountFastPath(signing, hono)));
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenProblem(error, config.host, config.port)));
    server.listen(config.port, config.host, () => resolve(server));
  });
}
