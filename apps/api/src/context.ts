import type { Clock } from '@groundwork/core/clock';
import type { Db } from '@groundwork/core/db';
import type { SigningService } from '@groundwork/core/signing';
import type { Config } from './config/index.ts';
import type { Logger } from './log/index.ts';

/**
 * What every route and procedure gets: built once at start, passed down explicitly
 * (no module-level singletons, so tests can run several apps side by side).
 */
export interface AppContext {
  db: Db;
  config: Config;
  log: Logger;
  clock: Clock;
  /** Pledge signing, counts and their live updates (one per process; see services.ts). */
  signing: SigningService;
  /** Called on shutdown, before the database closes (end SSE streams, stop workers...). */
  onShutdown(hook: () => void | Promise<void>): void;
}

/** Hono's typed variables for this app. */
export interface HonoEnv {
  Variables: {
    requestId: string;
    /** The signed-in organizer, set by the session middleware (apps/api/src/auth). */
    auth: { userId: string; sessionId: string } | null;
  };
}
