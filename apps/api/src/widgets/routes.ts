import { fileURLToPath } from 'node:url';
import { AppError } from '@groundwork/core/errors';
import { toPublicPledge } from '@groundwork/core/pledges';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';
import { ACCENT, embedPage } from './embed-page.ts';
import { parseName, type WidgetFile, widgetFiles } from './files.ts';

const defaultDir = fileURLToPath(new URL('../../../widgets/dist', import.meta.url));

/**
 * The iframe embed's own policy: any site may frame it (frame-ancestors *), while scripts,
 * requests and styles stay same-origin. Mounted BEFORE secureHeaders so it runs last on the
 * way out and replaces that middleware's frame-ancestors 'self' and X-Frame-Options.
 *
 * @example
 * app.use('/embed/*', embedFrameHeaders());
 */
export function embedFrameHeaders(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.delete('X-Frame-Options');
    c.res.headers.set('Content-Security-Policy', EMBED_CSP);
    c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}

export const EMBED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  'frame-ancestors *',
].join('; ');

const LONG = 'public, max-age=31536000, immutable';
// The stable name is what webmasters paste: browsers revalidate it (ETag) every few minutes.
const SHORT = 'public, max-age=300, stale-while-revalidate=86400';

/**
 * Mounts the widget scripts and the iframe embed:
 * - `GET /widgets/<name>.js` (ETag, 5-minute cache) and `/widgets/<name>.<hash>.js` (a year,
 *   immutable), gzip when accepted, readable from any origin (CORS + CORP cross-origin);
 * - `GET /widgets/manifest.json` → the versioned URL of each file;
 * - `GET /embed/pledge/:slug?locale=&accent=&compact=` → a minimal page with the widget.
 *
 * @example
 * mountWidgets(app, ctx);
 */
export function mountWidgets(
  app: Hono<HonoEnv>,
  ctx: AppContext,
  options: { dir?: string } = {},
): void {
  const files = widgetFiles(options.dir ?? defaultDir);
  const versioned = (base: string) => {
    const file = files.get(base);
    return `/widgets/${file ? `${base.slice(0, -3)}.${file.hash}.js` : base}`;
  };

  const withVersion = (base: string) => `/widgets/${base}?v=${files.get(base)?.hash ?? '0'}`;

  app.get('/widgets/manifest.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'no-cache');
    return c.json({
      'pledge.js': versioned('pledge.js'),
      'embed.js': versioned('embed.js'),
      'pow-worker.js': versioned('pow-worker.js'),
      'event.js': versioned('event.js'),
    });
  });

  app.get('/widgets/:name', (c) => {
    const name = parseName(c.req.param('name'));
    const file = name && files.get(name.base);
    if (!name || !file || (name.hash && name.hash !== file.hash)) {
      return c.json({ error: { code: 'NOT_FOUND', message: 'No such widget file.' } }, 404);
    }
    // `?v=<hash>` (the embed page's own links) is immutable too while it names the current
    // version; a page cached across an upgrade still gets a script, just not for a year.
    const current = Boolean(name.hash) || c.req.query('v') === file.hash;
    return sendScript(c, file, current ? LONG : SHORT);
  });

  app.get('/embed/pledge/:slug', async (c) => {
    const wanted = c.req.query('locale');
    const locale = wanted === 'fr' || wanted === 'en' ? wanted : undefined;
    // The signing service's cached pledge: the same source (and 404s) as the JSON API.
    const found = await ctx.signing.pledge(c.req.param('slug')).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!found) return c.text('This pledge does not exist or is not published.', 404);
    const pledge = toPublicPledge(found.pledge, found.chapter, 0, locale, ctx.config.publicUrl);
    const accent = c.req.query('accent');
    c.header('Cache-Control', 'public, max-age=60');
    return c.html(
      embedPage({
        pledge,
        locale,
        accent: accent && ACCENT.test(accent) ? accent : undefined,
        compact: c.req.query('compact') !== undefined && c.req.query('compact') !== '0',
        scripts: { pledge: withVersion('pledge.js'), embed: withVersion('embed.js') },
      }),
    );
  });
}

function sendScript(c: Context<HonoEnv>, file: WidgetFile, cacheControl: string): Response {
  const etag = `"${file.hash}"`;
  c.header('Content-Type', 'text/javascript; charset=utf-8');
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  c.header('Vary', 'Accept-Encoding');
  // Scripts for other sites: readable cross-origin (module import of the solver needs CORS,
  // pages with COEP need CORP).
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  if (
    c.req
      .header('If-None-Match')
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return c.body(null, 304);
  if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
    c.header('Content-Encoding', 'gzip');
    return c.body(new Uint8Array(file.gzip));
  }
  return c.body(new Uint8Array(file.body));
}
