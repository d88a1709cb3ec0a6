#!/usr/bin/env node
/**
 * The signing and count benchmark (issue "Pledges": speed). In one run, on one machine:
 *   1. a bare Hono app (no middleware, no database): GET a JSON object, POST and parse JSON;
 *   2. the real Groundwork server (tsx apps/api/src/main.ts, SQLite, synchronous=FULL):
 *      GET /api/v1/pledges/quit-chatgpt/count and POST .../signatures with a unique e-mail
 *      per request.
 * Each server runs in its own process; autocannon (64 connections) runs in this one.
 *
 *   pnpm --filter @groundwork/bench bench            # or: node tooling/bench/signing.mjs
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=64 node tooling/bench/signing.mjs
 *
 * Prints a Markdown table (paste it into docs/benchmarks.md) and checks afterwards that the
 * counter equals the number of signatures stored.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(new URL('.', import.meta.url));
const apiDir = join(here, '..', '..', 'apps', 'api');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);

/** Starts a child process and resolves with the URL it prints on its "listening" line. */
function startChild(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const match = /"url":"(http:[^"]+)"/.exec(out) ?? /^listening (http:\S+)$/m.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** CPU time (ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 100 Hz
  } catch {
    return Number.NaN;
  }
}

/** One autocannon run; returns throughput, latency, errors and the server's CPU per request. */
async function load(title, pid, options) {
  if (warmup > 0) await autocannon({ ...options, connections, duration: warmup });
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ ...options, connections, duration: seconds });
  const cpu = cpuMs(pid) - cpuBefore;
  const row = {
    title,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    // Server CPU per answered request: what one core could take if it had nothing else to do.
    cpuUs: Math.round((cpu * 1000) / Math.max(1, result.requests.total)),
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

const bareSource = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono();
app.get('/json', (c) => c.json({ count: 12345, goal: 20000 }));
app.post('/json', async (c) => {
  const body = await c.req.json();
  return c.json({ count: 12345, status: 'confirmed', ref: 'abcdefgh', email: body.email.length }, 201);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log('listening http://127.0.0.1:' + info.port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

let serial = 0;
const uniqueSignature = (req) => {
  serial += 1;
  return {
    ...req,
    body: JSON.stringify({
      email: `bench-${process.pid}-${serial}@example.org`,
      name: 'Bench Signer',
      answers: { why: ['price'], instead: 'unsure' },
      consent: serial % 2 === 0,
    }),
  };
};
const postJson = (url) => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: uniqueSignature }],
});

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-bench-'));
  const databaseUrl = `file:${join(dir, 'groundwork.sqlite')}`;
  const bare = await startChild(process.execPath, ['--input-type=module', '-e', bareSource], {
    cwd: here,
  });
  // node --import tsx (not the tsx CLI, which runs a second process) so the PID is the server's.
  const api = await startChild(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'true',
      OUTBOX_WORKER: 'off',
      NODE_ENV: 'production',
    },
  });
  const slug = 'quit-chatgpt';
  try {
    const rows = [];
    rows.push(await load('bare Hono GET (JSON)', bare.child.pid, { url: `${bare.url}/json` }));
    rows.push(
      await load('count GET /api/v1/pledges/:slug/count', api.child.pid, {
        url: `${api.url}/api/v1/pledges/${slug}/count`,
      }),
    );
    rows.push(
      await load('bare Hono POST (parse JSON, 201)', bare.child.pid, postJson(`${bare.url}/json`)),
    );
    rows.push(
      await load(
        'signing POST /api/v1/pledges/:slug/signatures',
        api.child.pid,
        postJson(`${api.url}/api/v1/pledges/${slug}/signatures`),
      ),
    );
    const count = await (await fetch(`${api.url}/api/v1/pledges/${slug}/count`)).json();
    await stop(api.child);
    const check = await checkDatabase(databaseUrl);
    report(rows, count, check);
  } finally {
    await stop(api.child);
    await stop(bare.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** After the run: signatures stored vs the counter (must be equal). */
async function checkDatabase(databaseUrl) {
  const { default: SQLite } = await import(
    join(
      apiDir,
      '..',
      '..',
      'packages',
      'core',
      'node_modules',
      'better-sqlite3',
      'lib',
      'index.js',
    )
  );
  const db = new SQLite(databaseUrl.slice('file:'.length), { readonly: true });
  const signatures = db.prepare('select count(*) as n from signatures').get().n;
  const counted = db
    .prepare('select sum(confirmed) + sum(pending) as n from pledge_counters')
    .get().n;
  db.close();
  return { signatures, counted };
}

function report(rows, count, check) {
  const [bareGet, countRow, barePost, signRow] = rows;
  const ratio = (a, b) => (a.rps / b.rps).toFixed(2);
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    `Run: ${connections} connections, ${seconds} s per route after ${warmup} s warm-up, ${new Date().toISOString()}`,
    '',
    '| route | req/s | p50 ms | p99 ms | max ms | 2xx | non-2xx | errors | server CPU µs/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.title} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${r.cpuUs} |`,
    ),
    '',
    `- signing / bare POST: **${ratio(signRow, barePost)}×** (goal ≥ 0.4×); signing / bare GET: ${ratio(signRow, bareGet)}×`,
    `- count / bare GET: **${ratio(countRow, bareGet)}×** (goal ≥ 0.8×)`,
    `- signing: ${signRow.rps}/s (goal ≥ 5,000/s), p99 ${signRow.p99} ms (goal ≤ 50 ms)`,
    `- server CPU per request (load-independent): signing ${signRow.cpuUs} µs vs bare POST ${barePost.cpuUs} µs (**${(barePost.cpuUs / signRow.cpuUs).toFixed(2)}×**); count ${countRow.cpuUs} µs vs bare GET ${bareGet.cpuUs} µs (**${(bareGet.cpuUs / countRow.cpuUs).toFixed(2)}×**)`,
    `- after the run: ${check.signatures} signatures stored, counter ${check.counted}, public count ${count.count}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (check.signatures !== check.counted) {
    process.stderr.write('counter and signatures differ!\n');
    process.exitCode = 1;
  }
}

await main();
