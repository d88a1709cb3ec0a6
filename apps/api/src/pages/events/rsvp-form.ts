/**
 * The RSVP form's `POST /e/:slug`: form-encoded only, 32 KiB at most, rate-limited. A refusal
 * shows the form again with the person's values and each error next to its field; success
 * redirects to the thank-you page.
 */
import { AppError } from '@groundwork/core/errors';
import { rsvp } from '@groundwork/core/events';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, HonoEnv } from '../../context.ts';
import { strictForm } from '../../public/body.ts';
import { createRsvpLimiter, publicEventView } from '../../public/events.ts';
import { localizeErrors } from '../field-errors.ts';
import { type PageLocale, stringsFor } from '../strings.ts';
import { messagePage } from '../thanks-page.ts';
import type { C, EventLoader } from './load.ts';
import { message, notFound, page } from './responses.ts';
import { eventPage, eventPath, type RsvpValues } from './views.ts';

/**
 * Mounts `POST /e/:slug`.
 *
 * @example
 * mountRsvpForm(app, ctx, eventLoader(ctx));
 */
export function mountRsvpForm(app: Hono<HonoEnv>, ctx: AppContext, load: EventLoader): void {
  const limit = createRsvpLimiter(ctx);
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
      const text = await c.req.text();
      const form = new URLSearchParams(text);
      const found = await load(c, c.req.param('slug'), form.get('locale') ?? undefined);
      if (!found) return notFound(c);
      const locale = found.view.locale as PageLocale;
      const values = readValues(form);
      try {
        strictForm(text); // a field that is not UTF-8 is refused, not stored as U+FFFD
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
