import { html } from 'hono/html';
import type { Html } from './html.ts';
import type { PageLocale, PageStrings } from './strings.ts';

export interface ShareContent {
  slug: string;
  title: string;
  shareText: string;
  /** The signer's own link: the pledge URL with their `?ref=`. */
  shareUrl: string;
  ref: string;
}

const enc = encodeURIComponent;

/**
 * Plain outbound share links (no script, image or request to any other site until the visitor
 * clicks). Each carries the signer's referral link.
 *
 * @example
 * shareLinks({ title, shareText, shareUrl }).find((l) => l.name === 'Bluesky')?.href
 */
export function shareLinks(s: ShareContent, t: PageStrings): Array<{ name: string; href: string }> {
  const textAndUrl = `${s.shareText} ${s.shareUrl}`;
  return [
    { name: 'Bluesky', href: `https://bsky.app/intent/compose?text=${enc(textAndUrl)}` },
    {
      name: 'X',
      href: `https://x.com/intent/post?text=${enc(s.shareText)}&url=${enc(s.shareUrl)}`,
    },
    {
      name: 'Reddit',
      href: `https://www.reddit.com/submit?url=${enc(s.shareUrl)}&title=${enc(s.title)}`,
    },
    { name: 'WhatsApp', href: `https://wa.me/?text=${enc(textAndUrl)}` },
    {
      name: 'Telegram',
      href: `https://t.me/share/url?url=${enc(s.shareUrl)}&text=${enc(s.shareText)}`,
    },
    {
      name: t.email_share,
      href: `mailto:?subject=${enc(s.title)}&body=${enc(`${s.shareText}\n\n${s.shareUrl}`)}`,
    },
  ];
}

/**
 * Mastodon has no central share address: the visitor names their instance, and the link goes
 * to `https://<instance>/share?text=…` (Mastodon's own share endpoint).
 */
export function mastodonShareUrl(instance: string, s: ShareContent): string {
  return `https://${instance}/share?text=${enc(`${s.shareText} ${s.shareUrl}`)}`;
}

/**
 * A Mastodon instance as typed by a person ("mastodon.social", "@me@eupolicy.social",
 * "https://piaille.fr/") reduced to a host name, or undefined when it is not one.
 */
export function parseInstance(input: string | undefined): string | undefined {
  if (!input) return undefined;
  let host = input.trim().toLowerCase().slice(0, 300);
  host = host.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (host.includes('@')) host = host.slice(host.lastIndexOf('@') + 1);
  const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  const valid = new RegExp(`^(?:${label}\\.)+[a-z][a-z0-9-]{0,62}$`).test(host);
  return valid && host.length <= 253 ? host : undefined;
}

/**
 * The share block of the thank-you and confirmation pages: the link in a read-only field with
 * a copy button (shown by the script), plain links, and the Mastodon instance form.
 */
export function shareSection(s: ShareContent, locale: PageLocale, t: PageStrings): Html {
  return html`<section class="share" aria-labelledby="share-heading">
<h2 id="share-heading">${t.share}</h2>
<p>${t.shareIntro}</p>
<div class="copy-link">
<label for="share-url">${t.linkLabel}</label>
<div class="copy-row">
<input id="share-url" type="text" readonly value="${s.shareUrl}">
<button type="button" class="button secondary" data-copy-target="share-url" data-copied="${t.copied}" hidden>${t.copyLink}</button>
</div>
<p class="visually-hidden" aria-live="polite" data-copy-status></p>
</div>
<ul class="share-links">
${shareLinks(s, t).map(
  (l) => html`<li><a href="${l.href}" rel="noopener noreferrer" target="_blank">${l.name}</a></li>`,
)}
</ul>
${mastodonForm(s, locale, t)}
</section>`;
}

export function mastodonForm(
  s: ShareContent,
  locale: PageLocale,
  t: PageStrings,
  error?: string,
): Html {
  return html`<form class="mastodon" method="get" action="/p/${enc(s.slug)}/share/mastodon" data-share-text="${`${s.shareText} ${s.shareUrl}`}">
<input type="hidden" name="locale" value="${locale}">
${s.ref ? html`<input type="hidden" name="ref" value="${s.ref}">` : ''}
<label for="mastodon-instance">${t.mastodonInstance}</label>
${error ? html`<p class="error" id="mastodon-error">${error}</p>` : ''}
<div class="copy-row">
<input id="mastodon-instance" name="instance" type="text" inputmode="url" autocomplete="off" placeholder="mastodon.social"${error ? html` aria-invalid="true" aria-describedby="mastodon-error"` : ''}>
<button type="submit" class="button secondary">${t.mastodonGo}</button>
</div>
</form>`;
}
