import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '@groundwork/core/errors';
import { serveStatic } from '@hono/node-server/serve-static';
import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { mountAssets } from '../assets/index.ts';
import { csrfProtection, sessionMiddleware } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { mountExports } from '../exports/index.ts';
import { mountMailPreviewHeaders, mountMailPreviews } from '../mail-preview/index.ts';
import { mountEventPages, redactEventPath } from '../pages/events/index.ts';
import { mountPages, redactPath } from '../pages/index.ts';
import { mountPrivacyPages } from '../pages/privacy/index.ts';
import { mountEventsApi } from '../public/events.ts';
import { mountPublicApi } from '../public/index.ts';
import type { TrpcContext } from '../trpc/context.ts';
import { appRouter } from '../trpc/router.ts';
import { embedFrameHeaders, mountWidgets } from '../widgets/index.ts';
import { mapError } from './errors.ts';

const adminDist = fileURLToPath(new URL('../../../admin/dist', import.meta.url));

/**
 * Builds the whole HTTP surface. Exported so tests can call `app.request()` without a port.
 *
 * @example
 * const app = createApp(ctx);
 * const res = await app.request('/health');
 */
export function createApp(ctx: AppContext): Hono<HonoEnv> {
  const app = new Hono<HonoEnv>();
  // The public pledge API first: its routes answer before the page middleware below (request
  // id, security headers for HTML, logging), which costs more than a count itself on the
  // hottest routes and means nothing for cross-origin JSON (see apps/api/src/public/cors.ts).
  mountPublicApi(app, ctx);
  mountEventsApi(app, ctx);

  app.use(requestId());
  // Before secureHeaders, so it runs after it on the way out: the iframe embed may be framed.
  app.use('/embed/*', embedFrameHeaders());
  // Same reason: the admin's mail previews have a CSP of their own (inline styles).
  mountMailPreviewHeaders(app);
  app.use(
    secureHeaders({
      // Pages load nothing from third parties; the admin and hosted pages are same-origin only.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginResourcePolicy: false,
    }),
  );
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    ctx.log.debug('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: redactEventPath(redactPath(c.req.path)),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.get('/health', async (c) => {
    const ok = await ctx.db.ping().catch(() => false);
    return c.json({ status: ok ? 'ok' : 'unavailable', database: ctx.db.kind }, ok ? 200 : 503);
  });

  // Cookie-authenticated routes: CSRF check first (nothing runs for a forged request), then the
  // session. Reuse both for any later route that reads the session cookie.
  app.use('/trpc/*', csrfProtection(ctx.config), sessionMiddleware(ctx));
  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      createContext: (opts, c): TrpcContext & Record<string, unknown> => ({
        app: ctx,
        hono: c as never,
        auth: (c.get('auth') as TrpcContext['auth'] | undefined) ?? null,
        resHeaders: opts.resHeaders,
      }),
      // tRPC builds its own Response, which drops headers set earlier through Hono (the request
      // id); and a rate-limited call says when to retry, as the plain HTTP routes do.
      responseMeta: ({ ctx: trpcCtx, errors }) => {
        const headers: Record<string, string> = {};
        const requestId = trpcCtx?.hono?.get('requestId');
        if (requestId) headers['X-Request-Id'] = requestId;
        const limited = errors.find((e) => e.cause instanceof AppError && e.cause.retryAfter);
        const retryAfter = (limited?.cause as AppError | undefined)?.retryAfter;
        if (retryAfter) headers['Retry-After'] = String(retryAfter);
        return { headers };
      },
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          ctx.log.error('trpc error', { path, error: error.cause ?? error });
        }
      },
    }),
  );

  mountAssets(app);
  mountPages(app, ctx);
  mountEventPages(app, ctx);
  mountPrivacyPages(app, ctx);
  mountWidgets(app, ctx);
  // Before the admin SPA: /admin/api/* are real routes, not client-side pages.
  mountExports(app, ctx);
  mountMailPreviews(app, ctx);
  mountAdmin(app);

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, 404));
  app.onError((error, c) => {
    const mapped = mapError(error, ctx.log, c.get('requestId'));
    return c.json(mapped.body, mapped.status as 400, mapped.headers);
  });
  return app;
}

/** The built admin SPA at /admin: real files first, then index.html for client-side routes. */
function mountAdmin(app: Hono<HonoEnv>): void {
  app.get('/', (c) => c.redirect('/admin/'));
  app.get('/admin', (c) => c.redirect('/admin/'));
  app.use(
    '/admin/*',
    serveStatic({ root: adminDist, rewriteRequestPath: (p) => p.replace(/^\/admin/, '') }),
  );
  app.get('/admin/*', async (c) => {
    const index = `${adminDist}/index.html`;
    if (!existsSync(index)) {
      return c.text(
        'The admin is not built yet: run `pnpm build` (npm start does it for you).',
        503,
      );
    }
    const { readFile } = await import('node:fs/promises');
    return c.html(await readFile(index, 'utf8'));
  });
}
