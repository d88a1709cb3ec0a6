import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'groundwork-config-'));
const db = `file:${join(dir, 'db.sqlite')}`;

describe('loadConfig', () => {
  it('fills the documented defaults and stores a generated secret beside the database', () => {
    const config = loadConfig({ DATABASE_URL: db });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(config.secret);
    expect(loadConfig({ DATABASE_URL: db }).secret).toBe(config.secret);
  });

  it('turns on secure cookies for an https PUBLIC_URL', () => {
    const config = loadConfig({ DATABASE_URL: db, PUBLIC_URL: 'https://pledge.example.org/' });
    expect(config.secureCookies).toBe(true);
    expect(config.publicUrl).toBe('https://pledge.example.org');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT .*\(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT /],
    [{ PUBLIC_URL: 'not a url' }, /^PUBLIC_URL /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL /],
    [
      { LOG_LEVEL: 'loud' },
      /^LOG_LEVEL must be debug, info, warn, error or silent \(got "loud"\)$/,
    ],
    [{ SECRET: 'short' }, /^SECRET /],
    [{ SECRET: ' '.repeat(40) }, /^SECRET must be at least 32 characters, not counting spaces/],
    [{ SMTP_URL: 'smtp://' }, /^SMTP_URL must name the mail server/],
    [{ PUBLIC_URL: 'https://pledge.example.org/groundwork' }, /^PUBLIC_URL .*no sub-path/],
    [{ PORT: '-1' }, /^PORT .*0 \(any free port\)/],
    [{ DATABASE_URL: 'file:/etc/passwd/groundwork.sqlite' }, /^DATABASE_URL: .*not writable/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    const error = (() => {
      try {
        loadConfig({ DATABASE_URL: db, ...env });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps the secret file readable by its owner only, and creates nothing for PostgreSQL with SECRET', () => {
    const own = mkdtempSync(join(tmpdir(), 'groundwork-secret-'));
    const first = loadConfig({ DATABASE_URL: `file:${join(own, 'db.sqlite')}` });
    chmodSync(join(own, 'secret'), 0o644);
    expect(loadConfig({ DATABASE_URL: `file:${join(own, 'db.sqlite')}` }).secret).toBe(
      first.secret,
    );
    expect(statSync(join(own, 'secret')).mode & 0o777).toBe(0o600);

    const cwd = process.cwd();
    const empty = mkdtempSync(join(tmpdir(), 'groundwork-cwd-'));
    process.chdir(empty);
    try {
      loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x', SECRET: 's'.repeat(40) });
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(empty)).toEqual([]);
  });

  it('refuses a secret file it cannot use instead of replacing it', () => {
    const own = mkdtempSync(join(tmpdir(), 'groundwork-secret-'));
    writeFileSync(join(own, 'secret'), 'abc\n');
    expect(() => loadConfig({ DATABASE_URL: `file:${join(own, 'db.sqlite')}` })).toThrow(
      /^SECRET: .*fewer than 32 characters/,
    );
    expect(readFileSync(join(own, 'secret'), 'utf8')).toBe('abc\n');
  });
});
