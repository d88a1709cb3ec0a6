#!/usr/bin/env node
/**
 * The signing benchmark across setups (issue "PostgreSQL and several processes"), in one run on
 * one machine, with the same signatures as signing.mjs (unique e-mails, rate limits off), from
 * autocannon (several instances at once, one per process; signing.mjs prefers wrk):
 *   - bare Hono POST (no database), the yardstick;
 *   - one process on SQLite (synchronous=FULL);
 *   - one process on PostgreSQL;
 *   - two processes on one PostgreSQL, the connections split between them (as a load balancer
 *     would), each process with its own group commit.
 * PostgreSQL is a throw-away cluster (tooling/scripts/postgres.mjs) with its durable defaults:
 * fsync=on, synchronous_commit=on — an acknowledged signature survives a power loss, like
 * SQLite's synchronous=FULL. The outbox worker is off (as in signing.mjs).
 *
 *   pnpm --filter @groundwork/bench bench:scaling    # all setups (runs through tsx: it
 *                                                     # opens the databases with core's code)
 *   BENCH_SETUPS=pg1,pg2 BENCH_SECONDS=20 pnpm --filter @groundwork/bench bench:scaling
 *
 * Prints a Markdown table for docs/benchmarks.md and checks counter = signatures afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startPostgres } from '../scripts/postgres.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const apiDir = join(here, '..', '..', 'apps', 'api');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const setups = (process.env.BENCH_SETUPS ?? 'bare,sqlite1,pg1,pg2').split(',');
const slug = 'quit-chatgpt';
const loadBefore = loadavg();

function startChild(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk.toString();
      const match = /"url":"(http:[^"]+)"/.exec(out) ?? /^listening (http:\S+)$/m.exec(out);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, url: match[1] });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function startApi(databaseUrl) {
  return startChild(join(apiDir, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      SECRET: 'bench-secret-0123456789abcdefghijklmnop',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'info', // the "listening" line carries the URL
      SEED_DEMO: 'true',
      OUTBOX_WORKER: 'off',
      NODE_ENV: 'production',
    },
  });
}

const bareSource = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono();
app.post('/json', async (c) => {
  const body = await c.req.json();
  return c.json({ count: 12345, status: 'confirmed', ref: 'abcdefgh', email: body.email.length }, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log('listening http://127.0.0.1:' + info.port);
});
`;

let serial = 0;
const postSignature = (url) => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (req) => {
        serial += 1;
        return {
          ...req,
          body: JSON.stringify({
            email: `scale-${process.pid}-${serial}@example.org`,
            name: 'Bench Signer',
            answers: { why: ['price'], instead: 'unsure' },
            consent: serial % 2 === 0,
          }),
        };
      },
    },
  ],
});

/** Splits the connections over the URLs (a load balancer's round robin) and merges results. */
async function load(title, urls, path) {
  const per = Math.floor(connections / urls.length);
  const run = (duration) =>
    Promise.all(
      urls.map((u) => autocannon({ ...postSignature(`${u}${path}`), connections: per, duration })),
    );
  if (warmup > 0) await run(warmup);
  const results = await run(seconds);
  const row = {
    title,
    rps: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok: results.reduce((n, r) => n + r['2xx'], 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

async function counts(url) {
  const { openDatabase } = await import('@groundwork/core/db');
  const db = await openDatabase(url);
  try {
    const s = await db.kysely
      .selectFrom('signatures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const c = await db.kysely
      .selectFrom('pledge_counters')
      .select((eb) => [eb.fn.sum('confirmed').as('c'), eb.fn.sum('pending').as('p')])
      .executeTakeFirstOrThrow();
    return { signatures: Number(s.n), counted: Number(c.c ?? 0) + Number(c.p ?? 0) };
  } finally {
    await db.close();
  }
}

async function main() {
  const rows = [];
  const checks = [];
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-scale-'));
  const needsPg = setups.some((s) => s.startsWith('pg'));
  const pg = needsPg ? await startPostgres({ durable: true }) : undefined;
  const children = [];
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      for (const child of children) child.kill('SIGKILL');
      pg?.stop();
      process.exit(130);
    });
  }
  try {
    if (setups.includes('bare')) {
      const bare = await startChild(process.execPath, ['--input-type=module', '-e', bareSource], {
        cwd: here,
      });
      children.push(bare.child);
      rows.push(await load('bare Hono POST (no database)', [bare.url], '/json'));
      await stop(bare.child);
    }
    const path = `/api/v1/pledges/${slug}/signatures`;
    const runApi = async (title, databaseUrl, processes) => {
      const apis = [];
      for (let i = 0; i < processes; i++) apis.push(await startApi(databaseUrl));
      children.push(...apis.map((a) => a.child));
      rows.push(
        await load(
          title,
          apis.map((a) => a.url),
          path,
        ),
      );
      for (const api of apis) await stop(api.child);
      checks.push({ title, ...(await counts(databaseUrl)) });
    };
    if (setups.includes('sqlite1')) {
      await runApi('signing, 1 process, SQLite', `file:${join(dir, 'bench.sqlite')}`, 1);
    }
    if (setups.includes('pg1')) {
      await createDb(pg.url, 'bench_one');
      await runApi('signing, 1 process, PostgreSQL', withDb(pg.url, 'bench_one'), 1);
    }
    if (setups.includes('pg2')) {
      await createDb(pg.url, 'bench_two');
      await runApi('signing, 2 processes, PostgreSQL', withDb(pg.url, 'bench_two'), 2);
    }
    report(rows, checks);
  } finally {
    for (const child of children) await stop(child);
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function withDb(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createDb(serverUrl, name) {
  const { openDatabase } = await import('@groundwork/core/db');
  const db = await openDatabase(serverUrl);
  await db.pgPool.query(`create database ${name}`);
  await db.close();
}

function report(rows, checks) {
  const bare = rows.find((r) => r.title.startsWith('bare'));
  const lines = [
    `Load average before the run: ${loadBefore.map((l) => l.toFixed(1)).join(', ')} (other work on the machine skews every row alike)`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    `Run: ${connections} connections in all, ${seconds} s per setup after ${warmup} s warm-up, ${new Date().toISOString()}`,
    '',
    '| setup | signatures/s | p50 ms | p99 ms | 2xx | non-2xx | errors | vs bare POST |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.title} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${bare ? `${(r.rps / bare.rps).toFixed(2)}×` : '–'} |`,
    ),
    '',
    ...checks.map(
      (c) =>
        `- ${c.title}: ${c.signatures} signatures stored, counter ${c.counted}${c.signatures === c.counted ? ' (equal)' : ' — MISMATCH'}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (checks.some((c) => c.signatures !== c.counted)) process.exitCode = 1;
}

await main();
