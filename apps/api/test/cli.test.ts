/**
 * The `groundwork` CLI, run as a child process (as a self-hoster runs it) against a temporary
 * SQLite file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  authenticate,
  createSession,
  findUserByEmail,
  listUserSessions,
} from '@groundwork/core/auth';
import { findChapterBySlug, getRole } from '@groundwork/core/chapters';
import { type Db, openDatabase } from '@groundwork/core/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/main.ts';

const bin = fileURLToPath(new URL('../bin/groundwork.mjs', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'groundwork-cli-'));
const databaseUrl = `file:${join(dir, 'cli.sqlite')}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function groundwork(args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

// Each child process starts TypeScript through tsx: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Runs the CLI in this process, with the same database. */
async function inProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { DATABASE_URL: databaseUrl },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => '',
  });
  return { code, stdout, stderr };
}

let db: Db;
beforeAll(async () => {
  const migrated = await groundwork(['migrate']);
  expect(migrated).toMatchObject({ code: 0, stderr: '' });
  db = await openDatabase(databaseUrl);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('groundwork CLI', () => {
  it('explains itself', async () => {
    const help = await groundwork(['--help'], { cwd: repoRoot });
    expect(help.code).toBe(0);
    for (const name of [
      'migrate',
      'user create',
      'user reset-password',
      'chapter create',
      'seed-demo',
    ]) {
      expect(help.stdout).toContain(name);
    }
    const one = await groundwork(['user', 'create', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: groundwork user create --email <e-mail> --name <name>/);
    expect(one.stdout).toContain('--password-stdin');
  });

  it('migrates, seeds the demo and creates chapters and users', async () => {
    expect((await groundwork(['seed-demo'])).stdout).toBe('Demo campaign created.\n');
    expect(await inProcess(['seed-demo'])).toEqual({
      code: 0,
      stdout: 'The demo campaign is already there.\n',
      stderr: '',
    });
    expect((await inProcess(['migrate'])).stdout).toBe('The database schema is up to date.\n');

    const first = await groundwork(
      ['user', 'create', '--email', 'Ana@Example.org', '--name', 'Ana', '--password-stdin'],
      { stdin: 'ana passphrase 2026\n' },
    );
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('owner of every chapter');
    const ana = await authenticate(db.kysely, {
      email: 'ana@example.org',
      password: 'ana passphrase 2026',
    });
    const paris = await findChapterBySlug(db.kysely, 'quitgpt-paris');
    expect(await getRole(db.kysely, ana.id, paris?.id ?? '')).toBe('owner');

    const chapter = await groundwork([
      'chapter',
      'create',
      '--slug',
      'quitgpt-lyon',
      '--name',
      'QuitGPT Lyon',
      '--time-zone',
      'Europe/Paris',
      '--locale',
      'fr',
    ]);
    expect(chapter.stdout).toMatch(/^Created chapter quitgpt-lyon \(QuitGPT Lyon\), id \w+\.\n$/);

    const second = await groundwork([
      'user',
      'create',
      '--email',
      'bea@example.org',
      '--name',
      'Béa',
      '--chapter',
      'quitgpt-lyon',
      '--role',
      'organizer',
    ]);
    expect(second.code).toBe(0);
    const password = second.stdout.match(/Password \(shown once.*\): (\S+)/)?.[1] ?? '';
    const bea = await authenticate(db.kysely, { email: 'bea@example.org', password });
    const lyon = await findChapterBySlug(db.kysely, 'quitgpt-lyon');
    expect(await getRole(db.kysely, bea.id, lyon?.id ?? '')).toBe('organizer');
    expect(await getRole(db.kysely, bea.id, paris?.id ?? '')).toBe(null);
  });

  it('resets a password and ends the sessions', async () => {
    const bea = await findUserByEmail(db.kysely, 'bea@example.org');
    await createSession(db.kysely, bea?.id ?? '');
    const reset = await groundwork(
      ['user', 'reset-password', '--email', 'bea@example.org', '--password-stdin'],
      { stdin: 'fresh passphrase 99' },
    );
    expect(reset).toMatchObject({ code: 0, stderr: '' });
    expect(reset.stdout).toBe('New password set for bea@example.org; 1 session(s) ended.\n');
    expect(await listUserSessions(db.kysely, bea?.id ?? '')).toEqual([]);
    await expect(
      authenticate(db.kysely, { email: 'bea@example.org', password: 'fresh passphrase 99' }),
    ).resolves.toMatchObject({ id: bea?.id });
  });

  // The same code path in-process (spawning costs a TypeScript start-up per case).
  it.each([
    [
      ['user', 'create', '--bogus'],
      /^groundwork: Unknown option '--bogus' \(see groundwork user create --help\)\n$/,
    ],
    [['frob'], /^groundwork: unknown command "frob"/],
    [['user', 'create', '--name', 'X'], /^groundwork: --email is required\n$/],
    [
      ['user', 'create', '--email', 'ana@example.org', '--name', 'Again'],
      /^groundwork: An account with this e-mail already exists\. \(--email: /,
    ],
    [['user', 'reset-password', '--email', 'nobody@example.org'], /no account with the e-mail/],
    [
      ['chapter', 'create', '--slug', 'Not A Slug', '--name', 'X', '--time-zone', 'Mars/Base'],
      /^groundwork: Invalid input: .*--slug: .*--time-zone: /,
    ],
    [['user', 'create', '--email', 'c@example.org', '--name', 'C', '--password-stdin'], /empty/],
  ])('refuses %j with one line and exit code 1', async (args, message) => {
    const { code, stderr } = await inProcess(args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
