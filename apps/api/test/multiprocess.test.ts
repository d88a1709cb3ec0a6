/**
 * Two API processes on one PostgreSQL database, as behind a load balancer: signatures taken
 * through both at once all count (sharded counters, group commit in each process), an SSE
 * viewer on either process sees the other's signatures (LISTEN/NOTIFY), and every queued mail
 * reaches a real SMTP server exactly once although both processes run an outbox worker
 * (FOR UPDATE SKIP LOCKED). Needs PostgreSQL: runs in the suite's PostgreSQL pass (CI, and
 * `npm test` wherever PostgreSQL is installed); on SQLite alone there is nothing to share.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@groundwork/core/db';
import { startTestSmtpServer, type TestSmtpServer } from '@groundwork/core/mail/testing';
import { readCounterSums } from '@groundwork/core/pledges';
import {
  createScratchDatabase,
  type ScratchDatabase,
  testPostgresUrl,
} from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const postgres = testPostgresUrl();
if (!postgres) {
  process.stdout.write(
    'multiprocess.test.ts: skipped — set GROUNDWORK_TEST_DATABASE_URL=postgres://… (npm test does when PostgreSQL is installed)\n',
  );
}

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const slug = 'quit-chatgpt';

interface Proc {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** Starts `tsx src/main.ts` and resolves with its URL once it logs "listening". */
function startProcess(env: Record<string, string>, cwd: string): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [main], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: tsx runs the server as a child, which a kill of tsx alone
      // (after a slow shutdown) would leave running.
      detached: true,
    });
    const output: string[] = [];
    let buffer = '';
    const onLine = (line: string) => {
      output.push(line);
      const match = /"msg":"listening".*"url":"(http:\/\/[^"]+)"/.exec(line);
      if (match?.[1]) resolve({ child, url: match[1], output });
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) =>
      reject(new Error(`process exited (${code}) before listening:\n${output.join('\n')}`)),
    );
  });
}

function stopProcess(proc: Proc | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const group = -(proc.child.pid as number);
    const timer = setTimeout(() => process.kill(group, 'SIGKILL'), 10_000);
    proc.child.once('exit', () => {
      clearTimeout(timer);
      // Whatever of the group is left (the server, if tsx went first).
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    });
    process.kill(group, 'SIGTERM');
  });
}

/** An SSE viewer: keeps every count it receives, with the time it arrived. */
interface Viewer {
  counts: Array<{ count: number; at: number }>;
  latest(): number;
  until(predicate: (count: number) => boolean, timeoutMs: number): Promise<number>;
  close(): void;
}

async function openViewer(base: string): Promise<Viewer> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/pledges/${slug}/stream`, { signal: abort.signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const counts: Viewer['counts'] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    // biome-ignore lint/style/noNonNullAssertion: a streamed response always has a body
    for await (const chunk of res.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        const data = event.split('\n').find((l) => l.startsWith('data:'));
        if (!data) continue;
        counts.push({ count: JSON.parse(data.slice(5)).count, at: Date.now() });
        for (const wake of waiters) wake();
      }
    }
  })().catch(() => {});
  const latest = () => counts.at(-1)?.count ?? -1;
  return {
    counts,
    latest,
    until: (predicate, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(latest())) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(latest());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`viewer stuck at ${latest()}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

let serial = 0;
async function sign(base: string): Promise<number> {
  const n = serial++;
  const res = await fetch(`${base}/api/v1/pledges/${slug}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `multi-${n}@example.org`, name: `Signer ${n}` }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** `total` signatures through `base`, `concurrency` at a time; resolves with the 201 count. */
async function signMany(base: string, total: number, concurrency: number): Promise<number> {
  let created = 0;
  let left = total;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left--;
        if ((await sign(base)) === 201) created++;
      }
    }),
  );
  return created;
}

describe.skipIf(!postgres)('two API processes on one PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let smtp: TestSmtpServer;
  let dir: string;
  let a: Proc | undefined;
  let b: Proc | undefined;
  const viewers: Viewer[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    smtp = await startTestSmtpServer();
    dir = mkdtempSync(join(tmpdir(), 'groundwork-multi-'));
    const env = {
      DATABASE_URL: scratch.url,
      PORT: '0',
      HOST: '127.0.0.1',
      SECRET: 'multiprocess-test-secret-0123456789abcdef',
      SEED_DEMO: 'true',
      RATE_LIMITS: 'off',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Groundwork <no-reply@example.org>',
      LOG_LEVEL: 'info',
    };
    // Started together: migrations and the demo seed must cope with a concurrent start.
    [a, b] = await Promise.all([startProcess(env, dir), startProcess(env, dir)]);
  }, 180_000);

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await smtp?.close();
    await scratch?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('shows each process the signatures taken by the other within seconds', async () => {
    if (!a || !b) throw new Error('processes not started');
    const onA = await openViewer(a.url);
    const onB = await openViewer(b.url);
    viewers.push(onA, onB);
    await onA.until((n) => n === 0, 10_000);
    await onB.until((n) => n === 0, 10_000);

    let start = Date.now();
    expect(await sign(b.url)).toBe(201);
    await onA.until((n) => n === 1, 5_000);
    const bToA = Date.now() - start;

    start = Date.now();
    expect(await sign(a.url)).toBe(201);
    await onB.until((n) => n === 2, 5_000);
    const aToB = Date.now() - start;
    process.stdout.write(
      `multiprocess: cross-process SSE latency B→A ${bToA} ms, A→B ${aToB} ms\n`,
    );
  }, 60_000);

  it('counts every 201 exactly once when both processes sign concurrently', async () => {
    if (!a || !b) throw new Error('processes not started');
    const [createdA, createdB] = await Promise.all([
      signMany(a.url, 60, 8),
      signMany(b.url, 60, 8),
    ]);
    const total = createdA + createdB + 2; // plus the two of the first test
    expect(createdA + createdB).toBe(120);

    const db = await openDatabase(scratch.url);
    try {
      const pledge = await db.kysely
        .selectFrom('pledges')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const sums = (await readCounterSums(db.kysely, [pledge.id])).get(pledge.id);
      expect((sums?.confirmed ?? 0) + (sums?.pending ?? 0)).toBe(total);
      const signatures = await db.kysely
        .selectFrom('signatures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(signatures.n)).toBe(total);
    } finally {
      await db.close();
    }
    // Both viewers end on the total, whichever process took each signature.
    for (const viewer of viewers)
      expect(await viewer.until((n) => n === total, 10_000)).toBe(total);
    for (const base of [a.url, b.url]) {
      const res = await fetch(`${base}/api/v1/pledges/${slug}/count`);
      expect(((await res.json()) as { count: number }).count).toBe(total);
    }
  }, 120_000);

  it('sends each queued mail exactly once although both processes run a worker', async () => {
    const expected = serial; // one mail (confirmation or thanks) per signature
    const deadline = Date.now() + 60_000;
    while (smtp.received.length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    // A little longer: a second delivery of anything would show up now.
    await new Promise((r) => setTimeout(r, 2_000));
    const recipients = smtp.received.flatMap((m) => m.to);
    expect(recipients.length).toBe(expected);
    expect(new Set(recipients).size).toBe(expected);
  }, 90_000);
});
