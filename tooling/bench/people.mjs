/**
 * People at 100,000: (1) import a 100,000-row CSV (streamed from disk) — time, and heap/RSS
 *  sampled during the run, against a 20,000-row file to show memory does not grow with the
 *  file; (2) the organizers' people list at 100,000 people — one page (50 rows) first and deep
 *  (keyset), with search, filters and sorts.
 *
 *   cd tooling/bench && node --expose-gc --import tsx people.mjs
 *
 * Results go in docs/benchmarks.md ("People: import and list").
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChapter } from '../../packages/core/src/chapters/index.ts';
import { openDatabase } from '../../packages/core/src/db/connection.ts';
import { migrateToLatest } from '../../packages/core/src/db/migrate.ts';
import { importPeople } from '../../packages/core/src/imports/index.ts';
import { listPeople, listTags } from '../../packages/core/src/people/index.ts';

const N = Number(process.env.PEOPLE ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'gw-bench-people-'));

async function writeCsv(path, rows, offset = 0) {
  const out = createWriteStream(path);
  out.write('Email,Name,Postal code,Newsletter,Tags\n');
  for (let i = 0; i < rows; i++) {
    const n = i + offset;
    const line = `person${n}@example.org,Person ${n} Émilie,${75000 + (n % 20)},${n % 2 ? 'yes' : 'no'},${n % 10 === 0 ? 'Volunteers' : ''}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function runImport(db, chapterId, rows, offset) {
  const path = join(dir, `people-${rows}.csv`);
  await writeCsv(path, rows, offset);
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 20);
  const mapping = {
    email: 'Email',
    name: 'Name',
    postalCode: 'Postal code',
    consent: 'Newsletter',
    tags: 'Tags',
    consentText: 'I want the newsletter',
  };
  const cpu = process.cpuUsage();
  const t = performance.now();
  const report = await importPeople(db.kysely, chapterId, null, createReadStream(path), mapping, {
    dryRun: false,
  });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  const mb = (b) => Math.round(b / 1e5) / 10;
  console.log(
    `import ${rows} rows: ${(ms / 1000).toFixed(1)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s), new ${report.new}, invalid ${report.invalid}; ` +
      `heap +${mb(peakHeap - base.heapUsed)} MB (peak ${mb(peakHeap)} MB), rss peak ${mb(peakRss)} MB`,
  );
}

console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
// Memory: a small file first, in its own chapter, then the full one.
const db = await openDatabase(`file:${join(dir, 'bench.sqlite')}`);
await migrateToLatest(db.kysely);
const small = (await createChapter(db.kysely, { slug: 'small', name: 'Small' })).id;
await runImport(db, small, N / 5, 0);
const chapterId = (await createChapter(db.kysely, { slug: 'bench', name: 'Bench' })).id;
await runImport(db, chapterId, N, 0);

const tagId = (await listTags(db.kysely, chapterId)).find((t) => t.name === 'Volunteers')?.id;

async function time(label, input, runs = 20) {
  await listPeople(db.kysely, chapterId, input); // warm
  const samples = [];
  const cpu = [];
  let page;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    page = await listPeople(db.kysely, chapterId, input);
    samples.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  samples.sort((a, b) => a - b);
  const med = samples[Math.floor(runs / 2)];
  const p95 = samples[Math.floor(runs * 0.95) - 1] ?? samples.at(-1);
  console.log(
    `${label.padEnd(44)} median ${med.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, CPU median ${cpu[Math.floor(runs / 2)].toFixed(1)} ms (${page.items.length} rows of ${page.total})`,
  );
  return page;
}

const first = await time('first page, newest first', {});
let deep = first;
for (let i = 0; i < 1000 && deep.nextCursor; i++) {
  deep = await listPeople(db.kysely, chapterId, { cursor: deep.nextCursor, limit: 50 });
}
await time('page 1000 (keyset)', { cursor: deep.nextCursor ?? undefined });
await time('search "person9999"', { search: 'person9999' });
await time('search "émilie" (matches all)', { search: 'émilie' });
await time('postal code 75011', { search: '75011' });
await time('consent = yes', { consent: 'yes' });
await time('consent = no', { consent: 'no' });
await time('tag Volunteers', { tagId });
await time('sorted by name', { sort: 'name', order: 'asc' });
await time('sorted by e-mail, consent = yes', { sort: 'email', order: 'asc', consent: 'yes' });

await db.close();
rmSync(dir, { recursive: true, force: true });
