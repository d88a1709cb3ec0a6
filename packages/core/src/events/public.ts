import { renderMarkdown } from '../pledges/markdown.ts';
import { type Event, type EventLocale, pickText } from './events.ts';
import { eventLinks } from './mail.ts';
import { isFull } from './seats.ts';
import { formatEventSpan } from './time.ts';

/** What `GET /api/v1/events/:slug` answers: public details only, never the online link. */
export interface PublicEvent {
  slug: string;
  status: 'published' | 'cancelled';
  locale: EventLocale;
  locales: EventLocale[];
  title: string;
  descriptionHtml: string;
  chapter: { slug: string; name: string };
  timeZone: string;
  startsAt: string;
  endsAt: string;
  /** The time span formatted in the event's zone and the answer's language. */
  when: string;
  venueName: string | null;
  /** Null when the organizer shows the address to confirmed attendees only. */
  venueAddress: string | null;
  online: boolean;
  capacity: number | null;
  seatsLeft: number | null;
  full: boolean;
  waitlist: boolean;
  /** True while RSVPs are taken (published, not over, a seat or a waitlist). */
  open: boolean;
  questions: Array<{
    id: string;
    kind: 'single' | 'multiple' | 'text';
    required: boolean;
    label: string;
    options: Array<{ id: string; label: string }>;
  }>;
  consentText: string;
  url: string;
  icsUrl: string;
  rsvpUrl: string;
}

/**
 * The public view of an event in a language.
 *
 * @example
 * const view = toPublicEvent(event, chapter, 'en', publicUrl, isoNow(clock));
 */
export function toPublicEvent(
  event: Event,
  chapter: { slug: string; name: string },
  wanted: string | undefined,
  publicUrl: string,
  now: string,
  consentText: (locale: string, chapterName: string) => string,
): PublicEvent {
  const locales = (['fr', 'en'] as const).filter((l) => event.title[l]);
  const locale: EventLocale =
    wanted === 'fr' || wanted === 'en'
      ? locales.includes(wanted)
        ? wanted
        : event.defaultLocale
      : event.defaultLocale;
  const full = isFull(event);
  const label = (t: Partial<Record<EventLocale, string>>) =>
    pickText(t, locale, event.defaultLocale);
  return {
    slug: event.slug,
    status: event.status === 'cancelled' ? 'cancelled' : 'published',
    locale,
    locales: locales.length > 0 ? locales : [event.defaultLocale],
    title: label(event.title),
    descriptionHtml: renderMarkdown(label(event.description)),
    chapter,
    timeZone: event.timeZone,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    when: formatEventSpan(event.startsAt, event.endsAt, event.timeZone, locale),
    venueName: event.venueName,
    venueAddress: event.addressPublic ? event.venueAddress : null,
    online: event.onlineUrl !== null,
    capacity: event.capacity,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - event.seatsTaken),
    full,
    waitlist: event.waitlist,
    open: event.status === 'published' && event.endsAt > now && (!full || event.waitlist),
    questions: event.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      required: q.required,
      label: label(q.label),
      options: q.options.map((o) => ({ id: o.id, label: label(o.label) })),
    })),
    consentText: consentText(locale, chapter.name),
    url: publicUrl + eventLinks.page(event.slug),
    icsUrl: publicUrl + eventLinks.ics(event.slug),
    rsvpUrl: `${publicUrl}/api/v1/events/${encodeURIComponent(event.slug)}/rsvps`,
  };
}
