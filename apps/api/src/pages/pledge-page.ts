import { html, raw } from 'hono/html';
import { signForm } from './form.ts';
import { firstParagraphText, type Html } from './html.ts';
import { layout } from './layout.ts';
import { formatCount, signaturesText } from './locale.ts';
import { type PageLocale, type PageStrings, stringsFor } from './strings.ts';
import type { FormErrors, FormValues, PagePledge } from './types.ts';

export interface PledgePageProps {
  pledge: PagePledge;
  locale: PageLocale;
  /** The instance's public URL, for canonical and Open Graph links. */
  publicUrl: string;
  values: FormValues;
  errors: FormErrors;
}

/** `/p/slug` or `/p/slug?locale=en`: the page's address in a language. */
export function pledgePath(slug: string, locale?: string): string {
  const path = `/p/${encodeURIComponent(slug)}`;
  return locale ? `${path}?locale=${locale}` : path;
}

/**
 * The hosted pledge page: title, body, live counter and goal bar, then the form (or a
 * "closed" notice). Works as is with JavaScript off; /assets/pledge-page.js only enhances it.
 *
 * @example
 * c.html(pledgePage({ pledge, locale: 'fr', publicUrl, values: emptyForm, errors: {} }))
 */
export function pledgePage(props: PledgePageProps): Html {
  const { pledge, locale } = props;
  const t = stringsFor(locale);
  const alternates = pledge.locales
    .filter((l): l is PageLocale => l === 'fr' || l === 'en')
    .map((l) => ({ locale: l, href: pledgePath(pledge.slug, l) }));
  const absolute = alternates.map((a) => ({ ...a, href: `${props.publicUrl}${a.href}` }));
  const closed = pledge.status === 'closed';
  return layout({
    locale,
    title: pledge.title,
    description: firstParagraphText(pledge.bodyHtml),
    canonicalUrl: `${props.publicUrl}${pledgePath(pledge.slug, locale === pledge.locale ? undefined : locale)}`,
    openGraph: { siteName: pledge.chapter.name, type: 'website' },
    alternates: absolute,
    script: true,
    body: html`<article class="pledge">
<header>
<p class="chapter">${pledge.chapter.name}</p>
<h1>${pledge.title}${closed ? html` <span class="badge">${t.closed}</span>` : ''}</h1>
</header>
${counter(pledge, locale, t, !closed)}
<div class="pledge-body">${raw(pledge.bodyHtml)}</div>
${closed ? html`<p class="closed-note" role="status">${t.closedText}</p>` : signForm({ ...props, t })}
</article>`,
  });
}

/**
 * "12 345 signatures / goal 20 000" with a <progress> bar. The data-* attributes tell the
 * enhancement script where to follow the count live; the text stays right without it.
 */
export function counter(
  pledge: PagePledge,
  locale: PageLocale,
  t: PageStrings,
  live: boolean,
): Html {
  const api = `/api/v1/pledges/${encodeURIComponent(pledge.slug)}`;
  const max = Math.max(pledge.goal, pledge.count, 1);
  return html`<section class="counter" aria-labelledby="counter-text"${
    live
      ? html` data-live-counter data-count-url="${api}/count" data-stream-url="${api}/stream" data-locale="${locale}" data-one="${t.signatures.one}" data-other="${t.signatures.other}"`
      : ''
  }>
<p id="counter-text" class="counter-text"><strong data-count="${pledge.count}">${signaturesText(t, locale, pledge.count)}</strong> / <span data-goal="${pledge.goal}">${t.goal(formatCount(pledge.goal, locale))}</span></p>
<progress max="${max}" value="${pledge.count}" aria-labelledby="counter-text">${Math.round((pledge.count / max) * 100)}%</progress>
<p class="visually-hidden" aria-live="polite" data-count-announcer></p>
</section>`;
}
