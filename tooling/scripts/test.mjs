// `npm test`: install, then lint, typecheck and every test of every package — once on SQLite,
// then the database-backed packages again on a throw-away PostgreSQL cluster when PostgreSQL
// is installed (always in CI, where GROUNDWORK_REQUIRE_POSTGRES=1 makes its absence an error).
import { buildEnv, install, pnpmCommand, run } from './lib.mjs';
import { findPostgresBin, startPostgres } from './postgres.mjs';

const pnpm = pnpmCommand();
install(pnpm);
run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
run(pnpm, ['exec', 'turbo', 'run', 'lint', 'typecheck', '--output-logs=errors-only']);
// One package at a time: the machines have two cores and the browser tests need one.
run(pnpm, ['exec', 'turbo', 'run', 'test', '--concurrency=1'], {
  env: { ...buildEnv(), GROUNDWORK_TEST_DATABASE_URL: '' },
});

// The second pass covers everything that touches a database: core, the API (HTTP, SSE,
// multi-process and durability tests), the admin (its jsdom tests run against a real API
// server) and the browser tests (real server processes). Only the widget suite (jsdom against
// a stand-in API, no database) is not repeated.
const bin = findPostgresBin();
if (!bin) {
  const message =
    'PostgreSQL pass SKIPPED: no PostgreSQL under /usr/lib/postgresql/*/bin ' +
    '(apt-get install postgresql to run the suite on both engines, as CI does).';
  if (process.env.GROUNDWORK_REQUIRE_POSTGRES === '1') {
    process.stderr.write(`\n✗ ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`\n⚠ ${message}\n`);
} else {
  process.stdout.write(`\n▶ Running the database tests again on PostgreSQL (${bin})\n`);
  const cluster = await startPostgres();
  const stop = () => cluster.stop();
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  }
  run(
    pnpm,
    [
      'exec',
      'turbo',
      'run',
      'test',
      '--concurrency=1',
      '--filter=@groundwork/core',
      '--filter=@groundwork/api',
      '--filter=@groundwork/admin',
      '--filter=@groundwork/e2e',
    ],
    { env: { ...buildEnv(), GROUNDWORK_TEST_DATABASE_URL: cluster.url } },
  );
  process.stdout.write('\n✓ SQLite and PostgreSQL passes both green\n');
}
