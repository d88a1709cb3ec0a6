/**
 * The public JSON API for events: `GET /api/v1/events/:slug` and
 * `POST /api/v1/events/:slug/rsvps`. Same rules as signing: open CORS, no cookies, a body
 * limit, JSON or form bodies, `{ error: { code, message, fields } }` errors, and one answer
 * for every accepted RSVP (new, repeated, seat or waitlist) so nobody can probe an address.
 */

import { getChapter } from '@groundwork/core/chapters';
import { isoNow } from '@groundwork/core/clock';
import { AppError } from '@groundwork/core/errors';
import { eventConsentText, getPublicEvent, rsvp, toPublicEvent } from '@groundwork/core/events';
import { createRateLimiter, hashClientKey } from '@groundwork/core/ratelimit';
import { signatureInputFromForm } from '@groundwork/core/signing';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientIp } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { strictForm, strictText } from './body.ts';
import { openCors } from './cors.ts';
import { allowOnly } from './method-not-allowed.ts';

/** Largest RSVP body accepted. */
export const MAX_RSVP_BODY = 16 * 1024;

/**
 * The event's public view (404 for drafts and unknown slugs).
 *
 * @example
 * const view = await publicEventView(ctx, 'mass-cancellation-party', 'en');
 */
export async function publicEventView(ctx: AppContext, slug: string, locale: string | undefined) {
  const event = await getPublicEvent(ctx.db.kysely, slug);
  const chapter = await getChapter(ctx.db.kysely, event.chapterId);
  const view = toPublicEvent(
    event,
    { slug: chapter.slug, name: chapter.name },
    locale,
    ctx.config.publicUrl,
    isoNow(ctx.clock),
    eventConsentText,
  );
  return { event, chapter, view };
}

/**
 * The RSVP limiter of this process: per (event, keyed hash of the client IP), 5 a minute with
 * a burst of 3 — a family registering from one connection passes, a script does not.
 */
export function createRsvpLimiter(ctx: AppContext) {
  const limiter = createRateLimiter({
    keyPrefix: 'rsvp',
    points: 10,
    duration: 600,
    burst: { points: 3, duration: 60 },
    store: ctx.db,
  });
  return async (c: Context<HonoEnv>, slug: string) => {
    if (!ctx.config.rateLimits) return;
    const key = `${slug}:${hashClientKey(ctx.config.secret, clientIp(c, ctx.config.trustProxy))}`;
    const result = await limiter.consume(key);
    if (!result.ok) {
      throw new AppError('RATE_LIMITED', 'Too many registrations from here; try again later.', {
        retryAfter: result.retryAfter,
      });
    }
  };
}

/** Reads an RSVP body: JSON or a urlencoded form; anything else is a 415, broken JSON a 400. */
export async function readRsvpBody(c: Context): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const text = await strictText(c);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('not an object');
      }
      return parsed as Record<string, unknown>;
    } catch {
      throw new AppError('BAD_REQUEST', 'The body is not a JSON object.', {
        fields: { _: 'Invalid JSON.' },
      });
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return signatureInputFromForm(strictForm(await strictText(c)));
  }
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the RSVP as application/json or application/x-www-form-urlencoded.',
  );
}

/**
 * Mounts `/api/v1/events/*`.
 *
 * @example
 * mountEventsApi(app, ctx);
 */
export function mountEventsApi(app: Hono<HonoEnv>, ctx: AppContext): void {
  const limit = createRsvpLimiter(ctx);
  app.use('/api/v1/events/*', openCors());

  app.get('/api/v1/events/:slug', async (c) => {
    const { view } = await publicEventView(ctx, c.req.param('slug'), c.req.query('locale'));
    c.header('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
    return c.json(view);
  });

  app.post(
    '/api/v1/events/:slug/rsvps',
    bodyLimit({
      maxSize: MAX_RSVP_BODY,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', 'The RSVP is too large (16 KB at most).');
      },
    }),
    async (c) => {
      const slug = c.req.param('slug');
      const raw = await readRsvpBody(c);
      await getPublicEvent(ctx.db.kysely, slug); // 404 before anything else
      await limit(c, slug);
      const source = raw.source === 'widget' ? 'widget' : 'api';
      const result = await rsvp(ctx.db.kysely, slug, raw, {
        publicUrl: ctx.config.publicUrl,
        clock: ctx.clock,
        source,
      });
      c.header('Cache-Control', 'no-store');
      return c.json(result, 201);
    },
  );
  allowOnly(app, '/api/v1/events/:slug', ['GET']);
  allowOnly(app, '/api/v1/events/:slug/rsvps', ['POST']);
}
