/**
 * The routes behind the secret link in an attendee's mails: their own page (status, check-in
 * code, private place) and calendar file, and the cancellation. Never cached, never sent on
 * as a referrer: the token in the path is the only key.
 */
import {
  cancelRsvp,
  eventsCalendar,
  eventTitle,
  findByToken,
  placeLine,
} from '@groundwork/core/events';
import type { Hono } from 'hono';
import type { AppContext, HonoEnv } from '../../context.ts';
import type { PageLocale } from '../strings.ts';
import { messagePage } from '../thanks-page.ts';
import { type EventLoader, localeOf } from './load.ts';
import { calendarResponse, invalidLink, page } from './responses.ts';
import { eventStrings } from './strings.ts';
import { attendeePage, eventPath } from './views.ts';

/**
 * Mounts `GET /e/:slug/rsvp/:token` (and its `.ics`) and `GET|POST /e/:slug/cancel/:token`.
 *
 * @example
 * mountAttendeeRoutes(app, ctx, eventLoader(ctx));
 */
export function mountAttendeeRoutes(app: Hono<HonoEnv>, ctx: AppContext, load: EventLoader): void {
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
        name: eventTitle(attendee.event, attendee.locale),
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
}
