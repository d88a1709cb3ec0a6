import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { rateKey } from '../src/auth/client-ip.ts';
import { clientAddress, clientIp } from '../src/auth/index.ts';
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

  it('is one key per client however the address is spelled, and one per IPv6 /64', () => {
    for (const spelling of ['9.9.9.9', '::ffff:9.9.9.9', '::FFFF:9.9.9.9', '9.9.9.9:1234']) {
      expect(rateKey(spelling), spelling).toBe('9.9.9.9');
    }
    expect(rateKey('009.009.009.009')).toBe('9.9.9.9');
    expect(rateKey('[::ffff:9.9.9.9]:80')).toBe('9.9.9.9');
    const net = '2001:db8:0:0::/64';
    for (const spelling of [
      '2001:db8::a',
      '2001:DB8::A',
      '2001:0db8:0:0:0:0:0:a',
      '[2001:db8::a]',
      '[2001:db8::a]:443',
      '2001:db8::b',
      '2001:db8::ffff:1:2',
    ]) {
      expect(rateKey(spelling), spelling).toBe(net);
    }
    expect(rateKey('2001:db8:0:1::a')).toBe('2001:db8:0:1::/64');
    expect(rateKey('not an address')).toBe('not an address');
    // Through the proxy header and from the socket alike.
    expect(clientAddress('198.51.100.1, [2001:DB8::7]:1', undefined, true)).toBe(net);
    expect(clientAddress(undefined, '::ffff:127.0.0.1', false)).toBe('127.0.0.1');
    expect(clientAddress('2001:db8::7', '::ffff:127.0.0.1', false)).toBe('127.0.0.1');
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
