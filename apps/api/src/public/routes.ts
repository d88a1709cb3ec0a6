/**
 * The public JSON API for pledges: read, sign, count, live stream, proof-of-work challenge.
 * Open to every origin (widgets on allied sites), never a cookie, no credentials.
 */
import { AppError } from '@groundwork/core/errors';
import { toPublicPledge } from '@groundwork/core/pledges';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { clientIp } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { MAX_SIGNATURE_BODY, readSignatureBody } from './body.ts';
import { openCors } from './cors.ts';
import { matchesEtag } from './etag.ts';
import { allowOnly } from './method-not-allowed.ts';
import { SIGNING_CACHE_CONTROL, signingMeta } from './sign-request.ts';
import { createCountStreams } from './stream.ts';

const shortCache = 'public, max-age=5, stale-while-revalidate=30';
/** The count's caching, shared with its fast path (`count-fast-path.ts`). */
export const countCacheControl = shortCache;

/**
 * Mounts `/api/v1/pledges/*` on the app.
 *
 * @example
 * mountPublicApi(app, ctx);
 */
export function mountPublicApi(app: Hono<HonoEnv>, ctx: AppContext): void {
  const { signing, config } = ctx;
  const streams = createCountStreams(signing);
  ctx.onShutdown(() => streams.close());

  app.use('/api/v1/pledges/*', openCors());

  app.get('/api/v1/pledges/:slug', async (c) => {
    const slug = c.req.param('slug');
    const { pledge, chapter } = await signing.pledge(slug);
    const { count } = await signing.count(slug);
    const view = toPublicPledge(pledge, chapter, count, c.req.query('locale'), config.publicUrl);
    c.header('Cache-Control', shortCache);
    c.header('Vary', 'Accept-Encoding');
    return c.json(view);
  });

  // Bodies announcing their length are checked against it (Node enforces it); others
  // (chunked) are counted as they stream in, so nothing larger is ever read into memory.
  const streamedLimit = bodyLimit({
    maxSize: MAX_SIGNATURE_BODY,
    onError: () => {
      throw tooLarge();
    },
  });
  app.post('/api/v1/pledges/:slug/signatures', async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined) return streamedLimit(c, next);
    if (Number(length) > MAX_SIGNATURE_BODY) throw tooLarge();
    return next();
  });
  app.post('/api/v1/pledges/:slug/signatures', async (c) => {
    const raw = await readSignatureBody(c);
    const meta = signingMeta(
      config,
      () => clientIp(c, config.trustProxy),
      c.req.header('accept-language'),
    );
    const result = await signing.sign(c.req.param('slug'), raw, meta);
    c.header('Cache-Control', SIGNING_CACHE_CONTROL);
    return c.json(result, 201);
  });

  app.get('/api/v1/pledges/:slug/count', async (c) => {
    const { count, goal } = await signing.count(c.req.param('slug'));
    const etag = `"${count}-${goal}"`;
    c.header('ETag', etag);
    c.header('Access-Control-Expose-Headers', 'ETag');
    c.header('Cache-Control', shortCache);
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.json({ count, goal });
  });

  app.get('/api/v1/pledges/:slug/challenge', async (c) => {
    const challenge = await signing.challenge(c.req.param('slug'));
    c.header('Cache-Control', 'no-store');
    return c.json(challenge);
  });

  app.get('/api/v1/pledges/:slug/stream', async (c) => {
    const slug = c.req.param('slug');
    const first = await signing.count(slug); // a 404 for unknown or draft pledges
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      await new Promise<void>((resolve) => {
        const detach = streams.attach(slug, {
          send: (count) => void stream.writeSSE({ data: JSON.stringify(count) }).catch(end),
          ping: () => void stream.write(': ping\n\n').catch(end),
          close: end,
        });
        function end() {
          detach();
          resolve();
        }
        stream.onAbort(end);
        void stream.writeSSE({ data: JSON.stringify(first), retry: 5000 }).catch(end);
      });
    });
  });

  for (const route of ['', '/count', '/challenge', '/stream']) {
    allowOnly(app, `/api/v1/pledges/:slug${route}`, ['GET']);
  }
  allowOnly(app, '/api/v1/pledges/:slug/signatures', ['POST']);
}

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', 'The signature is too large (16 KB at most).');
}
