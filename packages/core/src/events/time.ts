/*
 * Times are stored in UTC and shown in the event's zone. These helpers convert between a
 * wall-clock time in a zone (what an organizer types) and the UTC instant, with Intl only.
 */

/** True for an IANA zone this runtime knows, e.g. `Europe/Paris`. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in milliseconds (+1 h in Paris in winter). */
function offsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time in a zone (`2026-12-10T19:00`) as an ISO UTC instant. In the hour that
 * does not exist (spring forward) it moves forward; in the repeated hour it takes the first.
 *
 * @example
 * zonedToUtc('2026-07-01T19:00', 'Europe/Paris') // '2026-07-01T17:00:00.000Z'
 */
export function zonedToUtc(local: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetMs(guess, zone);
  const second = guess - offsetMs(first, zone);
  return new Date(Math.min(first, second)).toISOString();
}

/**
 * An ISO UTC instant as a wall-clock time in a zone, in the form `zonedToUtc` reads.
 *
 * @example
 * utcToZoned('2026-07-01T17:00:00.000Z', 'Europe/Paris') // '2026-07-01T19:00'
 */
export function utcToZoned(iso: string, zone: string): string {
  const t = Date.parse(iso);
  return new Date(t + offsetMs(t, zone)).toISOString().slice(0, 16);
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
