/**
 * The few responses every event route shares: a message page with its status (never cached),
 * the 404 and invalid-link pages, and a calendar file.
 */
import { stringsFor } from '../strings.ts';
import { messagePage } from '../thanks-page.ts';
import { type C, localeOf } from './load.ts';
import { eventStrings } from './strings.ts';

/**
 * An `.ics` answer: inline, cacheable for five minutes, readable by any calendar site.
 *
 * @example
 * return calendarResponse(c, text, `${slug}.ics`);
 */
export function calendarResponse(c: C, text: string, filename: string): Response {
  return c.body(text, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '')}"`,
    'Cache-Control': 'public, max-age=300',
    'Access-Control-Allow-Origin': '*',
  });
}

/**
 * The 404 page in the request's language.
 *
 * @example
 * if (!found) return notFound(c);
 */
export function notFound(c: C): Response | Promise<Response> {
  const locale = localeOf(c);
  const t = stringsFor(locale);
  return page(c, 404, messagePage({ locale, title: t.notFoundTitle, text: t.notFoundText }));
}

/**
 * The 404 for an attendee link that opens nothing (unknown token or another event's).
 *
 * @example
 * if (!attendee) return invalidLink(c);
 */
export function invalidLink(c: C): Response | Promise<Response> {
  const locale = localeOf(c);
  const t = eventStrings[locale];
  return page(
    c,
    404,
    messagePage({ locale, title: t.invalidLinkTitle, text: t.invalidLinkText, noReferrer: true }),
  );
}

/**
 * The message page for a refused form post (too large, wrong content type).
 *
 * @example
 * return page(c, 415, message(c, 'wrongType'));
 */
export function message(c: C, kind: 'tooLarge' | 'wrongType') {
  const locale = localeOf(c);
  const t = stringsFor(locale);
  return messagePage({ locale, title: t.errorTitle, text: t[kind] });
}

/**
 * Answers an HTML page with a status, never cached.
 *
 * @example
 * return page(c, 404, messagePage({ locale, title, text }));
 */
export function page(c: C, status: number, body: ReturnType<typeof messagePage>) {
  c.header('Cache-Control', 'no-store');
  return c.html(body, status as 200);
}
