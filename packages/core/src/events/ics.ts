/**
 * iCalendar files (RFC 5545) through ical-generator, with a VTIMEZONE block for the event's
 * zone from timezones-ical-library, so calendars show the right local time across DST changes.
 * Public files carry the public details only; the online link and a private address are for
 * confirmed attendees (their own file).
 */
import ical, { ICalEventStatus, type ICalLuxonDateTimeStub } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { type Event, pickText } from './events.ts';
import { eventLinks, placeLine } from './mail.ts';
import { utcToZoned } from './time.ts';

/*
 * ical-generator writes a JS Date in a zone using the process's own zone (getHours()), which
 * is UTC on most servers. It also accepts date-time objects in the shape of Luxon's: this tiny
 * one answers the wall-clock time in the event's zone, computed with Intl (see time.ts).
 */
function inZone(iso: string, zone: string): ICalLuxonDateTimeStub {
  const local = utcToZoned(iso, zone); // YYYY-MM-DDTHH:mm
  const stub: ICalLuxonDateTimeStub = {
    isValid: true,
    zone: { type: 'iana' },
    setZone: () => stub,
    toJSDate: () => new Date(iso),
    toJSON: () => iso,
    toFormat: (format) =>
      format === 'yyyyLLdd'
        ? local.slice(0, 10).replaceAll('-', '')
        : `${local.slice(11, 13)}${local.slice(14, 16)}00`,
  };
  return stub;
}

function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && block[0] ? block[0] : null;
}

/**
 * One calendar with the given events, each in its own zone.
 *
 * @example
 * const text = eventsCalendar([event], { name: 'QuitGPT Paris', publicUrl, locale: 'fr' });
 */
export function eventsCalendar(
  events: Event[],
  options: {
    name: string;
    publicUrl: string;
    locale: string;
    /** Attendee's own file: include the private details. */
    confirmed?: boolean;
  },
): string {
  const host = new URL(options.publicUrl).host;
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Groundwork', product: 'events' },
  });
  calendar.timezone({ name: null, generator: vtimezone });
  for (const event of events) {
    const url = options.publicUrl + eventLinks.page(event.slug);
    const place = placeLine(event, options.confirmed === true);
    const online = options.confirmed && event.onlineUrl ? event.onlineUrl : null;
    const description = [
      pickText(event.description, options.locale, event.defaultLocale),
      online,
      url,
    ]
      .filter(Boolean)
      .join('\n\n');
    calendar.createEvent({
      id: `${event.id}@${host}`,
      start: inZone(event.startsAt, event.timeZone),
      end: inZone(event.endsAt, event.timeZone),
      timezone: event.timeZone,
      stamp: new Date(event.updatedAt),
      lastModified: new Date(event.updatedAt),
      summary: pickText(event.title, options.locale, event.defaultLocale),
      description,
      location: place ?? online ?? null,
      url,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
