/**
 * Signatures table at 100,000 signatures: time one page (50 rows) of the organizers' list,
 * first page and deep pages (keyset), with and without search / filters, sorted by date and
 * by name; and the heap of a 100,000-row CSV export (constant memory check).
 *
 *   cd tooling/bench && node --expose-gc --import tsx signatures-page.mjs
 *
 * Results go in docs/benchmarks.md ("Signatures table and export").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvLines } from '../../apps/api/src/exports/csv.ts';
import { createChapter } from '../../packages/core/src/chapters/index.ts';
import { openDatabase } from '../../packages/core/src/db/connection.ts';
import { migrateToLatest } from '../../packages/core/src/db/migrate.ts';
import {
  exportSignatures,
  listSignatures,
  seedSignatures,
} from '../../packages/core/src/pledges/admin/index.ts';
import { createPledge } from '../../packages/core/src/pledges/index.ts';

const N = Number(process.env.SIGNATURES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
const db = await openDatabase(`file:${join(dir, 'bench.sqlite')}`);
await migrateToLatest(db.kysely);
const chapterId = (
  await createChapter(db.kysely, { slug: 'bench', name: 'Bench', timeZone: 'Europe/Paris' })
).id;
const pledgeId = (
  await createPledge(db.kysely, chapterId, {
    slug: 'bench',
    goal: N,
    translations: { en: { title: 'Bench' } },
  })
).id;

const t = performance.now();
await seedSignatures(db.kysely, { chapterId, pledgeId }, N, (i) => ({
  status: i % 4 === 0 ? 'pending' : 'confirmed',
  source: i % 3 === 0 ? 'https://ally.example' : null,
}));
console.log(`seeded ${N} signatures in ${Math.round(performance.now() - t)} ms`);

async function time(label, input, runs = 20) {
  await listSignatures(db.kysely, chapterId, { pledgeId, ...input }); // warm
  const samples = [];
  let page;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    page = await listSignatures(db.kysely, chapterId, { pledgeId, ...input });
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(runs / 2)].toFixed(1);
  const p95 = samples[Math.floor(runs * 0.95)].toFixed(1);
  console.log(`| ${label} | ${page.items.length} | ${page.total} | ${median} | ${p95} |`);
  return page;
}

async function deepCursor(input, pages) {
  let cursor;
  for (let i = 0; i < pages; i++) {
    const page = await listSignatures(db.kysely, chapterId, {
      pledgeId,
      ...input,
      ...(cursor ? { cursor } : {}),
      limit: 200,
    });
    cursor = page.nextCursor;
  }
  return cursor;
}

console.log('| query (50 rows) | rows | total | median ms | p95 ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
await time('newest first, page 1', {});
await time('newest first, page 251 (keyset)', { cursor: await deepCursor({}, 250) });
await time('oldest first, page 1', { order: 'asc' });
await time('status = pending', { status: 'pending' });
await time('source = ally site', { source: 'https://ally.example' });
await time('date range (one day)', { from: '2026-11-01', to: '2026-11-01' });
await time('search "signer 4242" (11 matches)', { search: 'signer 4242' }, 5);
await time('search "@example" (all match)', { search: '@example' }, 5);
await time('search "nobody" (no match)', { search: 'nobody' }, 5);
await time('sorted by name, page 1', { sort: 'name', order: 'asc' }, 5);
await time(
  'sorted by name, page 11 (keyset)',
  { sort: 'name', order: 'asc', cursor: await deepCursor({ sort: 'name', order: 'asc' }, 10) },
  5,
);

// Export: heap sampled after every batch; the peak must not grow with the row count.
async function exportRun(label, filter) {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let bytes = 0;
  let rows = 0;
  const started = performance.now();
  const { header, batches } = await exportSignatures(db.kysely, chapterId, { pledgeId, ...filter });
  bytes += csvLines([header]).length;
  for await (const batch of batches) {
    rows += batch.length;
    bytes += Buffer.byteLength(csvLines(batch));
    // Collect first: what is left is what the export holds on to, not garbage awaiting GC.
    globalThis.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const mb = (n) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `| ${label} | ${rows} | ${mb(bytes)} MB | ${Math.round(performance.now() - started)} ms | +${mb(peak - before)} MB |`,
  );
}
console.log('\n| export | rows | CSV size | time (GC after each batch) | peak live heap growth |');
console.log('| --- | ---: | ---: | ---: | ---: |');
await exportRun('one day', { from: '2026-11-02', to: '2026-11-02' });
await exportRun('everything', {});

await db.close();
rmSync(dir, { recursive: true, force: true });
