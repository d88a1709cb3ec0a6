/*
 * Times are stored in UTC and shown in the event's zone: what an organizer types is a
 * wall-clock time in that zone (`clock/time-zones.ts` converts it).
 */
export { utcToZoned, zonedToUtc } from '../clock/time-zones.ts';

/** True for an IANA zone this runtime knows, e.g. `Europe/Paris`. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The event's time span for people, in its zone and a language, e.g.
 * `jeudi 10 décembre 2026, 19:00 – 22:00 (Europe/Paris)`.
 *
 * @example
 * formatEventSpan(start, end, 'Europe/Paris', 'en')
 */
export function formatEventSpan(
  startsAt: string,
  endsAt: string,
  zone: string,
  locale: string,
): string {
  const lang = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(lang, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(lang, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = day.format(start) === day.format(end);
  const from = `${day.format(start)}, ${time.format(start)}`;
  const to = sameDay ? time.format(end) : `${day.format(end)}, ${time.format(end)}`;
  return `${from} – ${to} (${zone})`;
}
