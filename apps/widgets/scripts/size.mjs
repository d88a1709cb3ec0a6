// The size budget of the widget bundles (issue: pledge.js ≤ 10 KB gzipped). Runs after every
// build and before the tests, so CI fails the moment a change pushes a bundle over its limit.
// Same measure as size-limit's file plugin: gzip at level 9, 1 KB = 1024 bytes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const limits = {
  'pledge.js': 10 * 1024,
  'embed.js': 1024,
  'pow-worker.js': 2 * 1024,
  'event.js': 10 * 1024,
};

let failed = false;
for (const [name, limit] of Object.entries(limits)) {
  const url = new URL(`../dist/${name}`, import.meta.url);
  let bytes;
  try {
    bytes = gzipSync(readFileSync(url), { level: 9 }).length;
  } catch {
    console.error(`size: dist/${name} is missing (run the build first)`);
    failed = true;
    continue;
  }
  const ok = bytes <= limit;
  failed ||= !ok;
  const line = `size: ${name} ${bytes} B gzipped (limit ${limit} B)${ok ? '' : ' — OVER THE LIMIT'}`;
  (ok ? console.log : console.error)(line);
}
process.exitCode = failed ? 1 : 0;
