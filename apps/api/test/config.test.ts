import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ SECRET: 'short' }, /^SECRET /],
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

  it('refuses a secret file it cannot use instead of replacing it', () => {
    const own = mkdtempSync(join(tmpdir(), 'groundwork-secret-'));
    writeFileSync(join(own, 'secret'), 'abc\n');
    expect(() => loadConfig({ DATABASE_URL: `file:${join(own, 'db.sqlite')}` })).toThrow(
      /^SECRET: .*fewer than 32 characters/,
    );
    expect(readFileSync(join(own, 'secret'), 'utf8')).toBe('abc\n');
  });
});
