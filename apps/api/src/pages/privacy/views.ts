import type { MyData } from '@groundwork/core/privacy';
import { html } from 'hono/html';
import type { Html } from '../html.ts';
import { layout } from '../layout.ts';
import type { PageLocale } from '../strings.ts';
import { type PrivacyStrings, privacyStrings } from './strings.ts';

/*
 * The supporters' privacy pages: plain HTML forms (JavaScript off is fine), no cookie, the
 * signed token in the URL. Pages whose URL holds a token send no Referer and are noindex.
 */

/** The unsubscribe confirmation: one button (a GET must never change anything). */
export function unsubscribePage(locale: PageLocale, action: string): Html {
  const t = privacyStrings(locale);
  return layout({
    locale,
    title: t.unsubscribeTitle,
    noindex: true,
    noReferrer: true,
    body: html`<h1>${t.unsubscribeTitle}</h1>
<p>${t.unsubscribeText}</p>
<form method="post" action="${action}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p><button type="submit" class="button">${t.unsubscribeButton}</button></p>
</form>`,
  });
}

/** The address form of `/my-data` (with an error, or the neutral "check your inbox"). */
export function myDataRequestPage(
  locale: PageLocale,
  state: { email?: string; error?: string; sent?: boolean },
): Html {
  const t = privacyStrings(locale);
  if (state.sent) {
    return layout({
      locale,
      title: t.sentTitle,
      noindex: true,
      body: html`<h1>${t.sentTitle}</h1><p role="status">${t.sentText}</p>`,
    });
  }
  const error = state.error;
  return layout({
    locale,
    title: t.myDataTitle,
    alternates: [
      { locale: 'fr', href: '/my-data?locale=fr' },
      { locale: 'en', href: '/my-data?locale=en' },
    ],
    body: html`<h1>${t.myDataTitle}</h1>
<p>${t.myDataIntro}</p>
<form method="post" action="/my-data" novalidate>
<input type="hidden" name="locale" value="${locale}">
<div class="field${error ? ' field-error' : ''}">
<label for="f-email">${t.email}</label>
${error ? html`<p class="error" id="err-email">${error}</p>` : ''}
<input id="f-email" name="email" type="email" autocomplete="email" maxlength="320" required value="${state.email ?? ''}"${error ? html` aria-invalid="true" aria-describedby="err-email"` : ''}>
</div>
<p><button type="submit" class="button">${t.send}</button></p>
</form>`,
  });
}

function when(iso: string, locale: PageLocale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(iso));
}

function list<T>(items: T[], render: (item: T) => Html, none: string): Html {
  return items.length === 0 ? html`<p>${none}</p>` : html`<ul>${items.map(render)}</ul>`;
}

/** Everything stored about the person, the JSON download, withdrawal and erasure. */
export function myDataPage(
  locale: PageLocale,
  data: MyData,
  base: string,
  notice?: { text: string; error?: boolean },
): Html {
  const t = privacyStrings(locale);
  const p = data.person;
  const title = t.dataTitle(p.chapterName);
  const active = data.consents.some((c) => c.withdrawnAt === null);
  return layout({
    locale,
    title,
    noindex: true,
    noReferrer: true,
    body: html`<h1>${title}</h1>
${notice ? html`<p class="${notice.error ? 'error' : 'notice'}" role="status">${notice.text}</p>` : ''}
<p>${t.linkExpires}</p>
<h2>${t.profile}</h2>
<dl>
<dt>${t.email}</dt><dd>${p.email}</dd>
<dt>${t.name}</dt><dd>${p.name ?? '—'}</dd>
<dt>${t.postalCode}</dt><dd>${p.postalCode ?? '—'}</dd>
<dt>${t.language}</dt><dd>${p.locale}</dd>
<dt>${t.since}</dt><dd>${when(p.createdAt, locale)}</dd>
</dl>
<h2>${t.signatures}</h2>
${list(data.signatures, (s) => html`<li>${s.title} — ${when(s.createdAt, locale)} (${word(t.statuses, s.status)})${signatureDetails(s, t)}</li>`, t.none)}
<h2>${t.rsvps}</h2>
${list(data.rsvps, (r) => html`<li>${r.title} — ${when(r.createdAt, locale)} (${word(t.statuses, r.status)})</li>`, t.none)}
<h2>${t.consents}</h2>
${list(
  data.consents,
  (c) =>
    html`<li><q>${c.text}</q> — ${t.granted(when(c.grantedAt, locale), c.source)}${
      c.withdrawnAt ? html`, ${t.withdrawn(when(c.withdrawnAt, locale))}` : ''
    }</li>`,
  t.none,
)}
<h2>${t.tags}</h2>
${list(data.tags, (tag) => html`<li>${tag}</li>`, t.none)}
<h2>${t.notes}</h2>
${list(data.notes, (n) => html`<li>${n.body} — ${when(n.createdAt, locale)}</li>`, t.none)}
<h2>${t.mails}</h2>
${list(data.mails, (m) => html`<li>${word(t.mailNames, m.template)} — ${when(m.createdAt, locale)} (${word(t.statuses, m.status)})</li>`, t.none)}
<p><a class="button secondary" href="${base}/data.json" download="my-data.json">${t.download}</a></p>
${
  active
    ? html`<h2>${t.withdrawHeading}</h2>
<p>${t.withdrawText}</p>
<form method="post" action="${base}/withdraw"><p><button type="submit" class="button secondary">${t.withdrawButton}</button></p></form>`
    : ''
}
<h2>${t.eraseHeading}</h2>
<p>${t.eraseText}</p>
<form method="post" action="${base}/erase">
<div class="field choice"><input type="checkbox" id="f-confirm" name="confirm" value="yes" required> <label for="f-confirm">${t.eraseConfirm}</label></div>
<p><button type="submit" class="button">${t.eraseButton}</button></p>
</form>`,
  });
}

/** A stored code in words, or the code itself when the words do not know it. */
function word(words: Record<string, string>, code: string): string {
  return Object.hasOwn(words, code) ? (words[code] ?? code) : code;
}

/** What else a signature holds: its answers (question: options) and the site it came from. */
function signatureDetails(s: MyData['signatures'][number], t: PrivacyStrings) {
  const answers =
    s.answers && typeof s.answers === 'object' && !Array.isArray(s.answers)
      ? Object.entries(s.answers as Record<string, unknown>).map(
          ([question, value]) =>
            `${question}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
        )
      : [];
  const parts = [
    ...(answers.length > 0 ? [t.answers(answers.join('; '))] : []),
    ...(s.source ? [t.via(s.source)] : []),
  ];
  return parts.length > 0 ? html`<br><small>${parts.join(' — ')}</small>` : '';
}
