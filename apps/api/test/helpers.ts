import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, systemClock } from '@groundwork/core/clock';
import { loadConfig } from '../src/config/index.ts';
import { createLogger, type Logger } from '../src/log/index.ts';
import { type RunningServer, startServer } from '../src/server.ts';

export interface TestServer extends RunningServer {
  dir: string;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real server on a free port with a fresh SQLite file in a temporary folder.
 * Logs are captured in `logs` instead of printed.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-api-'));
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: `file:${join(dir, 'groundwork.sqlite')}`,
    SEED_DEMO: 'false',
    ...env,
  });
  const logs: string[] = [];
  const log: Logger = createLogger('debug', (line) => logs.push(line));
  const server = await startServer(config, { clock: options.clock ?? systemClock, log });
  return {
    ...server,
    dir,
    logs,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
