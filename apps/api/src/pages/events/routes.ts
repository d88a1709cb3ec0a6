/**
 * The hosted event pages (server-rendered, work with JavaScript off, never set a cookie):
 * `GET|POST /e/:slug`, `GET /e/:slug/thanks`, `GET /e/:slug.ics`, the attendee's own page
 * `GET /e/:slug/rsvp/:token`, `GET|POST /e/:slug/cancel/:token`, and the chapter's page
 * `GET /c/:chapter` with its feed `GET /c/:chapter/events.ics`.
 */
import { findChapterBySlug } from '@groundwork/core/chapters';
import { isoNow } from '@groundwork/core/clock';
import { AppError } from '@groundwork/core/errors';
import {
  cancelRsvp,
  eventConsentText,
  eventsCalendar,
  findByToken,
  listEvents,
  placeLine,
  rsvp,
  toPublicEvent,
} from '@groundwork/core/events';
import { listPledges } from '@groundwork/core/pledges';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, HonoEnv } from '../../context.ts';
import { mapError } from '../../http/errors.ts';
import { createRsvpLimiter, publicEventView } from '../../public/events.ts';
import { localizeErrors } from '../field-errors.ts';
import { pickLocale } from '../locale.ts';
import { type PageLocale, stringsFor } from '../strings.ts';
import { messagePage } from '../thanks-page.ts';
import { eventStrings } from './strings.ts';
import {
  attendeePage,
  chapterPage,
  emptyRsvp,
  eventPage,
  eventPath,
  eventThanksPage,
  type RsvpValues,
} from './views.ts';

type C = Context<HonoEnv>;

/**
 * A path fit for the logs: the secret of attendee links replaced by a placeholder.
 *
 * @example
 * redactEventPath('/e/party/rsvp/abc…') // '/e/party/rsvp/:token'
 */
export function redactEventPath(path: string): string {
  return path.replace(/^(\/e\/[^/]+\/(?:rsvp|cancel))\/[^/]+/, '$1/:token');
}

/**
 * Mounts the event pages and the chapter page.
 *
 * @example
 * mountEventPages(app, ctx);
 */
export function mountEventPages(parent: Hono<HonoEnv>, ctx: AppContext): void {
  const app = new Hono<HonoEnv>();
  const limit = createRsvpLimiter(ctx);
  const load = async (c: C, slug: string, wanted?: string) => {
    const first = await publicEventView(ctx, slug, undefined).catch(notFoundToUndefined);
    if (!first) return undefined;
    const locale = pickLocale({
      query: wanted ?? c.req.query('locale'),
      acceptLanguage: wanted ? undefined : c.req.header('accept-language'),
      available: first.view.locales,
      fallback: first.view.locale,
    });
    return locale === first.view.locale ? first : publicEventView(ctx, slug, locale);
  };

  app.get('/e/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (slug.endsWith('.ics')) return eventIcs(c, slug.slice(0, -4));
    const found = await load(c, slug);
    if (!found) return notFound(c);
    c.header('Vary', 'Accept-Language');
    c.header('Cache-Control', 'no-cache');
    const locale = found.view.locale as PageLocale;
    return c.html(
      eventPage({
        event: found.view,
        locale,
        publicUrl: ctx.config.publicUrl,
        values: emptyRsvp,
        errors: {},
      }),
    );
  });

  async function eventIcs(c: C, slug: string) {
    const found = await load(c, slug);
    if (!found) return notFound(c);
    const text = eventsCalendar([found.event], {
      name: found.view.title,
      publicUrl: ctx.config.publicUrl,
      locale: found.view.locale,
    });
    return calendarResponse(c, text, `${slug}.ics`);
  }

  app.post(
    '/e/:slug',
    bodyLimit({
      maxSize: 32 * 1024,
      onError: (c) => page(c as C, 413, message(c as C, 'tooLarge')),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
        return page(c, 415, message(c, 'wrongType'));
      }
      const form = new URLSearchParams(await c.req.text());
      const found = await load(c, c.req.param('slug'), form.get('locale') ?? undefined);
      if (!found) return notFound(c);
      const locale = found.view.locale as PageLocale;
      const values = readValues(form);
      try {
        await limit(c, found.event.slug);
        await rsvp(
          ctx.db.kysely,
          found.event.slug,
          {
            email: values.email,
            name: values.name,
            consent: values.consent,
            answers: values.answers,
            locale,
            website: form.get('website') ?? undefined,
          },
          { publicUrl: ctx.config.publicUrl, clock: ctx.clock, source: 'page' },
        );
        // 303: the browser GETs the thank-you page, so reloading it never registers twice.
        return c.redirect(`${eventPath(found.event.slug)}/thanks?locale=${locale}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.code === 'RATE_LIMITED') {
          c.header('Retry-After', String(error.retryAfter ?? 60));
          const t = stringsFor(locale);
          const text = t.rateLimitedText(error.retryAfter ?? 60);
          return page(
            c,
            429,
            messagePage({
              locale,
              title: t.rateLimitedTitle,
              text,
              back: eventPath(found.event.slug, locale),
            }),
          );
        }
        const errors = localizeErrors(error.fields ?? { _: error.message }, locale);
        const fresh = await publicEventView(ctx, found.event.slug, locale);
        return page(
          c,
          error.status,
          eventPage({ event: fresh.view, locale, publicUrl: ctx.config.publicUrl, values, errors }),
        );
      }
    },
  );

  app.get('/e/:slug/thanks', async (c) => {
    const found = await load(c, c.req.param('slug'));
    if (!found) return notFound(c);
    c.header('Cache-Control', 'no-store');
    return c.html(eventThanksPage(found.view, found.view.locale as PageLocale));
  });

  app.get('/e/:slug/rsvp/:token', async (c) => {
    c.header('Cache-Control', 'no-store');
    const raw = c.req.param('token');
    const ics = raw.endsWith('.ics');
    const token = ics ? raw.slice(0, -4) : raw;
    const attendee = await findByToken(ctx.db.kysely, c.req.param('slug'), token);
    if (!attendee) return invalidLink(c);
    if (ics) {
      // The attendee's own calendar file: the private details once they have a seat.
      const text = eventsCalendar([attendee.event], {
        name: attendee.event.slug,
        publicUrl: ctx.config.publicUrl,
        locale: attendee.locale,
        confirmed: attendee.status === 'confirmed',
      });
      const response = calendarResponse(c, text, `${attendee.event.slug}.ics`);
      response.headers.set('Cache-Control', 'private, no-store');
      response.headers.delete('Access-Control-Allow-Origin');
      return response;
    }
    const found = await load(c, attendee.event.slug, c.req.query('locale') ?? attendee.locale);
    if (!found) return invalidLink(c);
    const place = placeLine(attendee.event, true);
    return c.html(
      attendeePage({
        event: found.view,
        locale: found.view.locale as PageLocale,
        status: attendee.status,
        name: attendee.name,
        code: attendee.code,
        checkedIn: attendee.checkedIn,
        ...(place ? { place } : {}),
        ...(attendee.event.onlineUrl ? { onlineUrl: attendee.event.onlineUrl } : {}),
        cancelPath: `${eventPath(attendee.event.slug)}/cancel/${token}`,
      }),
    );
  });

  // A GET never cancels (mail scanners and link previews follow links): it shows the
  // attendee page, whose button POSTs.
  app.get('/e/:slug/cancel/:token', (c) =>
    c.redirect(
      `${eventPath(c.req.param('slug'))}/rsvp/${encodeURIComponent(c.req.param('token'))}`,
      303,
    ),
  );

  app.post('/e/:slug/cancel/:token', async (c) => {
    c.header('Cache-Control', 'no-store');
    const done = await cancelRsvp(ctx.db.kysely, c.req.param('slug'), c.req.param('token'), {
      publicUrl: ctx.config.publicUrl,
      clock: ctx.clock,
    });
    if (!done) return invalidLink(c);
    const locale = localeOf(c, done.locale);
    const t = eventStrings[locale];
    return page(
      c,
      200,
      messagePage({
        locale,
        title: t.cancelledTitle,
        text: t.cancelledDone,
        back: eventPath(done.event.slug, locale),
        noReferrer: true,
      }),
    );
  });

  app.get('/c/:chapter', async (c) => {
    const data = await chapterData(c);
    if (!data) return notFound(c);
    const locale = localeOf(c, data.chapter.locale);
    const pledges = await Promise.all(
      (await listPledges(ctx.db.kysely, data.chapter.id))
        .filter((p) => p.status === 'live')
        .map(async (p) => ({
          slug: p.slug,
          title: p.title,
          count: (await ctx.signing.count(p.slug).catch(() => ({ count: p.confirmed }))).count,
        })),
    );
    c.header('Cache-Control', 'no-cache');
    const consent = eventConsentText;
    return c.html(
      chapterPage({
        locale,
        publicUrl: ctx.config.publicUrl,
        chapter: data.chapter,
        events: data.events.map((e) =>
          toPublicEvent(e, data.chapter, locale, ctx.config.publicUrl, isoNow(ctx.clock), consent),
        ),
        pledges,
      }),
    );
  });

  app.get('/c/:chapter/events.ics', async (c) => {
    const data = await chapterData(c);
    if (!data) return notFound(c);
    const text = eventsCalendar(data.events, {
      name: data.chapter.name,
      publicUrl: ctx.config.publicUrl,
      locale: data.chapter.locale,
    });
    return calendarResponse(c, text, `${data.chapter.slug}.ics`);
  });

  async function chapterData(c: C) {
    const chapter = await findChapterBySlug(ctx.db.kysely, c.req.param('chapter') ?? '');
    if (!chapter) return undefined;
    const events = await listEvents(ctx.db.kysely, chapter.id, {
      upcoming: true,
      publishedOnly: true,
      now: isoNow(ctx.clock),
    });
    return { chapter, events };
  }

  app.get('/e/*', (c) => notFound(c));
  app.onError((error, c) => {
    const mapped = mapError(error, ctx.log, c.get('requestId'));
    const locale = localeOf(c);
    const t = stringsFor(locale);
    return page(
      c,
      mapped.status,
      messagePage({ locale, title: t.errorTitle, text: mapped.body.error.message }),
    );
  });
  parent.route('/', app);
}

function readValues(form: URLSearchParams): RsvpValues {
  const answers: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const m = /^answers\.(.+)$/.exec(key);
    if (!m?.[1]) continue;
    const all = form.getAll(key);
    answers[m[1]] = all.length > 1 ? all : (all[0] ?? '');
  }
  return {
    email: (form.get('email') ?? '').slice(0, 320),
    name: (form.get('name') ?? '').slice(0, 400),
    consent: ['on', 'yes', 'true', '1'].includes(form.get('consent') ?? ''),
    answers,
  };
}

function calendarResponse(c: C, text: string, filename: string): Response {
  return c.body(text, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '')}"`,
    'Cache-Control': 'public, max-age=300',
    'Access-Control-Allow-Origin': '*',
  });
}

function notFoundToUndefined(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
  throw error;
}

function localeOf(c: C, hint?: string): PageLocale {
  return pickLocale({
    query: c.req.query('locale') ?? hint,
    acceptLanguage: c.req.header('accept-language'),
    available: ['fr', 'en'],
    fallback: 'fr',
  });
}

function notFound(c: C): Response | Promise<Response> {
  const locale = localeOf(c);
  const t = stringsFor(locale);
  return page(c, 404, messagePage({ locale, title: t.notFoundTitle, text: t.notFoundText }));
}

function invalidLink(c: C): Response | Promise<Response> {
  const locale = localeOf(c);
  const t = eventStrings[locale];
  return page(
    c,
    404,
    messagePage({ locale, title: t.invalidLinkTitle, text: t.invalidLinkText, noReferrer: true }),
  );
}

function message(c: C, kind: 'tooLarge' | 'wrongType') {
  const locale = localeOf(c);
  const t = stringsFor(locale);
  return messagePage({ locale, title: t.errorTitle, text: t[kind] });
}

function page(c: C, status: number, body: ReturnType<typeof messagePage>) {
  c.header('Cache-Control', 'no-store');
  return c.html(body, status as 200);
}
