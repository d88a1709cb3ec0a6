import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A built widget file, held in memory with its gzip form and content hash. */
export interface WidgetFile {
  body: Buffer;
  gzip: Buffer;
  /** First 16 hex digits of the SHA-256 of the body: the versioned name and the ETag. */
  hash: string;
  mtimeMs: number;
}

/** `pledge.js`, or its versioned twin `pledge.0123456789abcdef.js`. */
const NAME = /^([a-z][a-z-]{0,40})(?:\.([0-9a-f]{16}))?\.js$/;

/**
 * Parses a requested widget file name.
 *
 * @example
 * parseName('pledge.0123456789abcdef.js') // { base: 'pledge.js', hash: '0123456789abcdef' }
 */
export function parseName(name: string): { base: string; hash?: string } | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  return { base: `${m[1]}.js`, hash: m[2] };
}

/**
 * The built widget bundles (apps/widgets/dist), read lazily and re-read when a file changes
 * on disk (`vite build --watch` during development). A stat per request is cheap next to
 * the network; the bytes and their gzip are computed once per version.
 *
 * @example
 * const files = widgetFiles('/srv/groundwork/apps/widgets/dist');
 * files.get('pledge.js')?.hash
 */
export function widgetFiles(dir: string) {
  const cache = new Map<string, WidgetFile>();
  return {
    get(base: string): WidgetFile | undefined {
      const path = join(dir, base);
      let mtimeMs: number;
      try {
        mtimeMs = statSync(path).mtimeMs;
      } catch {
        return undefined;
      }
      const hit = cache.get(base);
      if (hit && hit.mtimeMs === mtimeMs) return hit;
      const body = readFileSync(path);
      const file: WidgetFile = {
        body,
        gzip: gzipSync(body, { level: 9 }),
        hash: createHash('sha256').update(body).digest('hex').slice(0, 16),
        mtimeMs,
      };
      cache.set(base, file);
      return file;
    },
  };
}

export type WidgetFiles = ReturnType<typeof widgetFiles>;
