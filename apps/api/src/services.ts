/**
 * The long-lived domain services of one process, built once at start from the configuration
 * (routes reach them through the AppContext, never through module-level singletons).
 */
import type { Clock } from '@groundwork/core/clock';
import type { Db } from '@groundwork/core/db';
import type { Notifier } from '@groundwork/core/notify';
import { createSigningService, type SigningService } from '@groundwork/core/signing';
import type { Config } from './config/index.ts';
import type { Logger } from './log/index.ts';

/**
 * The signing service of this process: group commit, in-memory counts, rate limits.
 * Pass the cross-process notifier (PostgreSQL) so counts agree between processes.
 *
 * @example
 * const signing = createSigning({ db, config, clock, log });
 */
export function createSigning(deps: {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  notifier?: Notifier;
}): SigningService {
  return createSigningService({
    db: deps.db.kysely,
    clock: deps.clock,
    secret: deps.config.secret,
    publicUrl: deps.config.publicUrl,
    log: deps.log,
    rateLimits: deps.config.rateLimits,
    rateLimitStore: deps.db,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
    ...(deps.db.sqlitePath ? { sqlitePath: deps.db.sqlitePath } : {}),
  });
}
