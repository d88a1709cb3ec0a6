/**
 * Finding what a request is about in the reader's language: the event (its locale picked from
 * `?locale=`, then Accept-Language, among the event's own languages) and, for pages that have
 * no event yet (errors, invalid links), the page locale of the request.
 */
import { AppError } from '@groundwork/core/errors';
import type { Context } from 'hono';
import type { AppContext, HonoEnv } from '../../context.ts';
import { publicEventView } from '../../public/events.ts';
import { pickLocale } from '../locale.ts';
import type { PageLocale } from '../strings.ts';

export type C = Context<HonoEnv>;

/** A published event and its public view in the locale picked for the request. */
export type LoadedEvent = Awaited<ReturnType<typeof publicEventView>>;

/** Loads an event by slug; `wanted` (a form's or a link's locale) wins over the headers. */
export type EventLoader = (c: C, slug: string, wanted?: string) => Promise<LoadedEvent | undefined>;

/**
 * The loader every event route uses: undefined for an unknown or unpublished event.
 *
 * @example
 * const load = eventLoader(ctx);
 * const found = await load(c, c.req.param('slug'));
 */
export function eventLoader(ctx: AppContext): EventLoader {
  return async (c, slug, wanted) => {
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
}

/**
 * The page locale of a request: `?locale=`, then the hint, then Accept-Language, else French.
 *
 * @example
 * const locale = localeOf(c, done.locale);
 */
export function localeOf(c: C, hint?: string): PageLocale {
  return pickLocale({
    query: c.req.query('locale') ?? hint,
    acceptLanguage: c.req.header('accept-language'),
    available: ['fr', 'en'],
    fallback: 'fr',
  });
}

function notFoundToUndefined(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
  throw error;
}
