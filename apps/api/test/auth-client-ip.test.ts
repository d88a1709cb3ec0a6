import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { clientIp } from '../src/auth/index.ts';
import { ConfigError, loadConfig } from '../src/config/index.ts';

function appWith(trustProxy: boolean) {
  const app = new Hono();
  app.get('/ip', (c) => c.text(clientIp(c, trustProxy)));
  return app;
}

const servers: Array<{ close(): void }> = [];
afterAll(() => {
  for (const s of servers) s.close();
});

async function listen(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

describe('client address', () => {
  it('comes from the socket and ignores X-Forwarded-For by default', async () => {
    const url = await listen(appWith(false));
    const res = await fetch(`${url}/ip`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await res.text()).toBe('127.0.0.1');
  });

  it('comes from the last X-Forwarded-For entry with TRUST_PROXY', async () => {
    const url = await listen(appWith(true));
    const res = await fetch(`${url}/ip`, {
      headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' },
    });
    // The first entry is whatever the client sent; the last is what our proxy saw.
    expect(await res.text()).toBe('203.0.113.9');
    expect(await (await fetch(`${url}/ip`)).text()).toBe('127.0.0.1');
  });

  it('is "unknown" without a socket (app.request in tests)', async () => {
    expect(await (await appWith(false).request('/ip')).text()).toBe('unknown');
  });

  it('TRUST_PROXY is validated like every variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groundwork-proxy-'));
    const base = { DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, SECRET: 'x'.repeat(32) };
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'yes' })).toThrow(/^TRUST_PROXY /);
  });
});
