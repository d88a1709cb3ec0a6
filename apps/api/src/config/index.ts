import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDatabaseUrl } from '@groundwork/core/db';
import { type Mailbox, parseMailbox } from '@groundwork/core/mail';
import { envSchema } from './schema.ts';

export interface Config {
  /** SMTP server for outgoing mail; null keeps mail in the outbox (status `logged`). */
  smtpUrl: string | null;
  /** MAIL_FROM, parsed: every mail's sender address. */
  mailFrom: Mailbox;
  /** False when OUTBOX_WORKER=off: this process queues mail but does not send it. */
  outboxWorker: boolean;
  port: number;
  host: string;
  publicUrl: string;
  /** True when PUBLIC_URL is https: cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  databaseUrl: string;
  /** Folder for the secret and, on SQLite, the database. */
  dataDir: string;
  secret: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  seedDemo: boolean;
  /** Take the client address from X-Forwarded-For (last entry) instead of the socket. */
  trustProxy: boolean;
  /** False when RATE_LIMITS=off: signing (and other public actions) are not rate limited. */
  rateLimits: boolean;
}

/** A configuration mistake: printed as one line at start, never a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and checks the configuration. Throws a `ConfigError` whose message names the variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    // Values that may carry a password are never echoed (the line may end up in a log).
    const secret = ['SECRET', 'SMTP_URL', 'DATABASE_URL'].includes(name);
    const got = present[name] === undefined || secret ? '' : ` (got "${present[name]}")`;
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const e = parsed.data;
  const dataDir = resolveDataDir(e.DATABASE_URL);
  // The folder holds the SQLite file, or the generated secret: PostgreSQL with SECRET set
  // needs none (nothing is created in the working directory).
  if (!(e.SECRET && !e.DATABASE_URL.startsWith('file:'))) ensureWritable(dataDir);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: parseMailbox(
      e.MAIL_FROM ?? `Groundwork <no-reply@${new URL(publicUrl).hostname}>`,
    ) ?? {
      name: 'Groundwork',
      address: 'no-reply@localhost',
    },
    outboxWorker: e.OUTBOX_WORKER,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secret: e.SECRET ?? loadOrCreateSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    rateLimits: e.RATE_LIMITS,
  };
}

function resolveDataDir(databaseUrl: string): string {
  let target: ReturnType<typeof parseDatabaseUrl>;
  try {
    target = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    throw new ConfigError(
      `DATABASE_URL ${(error as Error).message.replace(/^DATABASE_URL:? ?/, '')}`,
    );
  }
  if (target.kind === 'sqlite' && target.path !== ':memory:') return dirname(resolve(target.path));
  return resolve('data');
}

function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`DATABASE_URL: the data directory ${dir} is not writable (${code})`);
  }
}

/** SECRET keys the hashes of client IPs; generated once and kept beside the database. */
function loadOrCreateSecret(dataDir: string): string {
  const file = resolve(dataDir, 'secret');
  let existing: string | undefined;
  try {
    existing = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // No secret yet: create one below. Any other failure must not replace a secret we cannot read.
    if (code !== 'ENOENT') throw new ConfigError(`SECRET: cannot read ${file} (${code})`);
  }
  if (existing !== undefined) {
    if (existing.length >= 32) {
      tighten(file);
      return existing;
    }
    // Replacing it would silently break every keyed hash and every unsubscribe link sent.
    throw new ConfigError(
      `SECRET: ${file} holds fewer than 32 characters; restore it, or delete it to start over`,
    );
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`SECRET: cannot store a generated secret in ${file} (${code})`);
  }
  return secret;
}

/** The secret file readable by its owner only, as it was created (a copy may have loosened it). */
function tighten(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // Not ours to change (another owner, read-only mount): it still works.
  }
}
