import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@groundwork/core/testing';

const apiDir = fileURLToPath(new URL('../../../apps/api', import.meta.url));
const adminIndex = fileURLToPath(new URL('../../../apps/admin/dist/index.html', import.meta.url));

export interface ServerProcess {
  url: string;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (waits for it). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the server needs it before start, for PUBLIC_URL). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `src/main.ts` exactly as `npm start` does (through tsx), with a fresh database (a
 * SQLite file in a temporary folder, or a throw-away PostgreSQL database in the suite's
 * PostgreSQL pass) and the demo campaign, and captures what it prints.
 */
export async function startServerProcess(
  /** Extra variables, e.g. `{ RATE_LIMITS: 'off' }` for tests that sign several times. */
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  if (!existsSync(adminIndex)) {
    throw new Error(`The admin is not built (${adminIndex}): run \`pnpm build\` first.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-e2e-'));
  const database = await createScratchDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: database.url,
      // Kept out of the repository's data folder (PostgreSQL has no file beside it).
      SECRET: `e2e-secret-${dir}`.padEnd(40, 'x'),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    for (const wake of waiters) wake();
  });

  const waitFor = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) return done(() => resolve(match));
        if (child.exitCode !== null) {
          return done(() => reject(new Error(`server exited:\n${output}`)));
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} in server output:\n${output}`))),
        timeoutMs,
      );
      const done = (finish: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        finish();
      };
      waiters.add(check);
      check();
    });

  return {
    url,
    output: () => output,
    waitFor,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
