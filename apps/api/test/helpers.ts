import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChapterBySlug } from '@groundwork/core/chapters';
import { type Clock, systemClock } from '@groundwork/core/clock';
import { demoPledge } from '@groundwork/core/demo';
import { createPledge } from '@groundwork/core/pledges';
import { createScratchDatabase } from '@groundwork/core/testing';
import { loadConfig } from '../src/config/index.ts';
import { createLogger, type Logger } from '../src/log/index.ts';
import { type RunningServer, startServer } from '../src/server.ts';

export interface TestServer extends RunningServer {
  dir: string;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real server on a free port with a fresh database: a SQLite file in a temporary
 * folder, or a throw-away PostgreSQL database when GROUNDWORK_TEST_DATABASE_URL is set.
 * Logs are captured in `logs` instead of printed.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-api-'));
  const scratch = await createScratchDatabase();
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL:
      scratch.kind === 'postgres' ? scratch.url : `file:${join(dir, 'groundwork.sqlite')}`,
    // On PostgreSQL there is no data folder beside the database to keep a generated secret in.
    ...(scratch.kind === 'postgres' ? { SECRET: 'test-secret-for-postgres-runs-0123456789' } : {}),
    SEED_DEMO: 'false',
    ...env,
  });
  const logs: string[] = [];
  const log: Logger = createLogger('debug', (line) => logs.push(line));
  const server = await startServer(config, {
    clock: options.clock ?? systemClock,
    log,
    print: (line) => logs.push(line),
  });
  return {
    ...server,
    dir,
    logs,
    stop: async () => {
      await server.close();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A live copy of the demo pledge in the demo chapter with the default rate limits (1 per 60 s
 * burst, 5 per 300 s sustained). The demo pledge itself is looser, so that it can be tried from
 * one computer. Needs a server started with SEED_DEMO=true.
 *
 * @example
 * await createDefaultLimitsPledge(server, 'limited');
 */
export async function createDefaultLimitsPledge(server: TestServer, slug: string): Promise<void> {
  const chapter = await findChapterBySlug(server.ctx.db.kysely, 'quitgpt-paris');
  await createPledge(server.ctx.db.kysely, chapter?.id ?? '', {
    ...demoPledge,
    slug,
    rateLimit: null,
  });
}

/**
 * A JSON POST's `RequestInit`.
 *
 * @example
 * await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, postJson({ email }));
 */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** A response's JSON body, loosely typed for assertions. */
export const readJson = async (res: Response): Promise<any> => res.json();
