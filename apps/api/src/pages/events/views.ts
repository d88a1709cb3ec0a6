import { type PublicEvent, qrSvg } from '@groundwork/core/events';
import { html, raw } from 'hono/html';
import type { Html } from '../html.ts';
import { firstParagraphText } from '../html.ts';
import { layout } from '../layout.ts';
import type { PageLocale } from '../strings.ts';
import type { FormErrors } from '../types.ts';
import { eventStrings } from './strings.ts';

export interface RsvpValues {
  email: string;
  name: string;
  consent: boolean;
  answers: Record<string, string | string[]>;
}

export const emptyRsvp: RsvpValues = { email: '', name: '', consent: false, answers: {} };

/** `/e/slug` or `/e/slug?locale=en`. */
export function eventPath(slug: string, locale?: string): string {
  const path = `/e/${encodeURIComponent(slug)}`;
  return locale ? `${path}?locale=${locale}` : path;
}

/** A plain "add to Google Calendar" link (a link only: nothing loads from Google). */
function googleLink(e: PublicEvent): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${stamp(e.startsAt)}/${stamp(e.endsAt)}`,
    ctz: e.timeZone,
    details: e.url,
    location: [e.venueName, e.venueAddress].filter(Boolean).join(', '),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

function facts(
  e: PublicEvent,
  locale: PageLocale,
  details?: { place?: string; onlineUrl?: string },
): Html {
  const t = eventStrings[locale];
  const place = details?.place ?? [e.venueName, e.venueAddress].filter(Boolean).join(', ');
  const seats =
    e.status === 'cancelled' || e.seatsLeft === null
      ? ''
      : e.full
        ? html`<dt>${t.full}</dt><dd>${e.waitlist ? t.fullWaitlist : t.fullClosed}</dd>`
        : html`<dt>${t.seats}</dt><dd>${t.seatsLeft(e.seatsLeft)}</dd>`;
  return html`<dl class="event-facts">
<dt>${t.when}</dt><dd><time datetime="${e.startsAt}">${e.when}</time></dd>
${place || e.online ? html`<dt>${t.where}</dt><dd>${place}${!details?.place && e.venueName && !e.venueAddress ? html`<br><small>${t.addressHidden}</small>` : ''}${e.online ? (details?.onlineUrl ? html`<br>${t.onlineLink}: <a href="${details.onlineUrl}">${details.onlineUrl}</a>` : html`<br>${t.online}`) : ''}</dd>` : ''}
${seats}
</dl>
<p class="calendar-links">${t.addToCalendar}: <a href="${eventPath(e.slug)}.ics">${t.icsFile}</a> · <a href="${googleLink(e)}" rel="noopener noreferrer">${t.google}</a></p>`;
}

/**
 * The hosted event page: details, description and the RSVP form (a plain POST: works with
 * JavaScript off).
 *
 * @example
 * c.html(eventPage({ event: view, locale: 'fr', publicUrl, values: emptyRsvp, errors: {} }))
 */
export function eventPage(props: {
  event: PublicEvent;
  locale: PageLocale;
  publicUrl: string;
  values: RsvpValues;
  errors: FormErrors;
}): Html {
  const { event: e, locale } = props;
  const t = eventStrings[locale];
  const alternates = e.locales.map((l) => ({
    locale: l,
    href: `${props.publicUrl}${eventPath(e.slug, l)}`,
  }));
  return layout({
    locale,
    title: e.title,
    description: firstParagraphText(e.descriptionHtml),
    canonicalUrl: `${props.publicUrl}${eventPath(e.slug, locale === e.locale ? undefined : locale)}`,
    openGraph: { siteName: e.chapter.name, type: 'website' },
    alternates,
    body: html`<article class="event">
<header>
<p class="chapter"><a href="/c/${encodeURIComponent(e.chapter.slug)}?locale=${locale}">${e.chapter.name}</a></p>
<h1>${e.title}${e.status === 'cancelled' ? html` <span class="badge">${t.cancelled}</span>` : ''}</h1>
</header>
${facts(e, locale)}
<div class="event-body">${raw(e.descriptionHtml)}</div>
${rsvpSection(props)}
</article>`,
  });
}

function rsvpSection(props: Parameters<typeof eventPage>[0]): Html {
  const { event: e, locale, values, errors } = props;
  const t = eventStrings[locale];
  if (e.status === 'cancelled')
    return html`<p class="closed-note" role="status">${t.cancelledText}</p>`;
  if (!e.open) {
    const text = e.full && !e.waitlist ? t.fullClosed : t.over;
    return html`<p class="closed-note" role="status">${text}</p>`;
  }
  const summary = Object.entries(errors);
  const field = (path: 'email' | 'name', type: string, label: string, autocomplete: string) => {
    const error = errors[path];
    return html`<div class="field${error ? ' field-error' : ''}">
<label for="f-${path}">${label} <span class="req" aria-hidden="true">*</span></label>
${error ? html`<p class="error" id="err-${path}">${error}</p>` : ''}
<input id="f-${path}" name="${path}" type="${type}" value="${values[path]}" autocomplete="${autocomplete}" maxlength="${path === 'email' ? '254' : '200'}" required${error ? html` aria-invalid="true" aria-describedby="err-${path}"` : ''}>
</div>`;
  };
  return html`<section class="sign" aria-labelledby="rsvp-heading">
<h2 id="rsvp-heading">${e.full ? t.waitlistHeading : t.rsvpHeading}</h2>
${
  summary.length > 0
    ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><ul>${summary.map(
        ([path, message]) =>
          path === 'email' || path === 'name'
            ? html`<li><a href="#f-${path}">${path === 'email' ? t.email : t.name} : ${message}</a></li>`
            : html`<li>${message}</li>`,
      )}</ul></div>`
    : ''
}
<form method="post" action="${eventPath(e.slug)}" class="sign-form" novalidate>
<input type="hidden" name="locale" value="${locale}">
${field('email', 'email', t.email, 'email')}
${field('name', 'text', t.name, 'name')}
${e.questions.map((q) => {
  const path = `answers.${q.id}`;
  const error = errors[path];
  const value = values.answers[q.id];
  if (q.kind === 'text') {
    return html`<div class="field${error ? ' field-error' : ''}"><label for="f-q-${q.id}">${q.label}</label>${error ? html`<p class="error">${error}</p>` : ''}<input id="f-q-${q.id}" name="${path}" type="text" maxlength="2000" value="${typeof value === 'string' ? value : ''}"></div>`;
  }
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const type = q.kind === 'single' ? 'radio' : 'checkbox';
  return html`<fieldset class="field choices${error ? ' field-error' : ''}"><legend>${q.label}</legend>${error ? html`<p class="error">${error}</p>` : ''}${q.options.map(
    (o, i) =>
      html`<div class="choice"><input type="${type}" id="f-q-${q.id}-${i}" name="${path}" value="${o.id}"${chosen.has(o.id) ? html` checked` : ''}> <label for="f-q-${q.id}-${i}">${o.label}</label></div>`,
  )}</fieldset>`;
})}
<div class="field choice consent">
<input type="checkbox" id="f-consent" name="consent" value="yes"${values.consent ? html` checked` : ''}>
<label for="f-consent">${e.consentText}</label>
</div>
<div class="hp" aria-hidden="true"><label for="f-website">Website</label><input type="text" id="f-website" name="website" value="" tabindex="-1" autocomplete="off"></div>
<p><button type="submit" class="button">${t.submit}</button></p>
</form>
</section>`;
}

/** After the form: the same message for every accepted RSVP (no enumeration). */
export function eventThanksPage(e: PublicEvent, locale: PageLocale): Html {
  const t = eventStrings[locale];
  return layout({
    locale,
    title: t.thanksTitle,
    noindex: true,
    body: html`<article class="event">
<p class="chapter">${e.chapter.name}</p>
<h1>${t.thanksTitle}</h1>
<p class="lead" role="status">${t.thanksText}</p>
<h2>${e.title}</h2>
${facts(e, locale)}
<p><a href="${eventPath(e.slug, locale)}">${t.back}</a></p>
</article>`,
  });
}

/**
 * The attendee's own page (from the link in their mails): status, details for confirmed
 * people, the check-in code and its QR code, and the cancel form.
 */
export function attendeePage(props: {
  event: PublicEvent;
  locale: PageLocale;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  name: string | null;
  code: string;
  checkedIn: boolean;
  place?: string;
  onlineUrl?: string;
  cancelPath: string;
}): Html {
  const { event: e, locale } = props;
  const t = eventStrings[locale];
  const statusText =
    props.status === 'confirmed'
      ? t.statusConfirmed
      : props.status === 'waitlisted'
        ? t.statusWaitlisted
        : t.statusCancelled;
  const confirmed = props.status === 'confirmed';
  const details: { place?: string; onlineUrl?: string } = {};
  if (confirmed && props.place) details.place = props.place;
  if (confirmed && props.onlineUrl) details.onlineUrl = props.onlineUrl;
  return layout({
    locale,
    title: `${t.attendeeTitle} · ${e.title}`,
    noindex: true,
    noReferrer: true,
    body: html`<article class="event">
<p class="chapter">${e.chapter.name}</p>
<h1>${e.title}</h1>
<p class="lead" role="status">${props.name ? html`${props.name} — ` : ''}${statusText}${props.checkedIn ? html` ${t.checkedIn}` : ''}</p>
${facts(e, locale, details)}
${
  confirmed
    ? html`<section aria-labelledby="code-heading"><h2 id="code-heading">${t.code}</h2>
<p class="checkin-code"><strong data-checkin-code>${props.code}</strong></p>
<figure class="qr">${raw(qrSvg(props.code, `${t.code} ${props.code}`))}<figcaption>${t.codeHint}</figcaption></figure></section>`
    : ''
}
${
  props.status !== 'cancelled' && e.status !== 'cancelled'
    ? html`<section aria-labelledby="cancel-heading"><h2 id="cancel-heading">${t.cancelHeading}</h2><p>${t.cancelText}</p>
<form method="post" action="${props.cancelPath}"><p><button type="submit" class="button secondary">${t.cancelButton}</button></p></form></section>`
    : ''
}
<p><a href="${eventPath(e.slug, locale)}">${t.back}</a></p>
</article>`,
  });
}

/** The chapter's public page: upcoming events and open pledges. */
export function chapterPage(props: {
  locale: PageLocale;
  publicUrl: string;
  chapter: { slug: string; name: string };
  events: PublicEvent[];
  pledges: Array<{ slug: string; title: string; count: number }>;
}): Html {
  const t = eventStrings[props.locale];
  const number = new Intl.NumberFormat(props.locale === 'fr' ? 'fr-FR' : 'en-GB');
  const slug = encodeURIComponent(props.chapter.slug);
  return layout({
    locale: props.locale,
    title: props.chapter.name,
    canonicalUrl: `${props.publicUrl}/c/${slug}`,
    alternates: (['fr', 'en'] as const).map((l) => ({
      locale: l,
      href: `${props.publicUrl}/c/${slug}?locale=${l}`,
    })),
    body: html`<h1>${props.chapter.name}</h1>
<section aria-labelledby="events-heading">
<h2 id="events-heading">${t.chapterEvents}</h2>
${
  props.events.length === 0
    ? html`<p>${t.noEvents}</p>`
    : html`<ul class="event-list">${props.events.map(
        (e) =>
          html`<li><a href="${eventPath(e.slug, props.locale)}"><strong>${e.title}</strong></a><br><time datetime="${e.startsAt}">${e.when}</time>${e.venueName ? html` — ${e.venueName}` : ''}${e.full ? html` <span class="badge">${t.full}</span>` : ''}</li>`,
      )}</ul>`
}
<p><a href="/c/${slug}/events.ics">${t.subscribe}</a></p>
</section>
<section aria-labelledby="pledges-heading">
<h2 id="pledges-heading">${t.chapterPledges}</h2>
${
  props.pledges.length === 0
    ? html`<p>${t.noPledges}</p>`
    : html`<ul class="pledge-list">${props.pledges.map(
        (p) =>
          html`<li><a href="/p/${encodeURIComponent(p.slug)}?locale=${props.locale}"><strong>${p.title}</strong></a> — ${t.signatures(number.format(p.count))}</li>`,
      )}</ul>`
}
</section>`,
  });
}
