/**
 * The read-only public pages: an event's page, its thank-you page and its calendar file, and
 * a chapter's page with the feed of its upcoming events. The form's POST is in `rsvp-form.ts`.
 */
import { findChapterBySlug } from '@groundwork/core/chapters';
import { isoNow } from '@groundwork/core/clock';
import {
  eventConsentText,
  eventsCalendar,
  listEvents,
  toPublicEvent,
} from '@groundwork/core/events';
import { listPledges } from '@groundwork/core/pledges';
import type { Hono } from 'hono';
import type { AppContext, HonoEnv } from '../../context.ts';
import { pickLocale } from '../locale.ts';
import type { PageLocale } from '../strings.ts';
import type { C, EventLoader } from './load.ts';
import { calendarResponse, notFound } from './responses.ts';
import { chapterPage, emptyRsvp, eventPage, eventThanksPage } from './views.ts';

/**
 * Mounts `GET /e/:slug` (and `/e/:slug.ics`) and `GET /e/:slug/thanks`.
 *
 * @example
 * mountEventPageRoutes(app, ctx, eventLoader(ctx));
 */
export function mountEventPageRoutes(app: Hono<HonoEnv>, ctx: AppContext, load: EventLoader): void {
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

  app.get('/e/:slug/thanks', async (c) => {
    const found = await load(c, c.req.param('slug'));
    if (!found) return notFound(c);
    c.header('Cache-Control', 'no-store');
    return c.html(eventThanksPage(found.view, found.view.locale as PageLocale));
  });
}

/**
 * Mounts the chapter's page `GET /c/:chapter` and its feed `GET /c/:chapter/events.ics`.
 *
 * @example
 * mountChapterRoutes(app, ctx);
 */
export function mountChapterRoutes(app: Hono<HonoEnv>, ctx: AppContext): void {
  app.get('/c/:chapter', async (c) => {
    const data = await chapterData(c);
    if (!data) return notFound(c);
    // As on /e and /p: ?locale=, then Accept-Language, and the chapter's language only last.
    const locale = pickLocale({
      query: c.req.query('locale'),
      acceptLanguage: c.req.header('accept-language'),
      available: ['fr', 'en'],
      fallback: data.chapter.locale,
    });
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
}
