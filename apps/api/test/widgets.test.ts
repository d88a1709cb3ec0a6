import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HonoEnv } from '../src/context.ts';
import { mountWidgets } from '../src/widgets/index.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let dir: string;
let widgets: Hono<HonoEnv>;
const script = `(function(){/* widget ${'x'.repeat(2000)} */})();\n`;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' });
  dir = mkdtempSync(join(tmpdir(), 'groundwork-widgets-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pledge.js'), script);
  writeFileSync(join(dir, 'embed.js'), '/* embed */');
  widgets = new Hono<HonoEnv>();
  mountWidgets(widgets, server.ctx, { dir });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /widgets/:file', () => {
  it('serves the stable name with an ETag, a short cache, CORS and CORP cross-origin', async () => {
    const res = await widgets.request('/widgets/pledge.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(script);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=86400',
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = await widgets.request('/widgets/pledge.js', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('gzips for clients that accept it', async () => {
    const res = await widgets.request('/widgets/pledge.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(script.length / 4);
    expect(gunzipSync(body).toString()).toBe(script);
  });

  it('serves the versioned name from the manifest as immutable, and only the current hash', async () => {
    const manifest = (await (await widgets.request('/widgets/manifest.json')).json()) as Record<
      string,
      string
    >;
    const versioned = manifest['pledge.js'] ?? '';
    expect(versioned).toMatch(/^\/widgets\/pledge\.[0-9a-f]{16}\.js$/);
    const res = await widgets.request(versioned);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(script);
    expect((await widgets.request('/widgets/pledge.0000000000000000.js')).status).toBe(404);
    // The embed page's form: ?v=<hash>; an old hash still gets the script, briefly cached.
    const hash = versioned.split('.')[1];
    const v = await widgets.request(`/widgets/pledge.js?v=${hash}`);
    expect(v.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const old = await widgets.request('/widgets/pledge.js?v=0000000000000000');
    expect(old.status).toBe(200);
    expect(old.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=86400',
    );
  });

  it('answers 404 for unknown or malformed names', async () => {
    for (const path of ['/widgets/nope.js', '/widgets/..%2Fpackage.json', '/widgets/PLEDGE.js']) {
      const res = await widgets.request(path);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('GET /embed/pledge/:slug', () => {
  it('renders the widget in a page any site may frame, scripts still same-origin only', async () => {
    const res = await fetch(`${server.url}/embed/pledge/quit-chatgpt`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain('<groundwork-pledge pledge="quit-chatgpt"></groundwork-pledge>');
    expect(page).toMatch(/<script src="\/widgets\/pledge\.js\?v=([0-9a-f]{16}|0)" async>/);
    expect(page).toMatch(/<html lang="(fr|en)">/);
  });

  it('passes the options on, escaping and validating them', async () => {
    const ok = await (
      await server.app.request('/embed/pledge/quit-chatgpt?locale=en&accent=%23ff0066&compact=1')
    ).text();
    expect(ok).toContain(
      '<groundwork-pledge pledge="quit-chatgpt" locale="en" accent="#ff0066" compact>',
    );
    expect(ok).toContain('<html lang="en">');
    const hostile = await (
      await server.app.request(
        `/embed/pledge/quit-chatgpt?locale=xx&accent=${encodeURIComponent('red"><script>alert(1)</script>')}`,
      )
    ).text();
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).toContain('<groundwork-pledge pledge="quit-chatgpt"></groundwork-pledge>');
  });

  it('answers 404 for an unknown pledge, and other pages keep refusing to be framed', async () => {
    expect((await server.app.request('/embed/pledge/no-such-pledge')).status).toBe(404);
    const health = await server.app.request('/health');
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(health.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});
