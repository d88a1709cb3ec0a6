import {
  loadMyData,
  myDataAction,
  personForLink,
  sendMyDataLinks,
  unsubscribe,
  verifyLinkToken,
} from '@groundwork/core/privacy';
import { createRateLimiter, hashClientKey, type RateLimiter } from '@groundwork/core/ratelimit';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { clientIp } from '../../auth/client-ip.ts';
import type { AppContext, HonoEnv } from '../../context.ts';
import { pickLocale } from '../locale.ts';
import { type PageLocale, stringsFor } from '../strings.ts';
import { messagePage } from '../thanks-page.ts';
import { privacyStrings } from './strings.ts';
import { myDataPage, myDataRequestPage, unsubscribePage } from './views.ts';

type C = Context<HonoEnv>;

/**
 * Mounts the supporters' privacy pages, server-rendered, no cookie, no JavaScript needed:
 * `GET|POST /unsubscribe/:token` (POST is RFC 8058 one-click), `GET|POST /my-data`,
 * `GET /my-data/:token`, `GET /my-data/:token/data.json`, `POST /my-data/:token/withdraw`,
 * `POST /my-data/:token/erase`. Tokens are signed, stateless links (core privacy/tokens).
 *
 * @example
 * mountPrivacyPages(app, ctx);
 */
export function mountPrivacyPages(parent: Hono<HonoEnv>, ctx: AppContext): void {
  const app = new Hono<HonoEnv>();
  const { secret, publicUrl } = ctx.config;
  // These forms are pages: an oversized one is answered with a page too.
  const limit = bodyLimit({
    maxSize: 8 * 1024,
    onError: (c) => {
      const locale = localeOf(c);
      const t = stringsFor(locale);
      return page(c, 413, messagePage({ locale, title: t.errorTitle, text: t.tooLarge }));
    },
  });
  let limiter: RateLimiter | undefined;
  const perClient = () => {
    limiter ??= createRateLimiter({
      keyPrefix: 'my-data:client',
      points: 5,
      duration: 15 * 60,
      store: ctx.db,
    });
    return limiter;
  };

  app.get('/unsubscribe/:token', (c) => {
    const locale = localeOf(c);
    // Checked (never acted on) here so a bad link says so before offering the button.
    const token = c.req.param('token');
    if (!verifyLinkToken(secret, 'unsubscribe', token, ctx.clock.now())) {
      return invalidLink(c, locale);
    }
    // The answer to the button comes in the page's language (a mail client's one-click POST
    // has no query: the person's own language then).
    return page(c, 200, unsubscribePage(locale, `${c.req.path}?locale=${locale}`));
  });

  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click`; the page's button too.
  app.post('/unsubscribe/:token', limit, async (c) => {
    const result = await unsubscribe(ctx.db.kysely, secret, c.req.param('token'), ctx.clock);
    const locale = localeOf(c, result.locale);
    const t = privacyStrings(locale);
    if (!result.valid) return invalidLink(c, locale);
    return page(
      c,
      200,
      messagePage({
        locale,
        title: t.unsubscribedTitle,
        text: t.unsubscribedText,
        noReferrer: true,
      }),
    );
  });

  app.get('/my-data', (c) => page(c, 200, myDataRequestPage(localeOf(c), {})));

  app.post('/my-data', limit, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const locale = localeOf(c, form.get('locale') ?? undefined);
    const t = privacyStrings(locale);
    const email = (form.get('email') ?? '').trim();
    if (!z.email().max(320).safeParse(email).success) {
      return page(c, 422, myDataRequestPage(locale, { email, error: t.emailInvalid }));
    }
    const ipKey = hashClientKey(secret, clientIp(c, ctx.config.trustProxy));
    const allowed = await perClient().consume(ipKey);
    if (!allowed.ok) {
      c.header('Retry-After', String(allowed.retryAfter));
      return page(c, 429, myDataRequestPage(locale, { email, error: t.rateLimited }));
    }
    await sendMyDataLinks(ctx.db.kysely, email, { secret, publicUrl }, ctx.clock);
    // The same answer whether or not the address is known.
    return page(c, 200, myDataRequestPage(locale, { sent: true }));
  });

  app.get('/my-data/:token', async (c) => {
    const shown = await show(c);
    return shown ?? invalidLink(c, localeOf(c));
  });

  app.get('/my-data/:token/data.json', async (c) => {
    const person = await personForLink(
      ctx.db.kysely,
      secret,
      'my-data',
      c.req.param('token'),
      ctx.clock,
    );
    const data = person ? await loadMyData(ctx.db.kysely, person.id) : undefined;
    if (!data) return invalidLink(c, localeOf(c));
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', 'attachment; filename="my-data.json"');
    return c.json(data);
  });

  app.post('/my-data/:token/withdraw', limit, async (c) => {
    const token = c.req.param('token');
    if (!(await myDataAction(ctx.db.kysely, secret, token, 'withdraw', ctx.clock))) {
      return invalidLink(c, localeOf(c));
    }
    return (await show(c, 'withdrawn')) ?? invalidLink(c, localeOf(c));
  });

  app.post('/my-data/:token/erase', limit, async (c) => {
    const token = c.req.param('token');
    const form = new URLSearchParams(await c.req.text());
    if (form.get('confirm') !== 'yes') {
      return (await show(c, 'confirm')) ?? invalidLink(c, localeOf(c));
    }
    const person = await personForLink(ctx.db.kysely, secret, 'my-data', token, ctx.clock);
    if (!(await myDataAction(ctx.db.kysely, secret, token, 'erase', ctx.clock))) {
      return invalidLink(c, localeOf(c));
    }
    const locale = localeOf(c, person?.locale);
    const t = privacyStrings(locale);
    return page(c, 200, messagePage({ locale, title: t.erasedTitle, text: t.erasedText }));
  });

  /** The data page for the token, with a notice after an action; undefined when invalid. */
  async function show(c: C, notice?: 'withdrawn' | 'confirm') {
    const token = c.req.param('token') ?? '';
    const person = await personForLink(ctx.db.kysely, secret, 'my-data', token, ctx.clock);
    const data = person ? await loadMyData(ctx.db.kysely, person.id) : undefined;
    if (!data) return undefined;
    const locale = localeOf(c, data.person.locale);
    const t = privacyStrings(locale);
    const message =
      notice === 'withdrawn'
        ? { text: t.withdrawnDone }
        : notice === 'confirm'
          ? { text: t.eraseNeedsConfirm, error: true }
          : undefined;
    const base = `/my-data/${token}`;
    return page(c, notice === 'confirm' ? 422 : 200, myDataPage(locale, data, base, message));
  }

  parent.route('/', app);
}

function localeOf(c: C, hint?: string): PageLocale {
  return pickLocale({
    query: c.req.query('locale') ?? hint,
    acceptLanguage: c.req.header('accept-language'),
    available: ['fr', 'en'],
    fallback: 'fr',
  }) as PageLocale;
}

function invalidLink(c: C, locale: PageLocale) {
  const t = privacyStrings(locale);
  return page(
    c,
    410,
    messagePage({
      locale,
      title: t.invalidLinkTitle,
      text: t.invalidLinkText,
      back: `/my-data?locale=${locale}`,
      noReferrer: true,
    }),
  );
}

function page(c: C, status: number, body: ReturnType<typeof messagePage>) {
  c.header('Cache-Control', 'no-store');
  return c.html(body, status as 200);
}
