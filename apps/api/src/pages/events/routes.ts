/**
 * The hosted event pages (server-rendered, work with JavaScript off, never set a cookie):
 * `GET|POST /e/:slug`, `GET /e/:slug/thanks`, `GET /e/:slug.ics`, the attendee's own page
 * `GET /e/:slug/rsvp/:token`, `GET|POST /e/:slug/cancel/:token`, and the chapter's page
 * `GET /c/:chapter` with its feed `GET /c/:chapter/events.ics`. This file puts them together
 * on one sub-app with one error page; the routes themselves are in `page-routes.ts`,
 * `rsvp-form.ts` and `attendee-routes.ts`.
 */
import { Hono } from 'hono';
import type { AppContext, HonoEnv } from '../../context.ts';
import { mapError } from '../../http/errors.ts';
import { stringsFor } from '../strings.ts';
import { messagePage } from '../thanks-page.ts';
import { mountAttendeeRoutes } from './attendee-routes.ts';
import { eventLoader, localeOf } from './load.ts';
import { mountChapterRoutes, mountEventPageRoutes } from './page-routes.ts';
import { notFound, page } from './responses.ts';
import { mountRsvpForm } from './rsvp-form.ts';

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
  const load = eventLoader(ctx);
  mountEventPageRoutes(app, ctx, load);
  mountRsvpForm(app, ctx, load);
  mountAttendeeRoutes(app, ctx, load);
  mountChapterRoutes(app, ctx);
  // Last: a handler registered before it answers first, so this only catches the rest.
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
