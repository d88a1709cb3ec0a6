import { html } from 'hono/html';
import { assetUrl } from '../assets/index.ts';
import type { Html } from './html.ts';
import { ogLocale } from './locale.ts';
import { privacyStrings } from './privacy/strings.ts';
import { type PageLocale, stringsFor } from './strings.ts';

export interface LayoutProps {
  locale: PageLocale;
  title: string;
  /** Plain text; escaped here. */
  description?: string;
  /** Absolute URL of the page without per-visitor parameters. */
  canonicalUrl?: string;
  /** Open Graph: only for pages worth previewing when shared (the pledge page). */
  openGraph?: { siteName: string; type: 'website' | 'article' };
  /** Language switch and hreflang links: one absolute address per language. */
  alternates?: Array<{ locale: PageLocale; href: string }>;
  /** Thank-you and confirmation pages are per visitor: keep them out of search engines. */
  noindex?: boolean;
  /** Pages whose URL holds a secret (confirmation links): no Referer, even to ourselves. */
  noReferrer?: boolean;
  /** Loads the progressive-enhancement script (counter, copy button). */
  script?: boolean;
  body: Html;
}

/**
 * The shell of every hosted page: language, meta tags, our own CSS and (optionally) script
 * from /assets only — nothing from another origin, no inline script or style (CSP).
 *
 * @example
 * c.html(layout({ locale: 'fr', title: 'Merci', body: html`<p>…</p>` }))
 */
export function layout(props: LayoutProps): Html {
  const t = stringsFor(props.locale);
  return html`<!doctype html>
<html lang="${props.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title}</title>
${props.description ? html`<meta name="description" content="${props.description}">` : ''}
${props.noindex ? html`<meta name="robots" content="noindex">` : ''}
${props.noReferrer ? html`<meta name="referrer" content="no-referrer">` : ''}
${props.canonicalUrl ? html`<link rel="canonical" href="${props.canonicalUrl}">` : ''}
${(props.alternates ?? []).map(
  (a) => html`<link rel="alternate" hreflang="${a.locale}" href="${a.href}">`,
)}
${props.openGraph ? openGraphTags(props) : ''}
<link rel="icon" href="${assetUrl('icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('pages.css')}">
${props.script ? html`<script src="${assetUrl('pledge-page.js')}" defer></script>` : ''}
</head>
<body>
${languageSwitch(props)}
<main id="main">
${props.body}
</main>
<footer class="site-footer"><p>${t.poweredBy} · <a href="/my-data?locale=${props.locale}">${privacyStrings(props.locale).myDataTitle}</a></p></footer>
</body>
</html>`;
}

function openGraphTags(props: LayoutProps): Html {
  const og = props.openGraph;
  if (!og) return html``;
  return html`<meta property="og:type" content="${og.type}">
<meta property="og:site_name" content="${og.siteName}">
<meta property="og:title" content="${props.title}">
${props.description ? html`<meta property="og:description" content="${props.description}">` : ''}
${props.canonicalUrl ? html`<meta property="og:url" content="${props.canonicalUrl}">` : ''}
<meta property="og:locale" content="${ogLocale(props.locale)}">
${(props.alternates ?? [])
  .filter((a) => a.locale !== props.locale)
  .map((a) => html`<meta property="og:locale:alternate" content="${ogLocale(a.locale)}">`)}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${props.title}">
${props.description ? html`<meta name="twitter:description" content="${props.description}">` : ''}`;
}

function languageSwitch(props: LayoutProps): Html {
  const others = props.alternates ?? [];
  if (others.length < 2) return html``;
  const t = stringsFor(props.locale);
  return html`<nav class="lang-switch" aria-label="${t.switchLanguage}"><ul>
${others.map((a) =>
  a.locale === props.locale
    ? html`<li><span aria-current="true" lang="${a.locale}">${stringsFor(a.locale).languageName}</span></li>`
    : html`<li><a href="${a.href}" hreflang="${a.locale}" lang="${a.locale}">${stringsFor(a.locale).languageName}</a></li>`,
)}
</ul></nav>`;
}
