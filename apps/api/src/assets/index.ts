import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { HonoEnv } from '../context.ts';

interface Asset {
  body: string;
  type: string;
  /** First 16 hex digits of the SHA-256 of the content: cache key and ETag. */
  hash: string;
}

const files = {
  'pages.css': 'text/css; charset=utf-8',
  'pledge-page.js': 'text/javascript; charset=utf-8',
  // Our own icon, so browsers do not ask for a /favicon.ico that is not there.
  'icon.svg': 'image/svg+xml',
} as const;

export type AssetName = keyof typeof files;

// Read once at start: the set is tiny and fixed, and serving from memory keeps it fast.
const assets = new Map<string, Asset>(
  Object.entries(files).map(([name, type]) => {
    const body = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    return [name, { body, type, hash }];
  }),
);

/**
 * The URL of one of our assets with its content hash, so it can be cached for a year and
 * still change the moment the file does.
 *
 * @example
 * assetUrl('pages.css') // '/assets/pages.css?v=3f2a…'
 */
export function assetUrl(name: AssetName): string {
  return `/assets/${name}?v=${assets.get(name)?.hash ?? '0'}`;
}

/**
 * Mounts `GET /assets/:name`: immutable for a year when the URL carries the current hash,
 * otherwise revalidated through the ETag. Served from 'self' only, as the CSP requires.
 *
 * @example
 * mountAssets(app);
 */
export function mountAssets(app: Hono<HonoEnv>): void {
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.notFound();
    const etag = `"${asset.hash}"`;
    const cacheControl =
      c.req.query('v') === asset.hash
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=0, must-revalidate';
    const headers = { ETag: etag, 'Cache-Control': cacheControl };
    if (
      c.req
        .header('if-none-match')
        ?.split(/\s*,\s*/)
        .includes(etag)
    ) {
      return c.body(null, 304, headers);
    }
    return c.body(asset.body, 200, { ...headers, 'Content-Type': asset.type });
  });
}
