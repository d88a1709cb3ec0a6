import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { mailLocale, type TemplateName } from '../mail/index.ts';
import { enqueueMail } from '../outbox/index.ts';
import { type Event, pickText } from './events.ts';
import { formatEventSpan } from './time.ts';

/** Where an event's public and attendee pages live (relative to the instance's URL). */
export const eventLinks = {
  page: (slug: string) => `/e/${encodeURIComponent(slug)}`,
  ics: (slug: string) => `/e/${encodeURIComponent(slug)}.ics`,
  attendee: (slug: string, token: string) => `/e/${encodeURIComponent(slug)}/rsvp/${token}`,
  cancel: (slug: string, token: string) => `/e/${encodeURIComponent(slug)}/cancel/${token}`,
};

/** What a mail about one RSVP needs to know of it. */
export interface MailRsvp {
  id: string;
  personId: string;
  email: string;
  name: string | null;
  locale: string;
  code: string;
  token: string;
  /** Confirmed people get the practical details (place, online link, check-in code). */
  confirmed: boolean;
}

export type EventTemplate = Extract<TemplateName, `event-${string}`>;

/**
 * The place as a line for people: the venue name, and the address when it is public or the
 * reader has a seat; the online link only for confirmed attendees (passed separately).
 */
export function placeLine(event: Event, confirmed: boolean): string | undefined {
  const parts = [event.venueName, confirmed || event.addressPublic ? event.venueAddress : null];
  const line = parts.filter(Boolean).join(', ');
  return line || undefined;
}

/**
 * Queues one event mail to one person, in the caller's transaction. `dedupeKey` makes a
 * repeated call (a restarted job) queue nothing new.
 *
 * @example
 * await queueEventMail(trx, 'event-rsvp-confirmed', event, chapterName, rsvp, { publicUrl, clock });
 */
export async function queueEventMail(
  trx: Kysely<Database> | Transaction<Database>,
  template: EventTemplate,
  event: Event,
  chapterName: string,
  rsvp: MailRsvp,
  options: {
    publicUrl: string;
    clock: Clock;
    dedupeKey?: string;
    message?: { subject: string; text: string };
  },
): Promise<void> {
  const locale = mailLocale(rsvp.locale);
  const base = options.publicUrl;
  const details = rsvp.confirmed && template !== 'event-cancelled';
  const place = placeLine(event, rsvp.confirmed);
  await enqueueMail(
    trx,
    {
      chapterId: event.chapterId,
      to: rsvp.email,
      template,
      locale,
      personId: rsvp.personId,
      fromName: chapterName,
      dedupeKey: options.dedupeKey ?? null,
      data: {
        eventTitle: pickText(event.title, locale, event.defaultLocale),
        chapterName,
        when: formatEventSpan(event.startsAt, event.endsAt, event.timeZone, locale),
        ...(rsvp.name ? { name: rsvp.name.slice(0, 500) } : {}),
        ...(place ? { place } : {}),
        ...(details && event.onlineUrl ? { onlineUrl: event.onlineUrl } : {}),
        ...(details ? { code: rsvp.code } : {}),
        eventUrl: base + eventLinks.page(event.slug),
        ...(template !== 'event-cancelled'
          ? {
              attendeeUrl: base + eventLinks.attendee(event.slug, rsvp.token),
              cancelUrl: base + eventLinks.cancel(event.slug, rsvp.token),
              // Confirmed people get their own file, with the private details.
              icsUrl: details
                ? `${base + eventLinks.attendee(event.slug, rsvp.token)}.ics`
                : base + eventLinks.ics(event.slug),
            }
          : {}),
        ...(options.message
          ? { subject: options.message.subject, message: options.message.text }
          : {}),
      },
    },
    options.clock,
  );
}

/** The RSVPs of an event in some statuses, with what their mails need. */
export async function mailRecipients(
  db: Kysely<Database> | Transaction<Database>,
  eventId: string,
  statuses: Array<'confirmed' | 'waitlisted'>,
): Promise<MailRsvp[]> {
  const rows = await db
    .selectFrom('rsvps')
    .innerJoin('people', 'people.id', 'rsvps.person_id')
    .select([
      'rsvps.id',
      'rsvps.person_id',
      'people.email',
      'people.name',
      'rsvps.locale',
      'rsvps.code',
      'rsvps.token',
      'rsvps.status',
    ])
    .where('rsvps.event_id', '=', eventId)
    .where('rsvps.status', 'in', statuses)
    .orderBy('rsvps.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    email: r.email,
    name: r.name,
    locale: r.locale,
    code: r.code,
    token: r.token,
    confirmed: r.status === 'confirmed',
  }));
}

/** The chapter's display name (mail sender name and signature). */
export async function chapterNameOf(
  db: Kysely<Database> | Transaction<Database>,
  chapterId: string,
): Promise<string> {
  const row = await db
    .selectFrom('chapters')
    .select('name')
    .where('id', '=', chapterId)
    .executeTakeFirstOrThrow();
  return row.name;
}
