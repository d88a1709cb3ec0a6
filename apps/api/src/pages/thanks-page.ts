import { html } from 'hono/html';
import type { Html } from './html.ts';
import { layout } from './layout.ts';
import { counter, pledgePath } from './pledge-page.ts';
import { mastodonForm, mastodonShareUrl, type ShareContent, shareSection } from './share.ts';
import type { PageLocale } from './strings.ts';
import { stringsFor } from './strings.ts';
import type { PagePledge } from './types.ts';

export interface ThanksPageProps {
  pledge: PagePledge;
  locale: PageLocale;
  share: ShareContent;
  /** Shown when the signature waits for its e-mail confirmation. */
  checkInbox: boolean;
  /** 'thanks' right after signing, 'confirmed' after the e-mail link. */
  kind: 'thanks' | 'confirmed';
  noReferrer?: boolean;
}

/**
 * The page after signing (or confirming): the next steps as a checklist, "check your inbox"
 * when needed, and share links carrying the signer's referral code. Holds no personal data.
 *
 * @example
 * c.html(thanksPage({ pledge, locale: 'en', share, checkInbox: true, kind: 'thanks' }))
 */
export function thanksPage(props: ThanksPageProps): Html {
  const { pledge, locale } = props;
  const t = stringsFor(locale);
  const title = props.kind === 'thanks' ? t.thanksTitle : t.confirmedTitle;
  return layout({
    locale,
    title: `${title} — ${pledge.title}`,
    noindex: true,
    noReferrer: props.noReferrer ?? false,
    script: true,
    body: html`<article class="thanks">
<header>
<p class="chapter">${pledge.chapter.name}</p>
<h1>${title}</h1>
<p class="lead">${pledge.title}</p>
</header>
${props.checkInbox ? html`<p class="notice" role="status">${t.checkInbox}</p>` : ''}
${props.kind === 'confirmed' ? html`<p class="notice" role="status">${t.confirmedText}</p>` : ''}
${counter(pledge, locale, t, pledge.status === 'live')}
${nextSteps(pledge.nextSteps, locale)}
${shareSection(props.share, locale, t)}
<p><a href="${pledgePath(pledge.slug, locale)}">${t.back}</a></p>
</article>`,
  });
}

/** An ordered checklist: the boxes are for the reader's own use and are sent nowhere. */
function nextSteps(steps: string[], locale: PageLocale): Html {
  if (steps.length === 0) return html``;
  const t = stringsFor(locale);
  return html`<section class="next-steps" aria-labelledby="steps-heading">
<h2 id="steps-heading">${t.nextSteps}</h2>
<p>${t.thanksText}</p>
<ol class="checklist">
${steps.map(
  (step, i) =>
    html`<li><input type="checkbox" id="step-${i + 1}"> <label for="step-${i + 1}">${step}</label></li>`,
)}
</ol>
</section>`;
}

/**
 * The Mastodon step without JavaScript: the visitor named an instance, this page gives the
 * one link to follow (a redirect would be blocked by the CSP's form-action).
 */
export function mastodonPage(props: {
  pledge: PagePledge;
  locale: PageLocale;
  share: ShareContent;
  instance: string | undefined;
  /** An instance was given and is not one. */
  invalid: boolean;
}): Html {
  const t = stringsFor(props.locale);
  const body = props.instance
    ? html`<p><a class="button" href="${mastodonShareUrl(props.instance, props.share)}" rel="noopener noreferrer">${t.mastodonContinue(props.instance)}</a></p>`
    : mastodonForm(props.share, props.locale, t, props.invalid ? t.mastodonInvalid : undefined);
  return layout({
    locale: props.locale,
    title: `${t.mastodonGo} — ${props.pledge.title}`,
    noindex: true,
    body: html`<h1>${t.mastodonGo}</h1>
${body}
<p><a href="${pledgePath(props.pledge.slug, props.locale)}">${t.back}</a></p>`,
  });
}

/**
 * A short page for an outcome with nothing else to show: not found, rate limited, bad link.
 *
 * @example
 * c.html(messagePage({ locale: 'fr', title: 'Page introuvable', text: '…' }), 404)
 */
export function messagePage(props: {
  locale: PageLocale;
  title: string;
  text: string;
  back?: string;
  noReferrer?: boolean;
}): Html {
  const t = stringsFor(props.locale);
  return layout({
    locale: props.locale,
    title: props.title,
    noindex: true,
    noReferrer: props.noReferrer ?? false,
    body: html`<h1>${props.title}</h1>
<p role="status">${props.text}</p>
${props.back ? html`<p><a href="${props.back}">${t.back}</a></p>` : ''}`,
  });
}
