// `npm start`: install (first run), build the admin and widgets, start Groundwork.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildEnv, install, pnpmCommand, root, run } from './lib.mjs';

const pnpm = pnpmCommand();
install(pnpm);
run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

const tsx = join(root, 'apps', 'api', 'node_modules', '.bin', 'tsx');
const server = spawn(tsx, [join(root, 'apps', 'api', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: buildEnv(),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
// `npm start` runs this through a shell: a SIGTERM sent to npm alone (a process manager's)
// ends npm and the shell, never reaching here. Orphaned, stop the server as if signalled.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) server.kill('SIGTERM');
}, 500).unref();
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
