import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChapter, findChapterBySlug } from '@groundwork/core/chapters';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/log/index.ts';
import { startServer } from '../src/server.ts';
import { StartupError } from '../src/startup-errors.ts';

// What stops a start is said in one line naming the setting (never a stack trace), before
// anything runs that another process might be doing already.
const dir = mkdtempSync(join(tmpdir(), 'groundwork-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { log: createLogger('silent'), print: () => {} };
const start = (env: Record<string, string>) =>
  startServer(
    loadConfig({
      PORT: '0',
      SEED_DEMO: 'false',
      SECRET: 'startup-test-secret-0123456789abcdef',
      ...env,
    }),
    quiet,
  );
const refusal = (env: Record<string, string>) =>
  start(env).then(
    async (server) => {
      await server.close();
      return undefined;
    },
    (error: unknown) => error,
  );

describe('a start that cannot go on', () => {
  it('names DATABASE_URL for a folder or a file that is not a database', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a SQLite database, only some text '.repeat(200));
    for (const [path, reason] of [
      [folder, 'the path is a folder, not a file'],
      [junk, 'the file is not a SQLite database'],
    ] as const) {
      const error = await refusal({ DATABASE_URL: `file:${path}` });
      expect(error).toBeInstanceOf(StartupError);
      expect((error as StartupError).message).toBe(`DATABASE_URL cannot be used: ${reason}`);
    }
  });

  it('names PORT for a port in use and HOST for an address this machine does not have', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const db = `file:${join(dir, 'listen.sqlite')}`;
      const busy = await refusal({ DATABASE_URL: db, PORT: String(port) });
      expect((busy as StartupError).message).toBe(`PORT ${port} cannot be used (EADDRINUSE)`);
      // 192.0.2.1 is TEST-NET-1: a valid address no machine has.
      const away = await refusal({ DATABASE_URL: db, HOST: '192.0.2.1' });
      expect((away as StartupError).message).toBe('HOST 192.0.2.1 cannot be used (EADDRNOTAVAIL)');
    } finally {
      taken.close();
    }
  });

  it('adds the demo to a fresh database only, never beside chapters of its own', async () => {
    const url = `file:${join(dir, 'established.sqlite')}`;
    const first = await start({ DATABASE_URL: url });
    await createChapter(first.ctx.db.kysely, { slug: 'real-chapter', name: 'Real' });
    await first.close();
    const again = await start({ DATABASE_URL: url, SEED_DEMO: 'true' });
    expect(await findChapterBySlug(again.ctx.db.kysely, 'quitgpt-paris')).toBeUndefined();
    await again.close();
    const fresh = await start({
      DATABASE_URL: `file:${join(dir, 'fresh.sqlite')}`,
      SEED_DEMO: 'true',
    });
    expect(await findChapterBySlug(fresh.ctx.db.kysely, 'quitgpt-paris')).toBeDefined();
    await fresh.close();
  });
});
