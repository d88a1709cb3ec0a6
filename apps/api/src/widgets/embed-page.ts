import type { PublicPledge } from '@groundwork/core/pledges';
import { html } from 'hono/html';

export interface EmbedOptions {
  pledge: PublicPledge;
  /** Only when the host asked for one: otherwise the widget follows the page's lang. */
  locale?: string;
  accent?: string;
  compact: boolean;
  /** Versioned URLs of the two scripts the page loads (same origin, cached for a year). */
  scripts: { pledge: string; embed: string };
}

/** Colours the `accent` option accepts: hex, a colour name, or rgb()/hsl() notation. */
export const ACCENT = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|hsl)a?\([0-9.,%/ ]{5,40}\))$/;

/**
 * The page behind `/embed/pledge/:slug`: nothing but the widget, plus a script that reports
 * its height to the parent page. Every value is escaped by `html`.
 *
 * @example
 * c.html(embedPage({ pledge, compact: false, scripts }))
 */
export function embedPage(o: EmbedOptions) {
  return html`<!doctype html>
<html lang="${o.pledge.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${o.pledge.title}</title>
<script src="${o.scripts.pledge}" async></script>
<script src="${o.scripts.embed}" async></script>
</head>
<body>
<main>
<groundwork-pledge pledge="${o.pledge.slug}"${o.locale ? html` locale="${o.locale}"` : ''}${
    o.accent ? html` accent="${o.accent}"` : ''
  }${o.compact ? html` compact` : ''}></groundwork-pledge>
</main>
</body>
</html>`;
}
