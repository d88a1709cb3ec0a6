import { z } from 'zod';
import { qrPng } from '../../events/qr.ts';
import { button, html, layout, paragraph } from '../html.ts';
import { defineTemplate, isolate, type MailLocale, oneLine } from '../registry.ts';
import { mailText, mailUrl } from './schemas.ts';

/*
 * The mails of events: RSVP confirmed, waitlisted, promoted from the waitlist, reminder,
 * changed, cancelled, and an organizer's message to attendees. One data shape for all; the
 * practical details (place, online link, check-in code) are only passed for confirmed people.
 */

const eventSchema = z.object({
  eventTitle: mailText,
  chapterName: mailText,
  /** The time span, already formatted in the event's zone and the mail's language. */
  when: mailText,
  name: mailText.optional(),
  place: z.string().trim().min(1).max(1000).optional(),
  onlineUrl: mailUrl.optional(),
  code: z
    .string()
    .regex(/^[A-Z0-9]{4,12}$/)
    .optional(),
  eventUrl: mailUrl,
  attendeeUrl: mailUrl.optional(),
  cancelUrl: mailUrl.optional(),
  icsUrl: mailUrl.optional(),
  /** event-message only: the organizer's subject and text (plain text). */
  subject: mailText.optional(),
  message: z.string().trim().min(1).max(20_000).optional(),
});

type EventMailData = z.output<typeof eventSchema>;
type Kind =
  | 'confirmed'
  | 'waitlisted'
  | 'promoted'
  | 'reminder'
  | 'changed'
  | 'cancelled'
  | 'message';

const nbsp = '\u00a0';

const copy = {
  en: {
    colon: ': ',
    hello: (n?: string) => (n ? `Hello ${isolate(n)},` : 'Hello,'),
    subject: {
      confirmed: (t: string) => `You're registered: ${t}`,
      waitlisted: (t: string) => `You're on the waitlist: ${t}`,
      promoted: (t: string) => `A seat freed up, you're in: ${t}`,
      reminder: (t: string) => `Reminder: ${t}`,
      changed: (t: string) => `Changed: ${t}`,
      cancelled: (t: string) => `Cancelled: ${t}`,
      message: (t: string) => t,
    },
    intro: {
      confirmed: (t: string, c: string) => `Your seat at “${t}” (${c}) is confirmed.`,
      waitlisted: (t: string, c: string) =>
        `“${t}” (${c}) is full for now: you are on the waitlist. If a seat frees up, you get it automatically and we tell you by e-mail.`,
      promoted: (t: string, c: string) =>
        `Good news: a seat at “${t}” (${c}) freed up and it is yours.`,
      reminder: (t: string, c: string) => `A reminder: “${t}” (${c}) is coming up.`,
      changed: (t: string, c: string) =>
        `The organizers of “${t}” (${c}) changed the time or the place. Here are the new details.`,
      cancelled: (t: string, c: string) =>
        `We are sorry: “${t}” (${c}) is cancelled. You do not need to do anything.`,
      message: (t: string, c: string) => `A message from ${c} about “${t}”:`,
    },
    when: 'When',
    where: 'Where',
    online: 'Online',
    code: 'Your check-in code',
    codeHint: 'Show it (or the QR code) at the door.',
    page: 'My registration and QR code',
    calendar: 'Add to my calendar',
    cancel: 'Cannot come? Cancel so that someone on the waitlist gets your seat:',
    cancelAction: 'Cancel my registration',
    footer: (c: string) =>
      `You receive this e-mail because this address was used to register for an event of ${c}.`,
  },
  fr: {
    colon: `${nbsp}: `,
    hello: (n?: string) => (n ? `Bonjour ${isolate(n)},` : 'Bonjour,'),
    subject: {
      confirmed: (t: string) => `Inscription confirmée${nbsp}: ${t}`,
      waitlisted: (t: string) => `Vous êtes sur liste d’attente${nbsp}: ${t}`,
      promoted: (t: string) => `Une place s’est libérée, elle est à vous${nbsp}: ${t}`,
      reminder: (t: string) => `Rappel${nbsp}: ${t}`,
      changed: (t: string) => `Changement${nbsp}: ${t}`,
      cancelled: (t: string) => `Annulé${nbsp}: ${t}`,
      message: (t: string) => t,
    },
    intro: {
      confirmed: (t: string, c: string) =>
        `Votre place à «${nbsp}${t}${nbsp}» (${c}) est confirmée.`,
      waitlisted: (t: string, c: string) =>
        `«${nbsp}${t}${nbsp}» (${c}) est complet pour l’instant${nbsp}: vous êtes sur la liste d’attente. Si une place se libère, elle vous revient automatiquement et nous vous prévenons par e-mail.`,
      promoted: (t: string, c: string) =>
        `Bonne nouvelle${nbsp}: une place s’est libérée à «${nbsp}${t}${nbsp}» (${c}), elle est à vous.`,
      reminder: (t: string, c: string) =>
        `Petit rappel${nbsp}: «${nbsp}${t}${nbsp}» (${c}) approche.`,
      changed: (t: string, c: string) =>
        `Les organisateurs de «${nbsp}${t}${nbsp}» (${c}) ont changé l’horaire ou le lieu. Voici les nouvelles informations.`,
      cancelled: (t: string, c: string) =>
        `Nous sommes désolés${nbsp}: «${nbsp}${t}${nbsp}» (${c}) est annulé. Vous n’avez rien à faire.`,
      message: (t: string, c: string) =>
        `Un message de ${c} à propos de «${nbsp}${t}${nbsp}»${nbsp}:`,
    },
    when: 'Quand',
    where: 'Où',
    online: 'En ligne',
    code: 'Votre code d’entrée',
    codeHint: 'Montrez-le (ou le QR code) à l’entrée.',
    page: 'Mon inscription et mon QR code',
    calendar: 'Ajouter à mon agenda',
    cancel: `Vous ne pouvez pas venir${nbsp}? Annulez pour que la personne suivante sur la liste d’attente ait votre place${nbsp}:`,
    cancelAction: 'Annuler mon inscription',
    footer: (c: string) =>
      `Vous recevez ce message car cette adresse a servi à s’inscrire à un événement de ${c}.`,
  },
} satisfies Record<MailLocale, unknown>;

function render(kind: Kind, locale: MailLocale, d: EventMailData) {
  const c = copy[locale];
  const subject = oneLine(
    kind === 'message' ? (d.subject ?? d.eventTitle) : c.subject[kind](d.eventTitle),
  );
  const intro = c.intro[kind](d.eventTitle, d.chapterName);
  const details: Array<[string, string]> = [[c.when, d.when]];
  if (d.place) details.push([c.where, d.place]);
  if (d.onlineUrl) details.push([c.online, d.onlineUrl]);
  const text: string[] = [c.hello(d.name), '', intro];
  if (d.message) text.push('', d.message);
  text.push('', ...details.map(([k, v]) => `${k}${c.colon}${v}`), d.eventUrl);
  if (d.code) text.push('', `${c.code}${c.colon}${d.code}`, c.codeHint);
  if (d.attendeeUrl) text.push(`${c.page}${c.colon}${d.attendeeUrl}`);
  if (d.icsUrl) text.push(`${c.calendar}${c.colon}${d.icsUrl}`);
  if (d.cancelUrl) text.push('', c.cancel, d.cancelUrl);
  text.push('', `— ${d.chapterName}`);
  // The QR code travels inside the mail, as a PNG (see `qrImage`).
  const qr = d.code ? qrPng(d.code) : undefined;

  const body = html`${paragraph(c.hello(d.name))}${paragraph(intro)}${
    d.message ? d.message.split(/\n{2,}/).map((p) => paragraph(p)) : ''
  }${details.map(([k, v]) => paragraph(html`<strong>${k}</strong>${c.colon}${v}`))}${paragraph(
    html`<a href="${d.eventUrl}">${d.eventUrl}</a>`,
  )}${
    d.code
      ? html`${paragraph(html`<strong>${c.code}</strong>${c.colon}<span style="font-family:monospace;font-size:20px;letter-spacing:2px">${d.code}</span><br>${c.codeHint}`)}<p style="margin:0 0 16px">${qrImage(qr, `${c.code} ${d.code}`)}</p>`
      : ''
  }${d.attendeeUrl ? button(d.attendeeUrl, c.page) : ''}${
    d.icsUrl ? paragraph(html`<a href="${d.icsUrl}">${c.calendar}</a>`) : ''
  }${d.cancelUrl ? html`${paragraph(c.cancel)}${paragraph(html`<a href="${d.cancelUrl}">${c.cancelAction}</a>`)}` : ''}${paragraph(`— ${d.chapterName}`)}`;
  return {
    subject,
    text: `${text.join('\n')}\n`,
    html: layout({ lang: locale, title: subject, body, footer: c.footer(d.chapterName) }),
    ...(qr && d.code
      ? {
          images: [
            {
              cid: QR_CID,
              filename: `${d.code}.png`,
              contentType: 'image/png' as const,
              content: qr,
            },
          ],
        }
      : {}),
  };
}

const QR_CID = 'check-in-code@groundwork';

/** The QR code as an image of the mail itself (`cid:`), at its own pixel size. */
function qrImage(png: Buffer | undefined, label: string) {
  const side = png ? png.readUInt32BE(16) : 0;
  return html`<img src="cid:${QR_CID}" width="${side}" height="${side}" alt="${label}" style="display:block;border:0">`;
}

const make = (kind: Kind) =>
  defineTemplate({ schema: eventSchema, render: (locale, data) => render(kind, locale, data) });

export const eventRsvpConfirmed = make('confirmed');
export const eventWaitlisted = make('waitlisted');
export const eventPromoted = make('promoted');
export const eventReminder = make('reminder');
export const eventChanged = make('changed');
export const eventCancelled = make('cancelled');
export const eventMessage = make('message');
