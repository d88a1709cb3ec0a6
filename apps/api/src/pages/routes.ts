import { AppError } from '@groundwork/core/errors';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, HonoEnv } from '../context.ts';
import { mapError } from '../http/errors.ts';
import { strictForm } from '../public/body.ts';
import { localizeErrors } from './field-errors.ts';
import { readSignatureForm } from './form-input.ts';
import type { Html } from './html.ts';
import { pickLocale } from './locale.ts';
import { pledgePage, pledgePath } from './pledge-page.ts';
import { pagesBackend } from './service.ts';
import type { ShareContent } from './share.ts';
import { parseInstance } from './share.ts';
import { isPageLocale, type PageLocale, stringsFor } from './strings.ts';
import { mastodonPage, messagePage, thanksPage } from './thanks-page.ts';
import { emptyForm, type FormErrors, type PagePledge } from './types.ts';

type C = Context<HonoEnv>;

/**
 * A request path fit for the logs: secret tokens in page URLs replaced by a placeholder.
 *
 * @example
 * redactPath('/confirm/abc123…') // '/confirm/:token'
 */
export function redactPath(path: string): string {
  return path
    .replace(/^\/confirm\/[^/]+/, '/confirm/:token')
    .replace(/^\/(unsubscribe|my-data)\/[^/]+/, '/$1/:token');
}

/** Referral codes as the signing service makes them; anything else in a URL is ignored. */
const refPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Mounts the hosted public pages (server-rendered HTML that works with JavaScript off):
 * `GET|POST /p/:slug`, `GET /p/:slug/thanks`, `GET /p/:slug/share/mastodon`,
 * `GET /confirm/:token`. They never set a cookie.
 *
 * @example
 * mountPages(app, ctx);
 */
export function mountPages(parent: Hono<HonoEnv>, ctx: AppContext): void {
  const backend = pagesBackend(ctx);
  // A sub-app so that its errors answer as HTML pages (the JSON API keeps the JSON mapping).
  const app = new Hono<HonoEnv>();

  app.get('/p/:slug', async (c) => {
    const pledge = await loadPledge(c, backend);
    if (!pledge) return notFound(c);
    const ref = c.req.query('ref');
    const values = { ...emptyForm, ref: ref && refPattern.test(ref) ? ref : '' };
    c.header('Vary', 'Accept-Language');
    c.header('Cache-Control', 'no-cache');
    return c.html(pledgePage(pageProps(ctx, pledge, values, {})));
  });

  app.post(
    '/p/:slug',
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => tooLarge(c as C) }),
    async (c) => {
      // The page's form is urlencoded (the HTML default); the JSON API is the other door.
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
        return page(c, 415, messageFor(c, 'UNSUPPORTED_MEDIA_TYPE'));
      }
      const text = await c.req.text();
      const form = new URLSearchParams(text);
      const pledge = await loadPledge(c, backend, form.get('locale') ?? undefined);
      if (!pledge) return notFound(c);
      const { raw, values } = readSignatureForm(form);
      try {
        strictForm(text); // a field that is not UTF-8 is refused, not stored as U+FFFD
        const result = await backend.sign(
          c,
          pledge.slug,
          { ...raw, locale: pledge.locale },
          pledge.locale,
        );
        const query = new URLSearchParams({
          ref: result.ref,
          status: result.status,
          locale: pledge.locale,
        });
        // 303: the browser GETs the thank-you page, so reloading it never signs twice.
        return c.redirect(`${pledgePath(pledge.slug)}/thanks?${query}`, 303);
      } catch (error) {
        // Our own failures go to the sub-app's error page (logged once, there).
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return signingFailed(c, ctx, pledge, values, error);
      }
    },
  );

  app.get('/p/:slug/thanks', async (c) => {
    const pledge = await loadPledge(c, backend);
    if (!pledge) return notFound(c);
    const share = shareFor(pledge, c.req.query('ref'));
    const checkInbox = c.req.query('status') === 'pending' && pledge.requiresConfirmation;
    c.header('Cache-Control', 'no-store');
    const locale = pledge.locale as PageLocale;
    return c.html(thanksPage({ pledge, locale, share, checkInbox, kind: 'thanks' }));
  });

  app.get('/p/:slug/share/mastodon', async (c) => {
    const pledge = await loadPledge(c, backend);
    if (!pledge) return notFound(c);
    // No instance yet (the widget's Mastodon link): the form. A wrong one: the form and why.
    const asked = c.req.query('instance');
    const instance = parseInstance(asked);
    const share = shareFor(pledge, c.req.query('ref'));
    const locale = pledge.locale as PageLocale;
    c.header('Cache-Control', 'no-store');
    const invalid = !instance && asked !== undefined && asked.trim() !== '';
    return c.html(mastodonPage({ pledge, locale, share, instance, invalid }), invalid ? 400 : 200);
  });

  app.get('/confirm/:token', async (c) => {
    // The token is a credential: the page tells the browser to send no Referer at all
    // (a header would be overwritten by the app-wide secureHeaders).
    c.header('Cache-Control', 'no-store');
    // Hono answers HEAD with this GET route. Mail scanners and link previews send HEAD: it
    // must not spend the link before the person opens it.
    if (c.req.method === 'HEAD') return c.body(null, 200);
    const outcome = await backend.confirm(c.req.param('token'));
    if (outcome.ok) {
      const found = await backend.find(outcome.slug).catch(() => undefined);
      const pledge = found?.view(chooseLocale(c, outcome.locale));
      if (pledge) {
        const share = shareFor(pledge, outcome.ref);
        const locale = pledge.locale as PageLocale;
        return c.html(
          thanksPage({
            pledge,
            locale,
            share,
            checkInbox: false,
            kind: 'confirmed',
            noReferrer: true,
          }),
        );
      }
    }
    // Unknown, used or expired: the domain does not tell them apart, so one honest message.
    const locale = localeOf(c, outcome.locale);
    const t = stringsFor(locale);
    const title = outcome.ok ? t.confirmedTitle : t.confirmInvalidTitle;
    const text = outcome.ok ? t.confirmedText : t.confirmInvalidText;
    const status = outcome.ok ? 200 : 410;
    return page(c, status, messagePage({ locale, title, text, noReferrer: true }));
  });

  // Any other address under /p/ is a page that does not exist: an HTML 404, not JSON.
  app.get('/p/*', (c) => notFound(c));
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

type Backend = ReturnType<typeof pagesBackend>;

/** A refused signature: the wait when rate limited, else the form again with its errors. */
function signingFailed(
  c: C,
  ctx: AppContext,
  pledge: PagePledge,
  values: typeof emptyForm,
  error: AppError,
): Response | Promise<Response> {
  const locale = pledge.locale as PageLocale;
  if (error.code === 'NOT_FOUND') return notFound(c);
  if (error.code === 'RATE_LIMITED') {
    const seconds = error.retryAfter ?? 60;
    c.header('Retry-After', String(seconds));
    const t = stringsFor(locale);
    const back = pledgePath(pledge.slug, locale);
    const text = t.rateLimitedText(seconds);
    return page(c, 429, messagePage({ locale, title: t.rateLimitedTitle, text, back }));
  }
  const errors = localizeErrors(error.fields ?? { _: error.message }, locale);
  return page(c, error.status, pledgePage(pageProps(ctx, pledge, values, errors)));
}

/** The pledge in the language the visitor asked for; undefined for unknown or draft pledges. */
async function loadPledge(
  c: C,
  backend: Backend,
  wanted?: string,
): Promise<PagePledge | undefined> {
  const found = await backend.find(c.req.param('slug') ?? '').catch(notFoundToUndefined);
  if (!found) return undefined;
  const locale = pickLocale({
    query: wanted ?? c.req.query('locale'),
    acceptLanguage: wanted ? undefined : c.req.header('accept-language'),
    available: found.locales,
    fallback: found.defaultLocale,
  });
  return found.view(locale);
}

function notFoundToUndefined(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
  throw error;
}

function pageProps(
  ctx: AppContext,
  pledge: PagePledge,
  values: typeof emptyForm,
  errors: FormErrors,
) {
  return {
    pledge,
    locale: pledge.locale as PageLocale,
    publicUrl: ctx.config.publicUrl,
    values,
    errors,
  };
}

/** The signer's share link: the pledge's public URL with their referral code. */
function shareFor(pledge: PagePledge, ref: string | undefined): ShareContent {
  const valid = ref && refPattern.test(ref) ? ref : '';
  const url = new URL(pledge.shareUrl);
  if (valid) url.searchParams.set('ref', valid);
  return {
    slug: pledge.slug,
    title: pledge.title,
    shareText: pledge.shareText || pledge.title,
    shareUrl: url.toString(),
    ref: valid,
  };
}

function chooseLocale(c: C, fallback: string): PageLocale {
  const query = c.req.query('locale');
  if (isPageLocale(query)) return query;
  return isPageLocale(fallback) ? fallback : 'fr';
}

/** The language for a page that has no pledge to follow: ?locale=, then the browser, then French. */
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

function tooLarge(c: C): Response | Promise<Response> {
  return page(c, 413, messageFor(c, 'PAYLOAD_TOO_LARGE'));
}

function messageFor(c: C, code: 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE'): Html {
  const locale = localeOf(c);
  const t = stringsFor(locale);
  const text = code === 'PAYLOAD_TOO_LARGE' ? t.tooLarge : t.wrongType;
  return messagePage({ locale, title: t.errorTitle, text });
}

function page(c: C, status: number, body: Html): Response | Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(body, status as 200);
}
