#!/usr/bin/env node
/**
 * The signing and count benchmark (issue "Pledges": speed). In one run, on one machine:
 *   1. a bare Hono app (no middleware, no database): GET a JSON object, POST and parse JSON;
 *   2. the real Groundwork server (tsx apps/api/src/main.ts, SQLite, synchronous=FULL):
 *      GET /api/v1/pledges/quit-chatgpt/count and POST .../signatures with a unique e-mail
 *      per request.
 * Each server runs in its own process; the load (64 connections) comes from wrk when it is
 * installed, else autocannon (`load-client.mjs` says why that matters on two cores).
 * Every route is warmed up once (BENCH_WARMUP seconds: the JIT, the database's first pages),
 * then measured in BENCH_ROUNDS rounds of all four routes one after the other: this virtual
 * machine's speed drifts within minutes, so each round's ratios compare routes measured in
 * the same minute, and the report gives every round and the median.
 *
 *   pnpm --filter @groundwork/bench bench            # or: node tooling/bench/signing.mjs
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=64 node tooling/bench/signing.mjs
 *   BENCH_CLIENT=autocannon node tooling/bench/signing.mjs   # or wrk (the default if installed)
 *
 * Prints a Markdown table (paste it into docs/benchmarks.md) and checks afterwards that the
 * counter equals the number of signatures stored, and that each got its one mail (big batches
 * only record their mails as owed; the server queues them when it has a moment).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickClient, processCpuMs, runLoad } from './load-client.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const apiDir = join(here, '..', '..', 'apps', 'api');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmup = Number(process.env.BENCH_WARMUP ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const client = pickClient();

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

/** One run of the load client; adds the server's CPU per request. */
async function load({ title, pid, options }) {
  const cpuBefore = processCpuMs(pid) ?? Number.NaN;
  const result = await runLoad(client, { ...options, connections, seconds });
  const cpu = (processCpuMs(pid) ?? Number.NaN) - cpuBefore;
  const row = {
    title,
    ...result,
    // Server CPU per answered request: what one core could take if it had nothing else to do.
    cpuUs: Math.round((cpu * 1000) / Math.max(1, result.requests)),
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
  // In this order in every round; report() relies on it.
  const routes = [
    { title: 'bare Hono GET (JSON)', pid: bare.child.pid, options: { url: `${bare.url}/json` } },
    {
      title: 'count GET /api/v1/pledges/:slug/count',
      pid: api.child.pid,
      options: { url: `${api.url}/api/v1/pledges/${slug}/count` },
    },
    {
      title: 'bare Hono POST (parse JSON, 201)',
      pid: bare.child.pid,
      options: { url: `${bare.url}/json`, signatures: true },
    },
    {
      title: 'signing POST /api/v1/pledges/:slug/signatures',
      pid: api.child.pid,
      options: { url: `${api.url}/api/v1/pledges/${slug}/signatures`, signatures: true },
    },
  ];
  try {
    for (const route of routes) {
      if (warmup > 0) await runLoad(client, { ...route.options, connections, seconds: warmup });
    }
    const measured = [];
    for (let round = 0; round < rounds; round += 1) {
      const rows = [];
      for (const route of routes) rows.push(await load(route));
      measured.push(rows);
    }
    const count = await (await fetch(`${api.url}/api/v1/pledges/${slug}/count`)).json();
    const catchUp = await waitForOwedMails(databaseUrl);
    await stop(api.child);
    const check = await checkDatabase(databaseUrl);
    report(measured, count, { ...check, catchUp });
  } finally {
    await stop(api.child);
    await stop(bare.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Seconds until the server has queued every mail that signing batches recorded as owed
 * (`signing/mail-relay.ts`: the writer relays them when it idles, e.g. while the other routes
 * are measured).
 */
async function waitForOwedMails(databaseUrl) {
  const started = performance.now();
  for (;;) {
    const db = await openReadonly(databaseUrl);
    const owed = db.prepare('select count(*) as n from signature_mails').get().n;
    db.close();
    if (owed === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > 120_000) throw new Error(`${owed} mails still owed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** After the run: signatures stored vs the counter and vs the mails queued (must be equal). */
async function checkDatabase(databaseUrl) {
  const db = await openReadonly(databaseUrl);
  const signatures = db.prepare('select count(*) as n from signatures').get().n;
  const counted = db
    .prepare('select sum(confirmed) + sum(pending) as n from pledge_counters')
    .get().n;
  const mails = db
    .prepare(
      "select count(*) as n from outbox where template in ('pledge-thanks', 'pledge-confirm')",
    )
    .get().n;
  db.close();
  return { signatures, counted, mails };
}

async function openReadonly(databaseUrl) {
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
  return new SQLite(databaseUrl.slice('file:'.length), { readonly: true });
}

function report(measured, count, check) {
  const ratios = measured.map(([bareGet, countRow, barePost, signRow]) => ({
    sign: signRow.rps / barePost.rps,
    count: countRow.rps / bareGet.rps,
    signRow,
  }));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const x = (v) => `${v.toFixed(2)}×`;
  const lines = [
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    `- Run: ${client}, ${connections} connections, ${warmup} s warm-up per route, then ${rounds} rounds of ${seconds} s per route, ${new Date().toISOString()}`,
    '',
    '| round | route | req/s | p50 ms | p99 ms | max ms | 2xx | non-2xx | errors | server CPU µs/req | client CPU µs/req |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measured.flatMap((rows, i) =>
      rows.map(
        (r) =>
          `| ${i + 1} | ${r.title} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${r.cpuUs} | ${r.clientCpuUs} |`,
      ),
    ),
    '',
    `- signing / bare POST, per round: ${ratios.map((r) => x(r.sign)).join(', ')}; median **${x(median(ratios.map((r) => r.sign)))}** (goal ≥ 0.4×)`,
    `- count / bare GET, per round: ${ratios.map((r) => x(r.count)).join(', ')}; median **${x(median(ratios.map((r) => r.count)))}** (goal ≥ 0.8×)`,
    `- signing per round: ${ratios.map((r) => `${r.signRow.rps}/s p99 ${r.signRow.p99} ms`).join(', ')}; median **${median(ratios.map((r) => r.signRow.rps))}/s** (goal ≥ 5,000/s, p99 ≤ 50 ms)`,
    `- after the run: ${check.signatures} signatures stored, counter ${check.counted}, public count ${count.count}`,
    `- signing mails queued: ${check.mails}, the last owed ones ${check.catchUp.toFixed(1)} s after the last round`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (check.signatures !== check.counted) {
    process.stderr.write('counter and signatures differ!\n');
    process.exitCode = 1;
  }
  if (check.mails !== check.signatures) {
    process.stderr.write('signing mails and signatures differ!\n');
    process.exitCode = 1;
  }
}

await main();
