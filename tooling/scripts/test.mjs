// `npm test`: install, then lint, typecheck and every test of every package.
import { install, pnpmCommand, run } from './lib.mjs';

const pnpm = pnpmCommand();
install(pnpm);
run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
run(pnpm, ['exec', 'turbo', 'run', 'lint', 'typecheck', '--output-logs=errors-only']);
// One package at a time: the machines have two cores and the browser tests need one.
run(pnpm, ['exec', 'turbo', 'run', 'test', '--concurrency=1']);
