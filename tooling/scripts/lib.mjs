// Shared by start.mjs and test.mjs: make a fresh clone runnable with only Node and npm.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PNPM_VERSION = '12.4.2';

/** The pnpm command to use: the installed one if it is the pinned version, else npx. */
export function pnpmCommand() {
  try {
    const version = execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim();
    if (version === PNPM_VERSION) return ['pnpm'];
  } catch {
    // not installed
  }
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

/**
 * better-sqlite3 builds from source where no prebuilt binary can be downloaded; node-gyp then
 * needs Node's headers, which ship beside the node binary on most installs.
 */
export function buildEnv() {
  const env = { ...process.env };
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = prefix;
  }
  return env;
}

export function run(command, args, options = {}) {
  const [bin, ...pre] = command;
  const result = spawnSync(bin, [...pre, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: options.env ?? buildEnv(),
  });
  if (result.status !== 0) {
    process.stderr.write(
      `\n✗ ${[bin, ...pre, ...args].join(' ')} failed (exit ${result.status})\n`,
    );
    process.exit(result.status ?? 1);
  }
}

/** Installs dependencies exactly as locked (fast when nothing changed). */
export function install(pnpm) {
  run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline']);
}
